/**
 * Txs whose network fee carries traced value but that have no traced edge:
 * all their tainted value went to the miner (Bitcoin), or they moved no
 * tainted value and paid gas out of a tainted balance (EVM, e.g. an
 * `approve`). Without a row of their own the hop table's fee column could not
 * add up to the reconciliation's fees.
 */
import { formatUnits } from '../core/amount.js'
import { isoTime } from '../core/time.js'
import type { TxFee } from '../trace/types.js'
import { mergeTxFees } from './edge-fees.js'
import type { FeeOnlyTx, GraphEdge } from './types.js'

/** The note on a fee-only row, in hops.csv and the HTML hop table alike. */
export const FEE_ONLY_NOTE = 'fee only: no traced output'
/** The "to" of a fee-only row: the fee went to the miner or validator. */
export const FEE_ONLY_TO = '(network fee)'

/** The chain and its native coin, in which every fee is paid. */
export type FeeAsset = { chain: string; symbol: string; decimals: number }

/**
 * One row per tx with traced fee > 0 and no edge, by block (unconfirmed last),
 * then tx hash: the same trace gives the same list whatever order the engine
 * met the txs in.
 */
export function feeOnlyTxs(
  edges: readonly GraphEdge[],
  fees: readonly TxFee[] | undefined,
  asset: FeeAsset,
): FeeOnlyTx[] {
  const withEdge = new Set(edges.map((e) => e.txHash))
  return [...mergeTxFees(fees ?? []).values()]
    .filter((f) => f.feeTaint > 0n && !withEdge.has(f.txHash))
    .map((f) => feeOnlyRow(f, asset))
    .sort(byBlockThenHash)
}

/** `{ feeOnly }` when there is any, else nothing: reports without one keep their shape. */
export function feeOnlyField(
  edges: readonly GraphEdge[],
  fees: readonly TxFee[] | undefined,
  asset: FeeAsset,
): { feeOnly?: FeeOnlyTx[] } {
  const feeOnly = feeOnlyTxs(edges, fees, asset)
  return feeOnly.length > 0 ? { feeOnly } : {}
}

function feeOnlyRow(f: TxFee, asset: FeeAsset): FeeOnlyTx {
  return {
    chain: asset.chain,
    txHash: f.txHash,
    hop: f.hop ?? null,
    block: f.block ?? null,
    time: f.time == null ? null : isoTime(f.time),
    asset: asset.symbol,
    from: [...(f.from ?? [])],
    feeBase: f.fee.toString(),
    fee: formatUnits(f.fee, asset.decimals),
    tracedFeeBase: f.feeTaint.toString(),
    tracedFee: formatUnits(f.feeTaint, asset.decimals),
  }
}

function byBlockThenHash(a: FeeOnlyTx, b: FeeOnlyTx): number {
  const ha = a.block ?? Number.POSITIVE_INFINITY
  const hb = b.block ?? Number.POSITIVE_INFINITY
  if (ha !== hb) return ha < hb ? -1 : 1
  return a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0
}

/** Σ traced fee of the hop table, edges and fee-only rows: the reconciliation's fees. */
export function hopTableTracedFees(
  edges: readonly GraphEdge[],
  feeOnly: readonly FeeOnlyTx[] | undefined,
): bigint {
  let sum = 0n
  for (const e of edges) sum += BigInt(e.tracedFeeBase ?? '0')
  for (const f of feeOnly ?? []) sum += BigInt(f.tracedFeeBase)
  return sum
}
