/** The report sections read off the case as run rather than off the walk. */
import { amountText, formatUnits, parseUnits } from '../core/amount.js'
import type { Seed } from '../core/seeds.js'
import { isoTime } from '../core/time.js'
import type { Asset } from '../core/types.js'
import type { PolicyName } from '../trace/types.js'
import { withContract } from './rows.js'
import type { FilteredTransfer, Report, ReportDiscrepancy } from './types.js'

export type CaseOptions = {
  maxHops: number
  maxNodes: number
  /** Base units, or whole units as text ("0.00001"). */
  minAmount: bigint | string
  policy: PolicyName
}

/** A transfer a source reported, as the wiring hands it over. */
export type TransferNote = {
  txHash: string
  kind: 'native' | 'internal' | 'erc20'
  from: string
  to: string
  value: bigint
  asset: Asset
}

export type TransferNotes = {
  discrepancies?:
    | readonly {
        transfer: TransferNote
        side: 'explorer-only' | 'rpc-only' | 'block-moved'
        detail: string
      }[]
    | undefined
  filtered?:
    | readonly {
        transfer: TransferNote
        reason: 'zero-value' | 'impostor-token' | 'invalid-decimals'
      }[]
    | undefined
}

/** The case as run: seeds, victims and options, the minimum in whole units of the native coin. */
export function caseSection(
  chain: string,
  native: Asset,
  input: {
    seeds: readonly Seed[]
    victims: readonly string[]
    options: CaseOptions
  },
): Report['case'] {
  const { options } = input
  const minAmount =
    typeof options.minAmount === 'bigint'
      ? options.minAmount
      : parseUnits(options.minAmount, native.decimals)
  return {
    chain,
    seeds: input.seeds.map(caseSeed),
    victims: [...new Set(input.victims)],
    options: {
      maxHops: options.maxHops,
      minAmount: formatUnits(minAmount, native.decimals),
      maxNodes: options.maxNodes,
      policy: options.policy,
    },
  }
}

function caseSeed(seed: Seed): Report['case']['seeds'][number] {
  if (seed.kind === 'tx')
    return seed.outputs
      ? {
          kind: 'tx',
          txid: seed.txid,
          outputs: [...seed.outputs].sort((a, b) => a - b),
        }
      : { kind: 'tx', txid: seed.txid }
  return seed.since === undefined
    ? { kind: 'address', address: seed.address }
    : { kind: 'address', address: seed.address, since: isoTime(seed.since) }
}

/** Why each drained-wallet tx was taken as a theft: the rule and the tx. */
export function seedHeuristics(
  seeds: readonly Seed[],
  drained: readonly { txHash: string; time: number; assets: string[] }[],
): Report['heuristics'] {
  const address = seeds.find((s) => s.kind === 'address')?.address
  return drained.map((d) => ({
    rule: 'address-seed',
    txHash: d.txHash,
    detail: `${d.assets.join(', ')} left the victim address ${address} at ${isoTime(d.time)}, at or after --since: taken as stolen`,
  }))
}

/** Transfers the sources disagreed on, and those seen but not traced. */
export function transferNotes(notes: TransferNotes): {
  discrepancies: ReportDiscrepancy[]
  filtered: FilteredTransfer[]
} {
  return {
    discrepancies: (notes.discrepancies ?? []).map(
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
    filtered: (notes.filtered ?? []).map(
      (f): FilteredTransfer =>
        withContract(
          {
            // Decimals outside 0–255 mean nothing: the amount stays in base units.
            ...note(
              f.reason === 'invalid-decimals'
                ? { ...f.transfer, asset: { ...f.transfer.asset, decimals: 0 } }
                : f.transfer,
            ),
            reason: f.reason,
          },
          f.transfer.asset,
        ),
    ),
  }
}

function note(t: TransferNote) {
  return {
    ...amountText(t.value, t.asset.decimals),
    txHash: t.txHash,
    asset: t.asset.symbol,
    from: t.from,
    to: t.to,
  }
}
