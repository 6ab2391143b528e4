/** The walk's flow as report.json's node and edge lists: decimal text, ISO times. */
import { formatUnits } from '../core/amount.js'
import { isoTime } from '../core/time.js'
import type { Asset } from '../core/types.js'
import type { Flow, FlowEdge, FlowNode } from '../graph/flow.js'
import type { GraphEdge, GraphNode } from './types.js'

/** `chains`: the trace read several chains, so each node says which it is on. */
export function reportGraph(
  flow: Flow,
  native: Asset,
  chains = false,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: flow.nodes.map((n) => graphNode(n, chains)),
    edges: flow.edges.map((e) => graphEdge(e, native)),
  }
}

function graphNode(n: FlowNode, chains: boolean): GraphNode {
  const node: GraphNode = {
    id: n.id,
    kind: n.kind,
    address: n.address,
    hop: n.hop,
    role: n.role,
  }
  if (n.entity !== null) node.entity = n.entity
  if (n.category !== null) node.category = n.category
  if (chains && n.chain) node.chain = n.chain
  return node
}

/** An edge that names its asset (account model) says so, with its kind. */
function graphEdge(e: FlowEdge, native: Asset): GraphEdge {
  const { decimals } = e.asset ?? native
  const edge: GraphEdge = {
    id: e.id,
    source: e.source,
    target: e.target,
    txHash: e.txHash,
    outputIndex: e.outputIndex,
    amountBase: e.amount.toString(),
    taintedBase: e.tainted.toString(),
    amount: formatUnits(e.amount, decimals),
    tainted: formatUnits(e.tainted, decimals),
    block: e.block,
    time: e.time === null ? null : isoTime(e.time),
    hop: e.hop,
    policy: e.policy,
  }
  if (e.kind) edge.kind = e.kind
  if (e.asset) edge.asset = e.asset.symbol
  if (e.asset?.contract) edge.contract = e.asset.contract
  return edge
}
