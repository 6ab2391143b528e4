/** Per-tx network fees on the hop table: each tx's fee sits on its first edge only. */
import { formatUnits } from '../core/amount.js'
import type { GraphEdge, GraphNode } from './types.js'

/** One tx's network fee and the part of it the policy counted as tainted (base units). */
export type TxFee = { txHash: string; fee: bigint; feeTaint: bigint }

/**
 * Sets fee/tracedFee on the lowest-index edge of each tx, so that summing the
 * column never counts a fee twice; Σ tracedFeeBase is then the reconciliation's
 * fees as long as every tx with a tainted fee has an edge. Fees are in the
 * chain's native coin (`decimals`). Several entries for one tx add their taint.
 */
export function withTxFees(
  edges: readonly GraphEdge[],
  fees: readonly TxFee[],
  decimals: number,
): GraphEdge[] {
  const byTx = new Map<string, TxFee>()
  for (const f of fees) {
    const known = byTx.get(f.txHash)
    byTx.set(
      f.txHash,
      known ? { ...known, feeTaint: known.feeTaint + f.feeTaint } : { ...f },
    )
  }
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
