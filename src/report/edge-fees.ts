/** Per-tx network fees on the hop table: each tx's fee sits on its first edge only. */

import { formatUnits } from '../core/amount.js'
import type { TxFee } from '../trace/types.js'
import type { GraphEdge, GraphNode } from './types.js'

/**
 * One entry per tx, in first-seen order: a tx can be processed more than
 * once (a late tainted input), and each time its fee taint adds up.
 */
export function mergeTxFees(fees: readonly TxFee[]): Map<string, TxFee> {
  const byTx = new Map<string, TxFee>()
  for (const f of fees) {
    const known = byTx.get(f.txHash)
    byTx.set(f.txHash, known ? merged(known, f) : { ...f })
  }
  return byTx
}

function merged(a: TxFee, b: TxFee): TxFee {
  const hops = [a.hop, b.hop].filter((h) => h !== undefined)
  const from = [...new Set([...(a.from ?? []), ...(b.from ?? [])])]
  return {
    ...a,
    feeTaint: a.feeTaint + b.feeTaint,
    ...(hops.length > 0 ? { hop: Math.min(...hops) } : {}),
    block: a.block ?? b.block,
    time: a.time ?? b.time,
    ...(a.from || b.from ? { from } : {}),
  }
}

/**
 * Sets fee/tracedFee on the lowest-index edge of each tx, so that summing the
 * column never counts a fee twice; Σ tracedFeeBase over edges plus the
 * fee-only rows (fee-only.ts) is then the reconciliation's fees. Fees are in
 * the chain's native coin (`decimals`).
 */
export function withTxFees(
  edges: readonly GraphEdge[],
  fees: readonly TxFee[],
  decimals: number,
): GraphEdge[] {
  const byTx = mergeTxFees(fees)
  const first = new Map<string, GraphEdge>()
  for (const e of edges) {
    const best = first.get(e.txHash)
    if (!best || e.outputIndex < best.outputIndex) first.set(e.txHash, e)
  }
  return edges.map((e) => {
    const fee = byTx.get(e.txHash)
    if (!fee || first.get(e.txHash) !== e) return e
    return {
      ...e,
      feeBase: fee.fee.toString(),
      fee: formatUnits(fee.fee, decimals),
      tracedFeeBase: fee.feeTaint.toString(),
      tracedFee: formatUnits(fee.feeTaint, decimals),
    }
  })
}

/** A report graph with each tx's fee on its first edge. */
export function graphWithTxFees(
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
  fees: readonly TxFee[] | undefined,
  decimals: number,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: graph.nodes,
    edges: withTxFees(graph.edges, fees ?? [], decimals),
  }
}
