/** The flow graph as the plain, sorted node and edge lists of report.json. */
import { formatUnits } from '../core/amount.js'
import type { GraphEdge, GraphNode } from '../report/types.js'
import type { FlowGraph } from './flowGraph.js'

export function exportGraph(graph: FlowGraph): {
  nodes: GraphNode[]
  edges: GraphEdge[]
} {
  const decimals = graph.getAttribute('decimals')
  const nodes = graph.mapNodes((id, a): GraphNode => {
    const node: GraphNode = {
      id,
      kind: a.kind,
      address: a.address,
      hop: a.hop,
      role: a.role,
    }
    if (a.entity !== null) node.entity = a.entity
    if (a.category !== null) node.category = a.category
    return node
  })
  const edges = graph.mapEdges(
    (id, a, source, target): GraphEdge => ({
      id,
      source,
      target,
      txHash: a.txid,
      outputIndex: a.outputIndex,
      amountBase: a.amount.toString(),
      taintedBase: a.tainted.toString(),
      amount: formatUnits(a.amount, decimals),
      tainted: formatUnits(a.tainted, decimals),
      block: a.block,
      time: a.time === null ? null : new Date(a.time * 1000).toISOString(),
      hop: a.hop,
      policy: a.policy,
    }),
  )
  nodes.sort((x, y) => x.hop - y.hop || compare(x.id, y.id))
  edges.sort(
    (x, y) =>
      x.hop - y.hop ||
      compare(x.txHash, y.txHash) ||
      x.outputIndex - y.outputIndex,
  )
  return { nodes, edges }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
