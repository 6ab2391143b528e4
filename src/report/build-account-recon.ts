/** Per-asset reconciliation and the headline asset of an account report. */
import { formatUnits } from '../core/amount.js'
import type { Asset } from '../core/types.js'
import type { AccountWalkResult } from '../trace/account/types.js'
import type { AssetReconciliation, Report } from './types.js'

/** Native when any was stolen, else the largest whole-unit amount. */
export function headlineAsset(result: AccountWalkResult, native: Asset): Asset {
  const stolen = result.stolen.filter((s) => s.amount > 0n)
  if (stolen.length === 0 || stolen.some((s) => !s.asset.contract))
    return native
  const scaled = (s: (typeof stolen)[number]) =>
    s.amount * 10n ** BigInt(Math.max(0, 36 - s.asset.decimals))
  return stolen.reduce((a, b) => (scaled(b) > scaled(a) ? b : a)).asset
}

export function assetReconciliations(
  result: AccountWalkResult,
): AssetReconciliation[] {
  return result.reconciliation.map((r) => {
    // Likely services are stops at a service, as in the Bitcoin reconciliation.
    const moved = result.unexplored
      .filter((u) => u.reason === 'likely-service' && sameKey(u.asset, r.asset))
      .reduce((s, u) => s + u.amount, 0n)
    const t = (v: bigint) => text(v, r.asset)
    return withContract(
      {
        asset: r.asset.symbol,
        decimals: r.asset.decimals,
        stolen: t(r.stolen),
        atExchanges: t(r.atExchanges),
        atServices: t(r.atServices + moved),
        atRest: t(r.atRest),
        returnedToVictim: t(r.returnedToVictim),
        fees: t(r.fees),
        unexplored: t(r.unexplored - moved),
        absorbed: t(r.absorbed),
        balanced: r.balanced,
      },
      r.asset,
    )
  })
}

export function stripAsset(r: AssetReconciliation): Report['reconciliation'] {
  const { asset: _a, decimals: _d, contract: _c, ...rest } = r
  return rest
}

export function zeroReconciliation(asset: Asset): AssetReconciliation {
  const z = text(0n, asset)
  return {
    asset: asset.symbol,
    decimals: asset.decimals,
    stolen: z,
    atExchanges: z,
    atServices: z,
    atRest: z,
    returnedToVictim: z,
    fees: z,
    unexplored: z,
    absorbed: z,
    balanced: true,
  }
}

export function text(value: bigint, asset: Asset) {
  return {
    amount: formatUnits(value, asset.decimals),
    amountBase: value.toString(),
  }
}

export function withContract<T extends object>(
  row: T,
  asset: Asset,
): T & { contract?: string } {
  return asset.contract ? { ...row, contract: asset.contract } : row
}

export const keyOf = (asset: Asset) => asset.contract?.toLowerCase() ?? 'native'
const sameKey = (a: Asset, b: Asset) => keyOf(a) === keyOf(b)
export const sameAsset = (r: AssetReconciliation, a: Asset) =>
  (r.contract ?? 'native') === keyOf(a)
