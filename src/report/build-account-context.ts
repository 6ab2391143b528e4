/** The account report's inputs, and the report sections read straight off them. */
import type { Asset } from '../core/types.js'
import type { AddressSeedTx } from '../trace/account/address-seed.js'
import type { PolicyName } from '../trace/types.js'
import { text, withContract } from './build-account-recon.js'
import type {
  FilteredTransfer,
  Report,
  ReportDiscrepancy,
  SourceUse,
} from './types.js'

export type AccountTransferNote = {
  txHash: string
  kind: 'native' | 'internal' | 'erc20'
  from: string
  to: string
  value: bigint
  asset: Asset
}

export type BuildAccountReportContext = {
  chain: string
  /** The chain's native coin. */
  nativeAsset: Asset
  seeds: readonly string[]
  /** A drained-wallet seed and the outflow txs it named. */
  addressSeed?: { address: string; since?: number | undefined } | undefined
  addressSeedTxs?: readonly AddressSeedTx[] | undefined
  victims: readonly string[]
  options: {
    maxHops: number
    maxNodes: number
    /** Whole units, applied to each asset in its own decimals. */
    minAmount: string
    policy: PolicyName
  }
  generatedAt: string
  toolVersion: string
  sources: readonly SourceUse[]
  tipHeight: number | null
  /** The wiring's own, added to the walk's. */
  limitations?: readonly string[] | undefined
  discrepancies?:
    | readonly {
        transfer: AccountTransferNote
        side: 'explorer-only' | 'rpc-only' | 'block-moved'
        detail: string
      }[]
    | undefined
  filtered?:
    | readonly {
        transfer: AccountTransferNote
        reason: 'zero-value' | 'impostor-token'
      }[]
    | undefined
}

export function caseSection(ctx: BuildAccountReportContext): Report['case'] {
  return {
    chain: ctx.chain,
    seeds: [
      ...(ctx.addressSeed ? [addressSeedEntry(ctx.addressSeed)] : []),
      ...ctx.seeds.map((txid) => ({ kind: 'tx' as const, txid })),
    ],
    victims: [...new Set(ctx.victims)],
    options: { ...ctx.options },
  }
}

function addressSeedEntry(seed: {
  address: string
  since?: number | undefined
}) {
  return seed.since === undefined
    ? { kind: 'address' as const, address: seed.address }
    : {
        kind: 'address' as const,
        address: seed.address,
        since: new Date(seed.since * 1000).toISOString(),
      }
}

/** Why each drained-wallet tx was taken as a theft: the rule and the tx. */
export function seedHeuristics(ctx: BuildAccountReportContext) {
  const address = ctx.addressSeed?.address
  return (ctx.addressSeedTxs ?? []).map((d) => ({
    rule: 'address-seed',
    txHash: d.txHash,
    detail: `${d.assets.join(', ')} left the victim address ${address} at ${new Date(d.time * 1000).toISOString()}, at or after --since: taken as stolen`,
  }))
}

/** Transfers the sources disagreed on, and those seen but not traced. */
export function transferNotes(ctx: BuildAccountReportContext): {
  discrepancies: ReportDiscrepancy[]
  filtered: FilteredTransfer[]
} {
  return {
    discrepancies: (ctx.discrepancies ?? []).map(
      (d): ReportDiscrepancy =>
        withContract(
          {
            ...note(d.transfer),
            kind: d.transfer.kind,
            side: d.side,
            detail: d.detail,
          },
          d.transfer.asset,
        ),
    ),
    filtered: (ctx.filtered ?? []).map(
      (f): FilteredTransfer =>
        withContract(
          { ...note(f.transfer), reason: f.reason },
          f.transfer.asset,
        ),
    ),
  }
}

function note(t: AccountTransferNote) {
  return {
    ...text(t.value, t.asset),
    txHash: t.txHash,
    asset: t.asset.symbol,
    from: t.from,
    to: t.to,
  }
}
