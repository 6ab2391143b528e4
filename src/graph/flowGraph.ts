/** The flow of tainted value as a graphology multigraph: addresses and transfers. */
import { MultiDirectedGraph } from 'graphology'
import type { BlockRef } from '../core/types.js'
import type { PolicyName, StopReason } from '../trace/types.js'
import type { FlowEdge, FlowNode, NodeRole } from './flow.js'

export type FlowNodeAttributes = {
  kind: FlowNode['kind']
  address: string | null
  /** Fewest hops of a tx paying into the node (0 for seed inputs). */
  hop: number
  role: NodeRole
  entity: string | null
  category: string | null
}

export type FlowEdgeAttributes = Pick<
  FlowEdge,
  'outputIndex' | 'amount' | 'tainted' | 'block' | 'time' | 'hop' | 'policy'
> & {
  txid: string
  /** Every tainted input node of the tx (all inputs for a seed tx). */
  inputs: string[]
}

export type FlowGraphAttributes = {
  chain: string
  decimals: number
  policy: PolicyName
}

export type FlowGraph = MultiDirectedGraph<
  FlowNodeAttributes,
  FlowEdgeAttributes,
  FlowGraphAttributes
>

/** One tainted output of a processed tx. */
export type Transfer = {
  txid: string
  outputIndex: number
  address: string | null
  amount: bigint
  tainted: bigint
  block: BlockRef | null
  hop: number
  /** Node ids and taint of the tainted inputs (all inputs for a seed tx). */
  inputs: { node: string; address: string | null; taint: bigint }[]
  unspent: boolean
}

/** The stop that marks a node's role; seeds and victims come separately. */
export type NodeMark = {
  node: string
  reason: StopReason
  entity: string | null
  category: string | null
}

const rolePriority: Record<NodeRole, number> = {
  victim: 5,
  exchange: 4,
  service: 3,
  seed: 2,
  endpoint: 1,
  intermediate: 0,
}

/** Node id of an output: its address, or the outpoint when it has none. */
export function outputNodeId(
  txid: string,
  vout: number,
  address: string | null,
  unspent = false,
): string {
  if (unspent) return `utxo:${txid}:${vout}`
  return address ?? `${txid}:${vout}`
}

/** The input holding the most taint; the first one on ties. */
export function pickSource(
  inputs: Transfer['inputs'],
): Transfer['inputs'][number] | undefined {
  let best: Transfer['inputs'][number] | undefined
  for (const input of inputs)
    if (!best || input.taint > best.taint) best = input
  return best
}

export function createFlowGraph(attributes: FlowGraphAttributes): FlowGraph {
  const graph: FlowGraph = new MultiDirectedGraph()
  graph.replaceAttributes(attributes)
  return graph
}

export function addTransfer(graph: FlowGraph, transfer: Transfer): void {
  const source = pickSource(transfer.inputs)
  if (source === undefined) return
  const target = outputNodeId(
    transfer.txid,
    transfer.outputIndex,
    transfer.address,
    transfer.unspent,
  )
  const targetKind = transfer.unspent
    ? 'utxo'
    : transfer.address === null
      ? 'script'
      : 'address'
  ensureNode(
    graph,
    source.node,
    kindOf(source.address),
    source.address,
    transfer.hop - 1,
  )
  ensureNode(graph, target, targetKind, transfer.address, transfer.hop)
  const key = `${transfer.txid}:${transfer.outputIndex}`
  if (graph.hasEdge(key)) {
    // A later taint delta on the same output (a merge resolved late).
    graph.updateEdgeAttribute(
      key,
      'tainted',
      (t) => (t ?? 0n) + transfer.tainted,
    )
    return
  }
  graph.addDirectedEdgeWithKey(key, source.node, target, {
    txid: transfer.txid,
    outputIndex: transfer.outputIndex,
    amount: transfer.amount,
    tainted: transfer.tainted,
    block: transfer.block?.height ?? null,
    time: transfer.block?.time ?? null,
    hop: transfer.hop,
    policy: graph.getAttribute('policy'),
    inputs: [...new Set(transfer.inputs.map((input) => input.node))],
  })
}

const kindOf = (address: string | null) =>
  address === null ? 'script' : 'address'

function ensureNode(
  graph: FlowGraph,
  id: string,
  kind: FlowNodeAttributes['kind'],
  address: string | null,
  hop: number,
): void {
  if (graph.hasNode(id)) {
    if (hop < graph.getNodeAttribute(id, 'hop'))
      graph.setNodeAttribute(id, 'hop', hop)
    return
  }
  graph.addNode(id, {
    kind,
    address,
    hop,
    role: hop === 0 ? 'seed' : 'intermediate',
    entity: null,
    category: null,
  })
}

const roleOf: Record<StopReason, NodeRole> = {
  exchange: 'exchange',
  service: 'service',
  victim: 'victim',
  unspent: 'endpoint',
  'max-hops': 'endpoint',
  'min-amount': 'endpoint',
  coinjoin: 'endpoint',
  'max-nodes': 'endpoint',
  'fetch-failed': 'endpoint',
  swapped: 'service',
  'swap-pending': 'service',
  'no-source': 'endpoint',
  untraced: 'endpoint',
  'balance-short': 'endpoint',
}

/** Raises a node's role when a stronger one applies (victim > exchange > ...). */
export function markNode(
  graph: FlowGraph,
  mark: NodeMark | { node: string; role: NodeRole },
): void {
  if (!graph.hasNode(mark.node)) return
  const role = 'role' in mark ? mark.role : roleOf[mark.reason]
  const current = graph.getNodeAttributes(mark.node)
  if (rolePriority[role] < rolePriority[current.role]) return
  graph.mergeNodeAttributes(mark.node, {
    role,
    ...('entity' in mark && mark.entity !== null
      ? { entity: mark.entity, category: mark.category }
      : {}),
  })
}
