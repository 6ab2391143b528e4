/** The account walk's tainted transfers as the plain flow every model emits. */
import type { Flow, FlowEdge, FlowNode } from '../../graph/flow.js'
import type { PolicyName } from '../types.js'
import type { AccountEdge, Settlement } from './types.js'

export function accountFlow(
  settled: Settlement,
  victims: readonly string[],
  policy: PolicyName,
): Flow {
  const nodes = flowNodes(settled.edges)
  const mark = (
    address: string,
    role: FlowNode['role'],
    entity: string | null = null,
    category: string | null = null,
  ) => {
    const n = nodes.get(address)
    if (!n || n.role === 'victim' || n.role === 'exchange') return
    n.role = role
    if (entity) n.entity = entity
    if (category) n.category = category
  }
  for (const v of victims) mark(v, 'victim')
  for (const h of settled.hits)
    mark(h.address, 'exchange', h.entity, h.category)
  for (const s of settled.stops)
    if (s.reason !== 'victim') mark(s.address, 'service', s.entity, s.reason)
  for (const u of settled.unexplored)
    if (u.reason === 'likely-service')
      mark(u.address, 'service', null, 'likely-service')
  for (const r of settled.atRest) mark(r.address, 'endpoint')
  return {
    nodes: [...nodes.values()].sort(
      (a, b) => a.hop - b.hop || compare(a.id, b.id),
    ),
    edges: settled.edges.map((e) => flowEdge(e, policy)).sort(byHopThenTx),
  }
}

/** Every sender and recipient; a sender reached by no tainted edge is where the theft started: hop 0. */
function flowNodes(edges: readonly AccountEdge[]): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>()
  const node = (address: string, hop: number) => {
    const found = nodes.get(address)
    if (found) found.hop = Math.min(found.hop, hop)
    else
      nodes.set(address, {
        id: address,
        kind: 'address',
        address,
        hop,
        role: hop === 0 ? 'seed' : 'intermediate',
        entity: null,
        category: null,
      })
  }
  for (const e of edges) {
    node(e.from, Math.max(0, e.hop - 1))
    node(e.to, e.hop)
  }
  const reached = new Set(edges.map((e) => e.to))
  for (const n of nodes.values()) if (!reached.has(n.id)) n.hop = 0
  for (const n of nodes.values())
    if (n.hop === 0 && n.role === 'intermediate') n.role = 'seed'
  return nodes
}

function flowEdge(e: AccountEdge, policy: PolicyName): FlowEdge {
  return {
    id: flowEdgeId(e),
    source: e.from,
    target: e.to,
    txHash: e.txHash,
    outputIndex: positionOf(e),
    amount: e.value,
    tainted: e.tainted,
    block: e.block,
    time: e.time,
    hop: e.hop,
    policy,
    kind: e.kind,
    asset: e.asset,
  }
}

/**
 * Unique within a tx, and the same whichever source reported the transfer.
 * Positions are neither: Etherscan's traceId "0_1" is Blockscout's and
 * Routescan's "19" for the same call, and "0_1" and "1_1" share their last
 * segment; explorer token rows may lack a log index. So a transfer other than
 * the tx's own value is named by what moved and its rank among identical moves.
 */
export function flowEdgeId(
  e: Pick<AccountEdge, 'key' | 'kind' | 'txHash'>,
): string {
  return e.kind === 'native' ? `${e.txHash}:native` : e.key
}

function byHopThenTx(a: FlowEdge, b: FlowEdge): number {
  return (
    a.hop - b.hop ||
    compare(a.txHash, b.txHash) ||
    a.outputIndex - b.outputIndex ||
    compare(a.id, b.id)
  )
}

/** A transfer's position in its tx: the log index or trace position, 0 for the tx's own value. */
export function positionOf(e: Pick<AccountEdge, 'kind' | 'logIndex'>): number {
  return e.kind === 'native' ? 0 : Math.max(0, e.logIndex)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
