/** The reconciliation as report.json writes it: decimal text, the headline asset's first. */

import { amountText } from '../core/amount.js'
import type { Asset } from '../core/types.js'
import type { Reconciliation } from '../trace/reconcile.js'
import type { AssetAmount } from '../trace/types.js'
import { withContract } from './rows.js'
import type { AssetReconciliation, Report } from './types.js'

export function assetReconciliation(
  r: Reconciliation,
  withChain = false,
): AssetReconciliation {
  const text = (v: bigint) => amountText(v, r.asset.decimals)
  return withContract(
    {
      asset: r.asset.symbol,
      ...(withChain && r.asset.chain ? { chain: r.asset.chain } : {}),
      decimals: r.asset.decimals,
      stolen: text(r.stolen),
      atExchanges: text(r.atExchanges),
      atServices: text(r.atServices),
      atRest: text(r.atRest),
      returnedToVictim: text(r.returnedToVictim),
      fees: text(r.fees),
      unexplored: text(r.unexplored),
      absorbed: text(r.absorbed),
      // Only traces through swaps carry these: other reports stay as they were.
      ...(r.receivedBySwap > 0n || r.swapped > 0n
        ? { receivedBySwap: text(r.receivedBySwap), swapped: text(r.swapped) }
        : {}),
      balanced: r.balanced,
    },
    r.asset,
  )
}

/** The headline asset's reconciliation, zero when nothing of it moved. */
export function headlineReconciliation(
  all: readonly Reconciliation[],
  headline: Asset,
): Report['reconciliation'] {
  const found = all.find((r) => sameAsset(r.asset, headline))
  const {
    asset: _a,
    decimals: _d,
    contract: _c,
    ...rest
  } = assetReconciliation(found ?? zero(headline))
  return rest
}

/** The native coin when any was stolen, else the largest whole-unit amount. */
export function headlineAsset(
  stolen: readonly AssetAmount[],
  native: Asset,
): Asset {
  const moved = stolen.filter((s) => s.amount > 0n)
  if (moved.length === 0 || moved.some((s) => !s.asset.contract)) return native
  const scaled = (s: AssetAmount) =>
    s.amount * 10n ** BigInt(Math.max(0, 36 - s.asset.decimals))
  return moved.reduce((a, b) => (scaled(b) > scaled(a) ? b : a)).asset
}

function zero(asset: Asset): Reconciliation {
  return {
    asset,
    stolen: 0n,
    receivedBySwap: 0n,
    swapped: 0n,
    atExchanges: 0n,
    atServices: 0n,
    atRest: 0n,
    returnedToVictim: 0n,
    fees: 0n,
    unexplored: 0n,
    absorbed: 0n,
    balanced: true,
  }
}

const sameAsset = (a: Asset, b: Asset) =>
  a.chain === b.chain &&
  (a.contract?.toLowerCase() ?? 'native') ===
    (b.contract?.toLowerCase() ?? 'native')

/** Books of one symbol on two chains (ETH on Ethereum and on Arbitrum) are told apart by chain. */
export function sharedSymbol(
  report: Pick<Report, 'reconciliations'>,
  r: { asset: string; chain?: string | undefined },
): boolean {
  return (
    r.chain !== undefined &&
    (report.reconciliations ?? []).some(
      (o) => o.asset === r.asset && o.chain !== r.chain,
    )
  )
}
