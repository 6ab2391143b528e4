/** The flow graph as plain, sorted node and edge lists. */
import type { Flow, FlowEdge, FlowNode } from './flow.js'
import type { FlowGraph } from './flowGraph.js'

export function exportGraph(graph: FlowGraph): Flow {
  const nodes = graph.mapNodes(
    (id, a): FlowNode => ({
      id,
      kind: a.kind,
      address: a.address,
      hop: a.hop,
      role: a.role,
      entity: a.entity,
      category: a.category,
    }),
  )
  const edges = graph.mapEdges(
    (id, a, source, target): FlowEdge => ({
      id,
      source,
      target,
      txHash: a.txid,
      outputIndex: a.outputIndex,
      amount: a.amount,
      tainted: a.tainted,
      block: a.block,
      time: a.time,
      hop: a.hop,
      policy: a.policy,
      inputs: [...a.inputs],
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
