/** The account walk's tainted transfers as report.json's node and edge lists. */
import { formatUnits } from '../core/amount.js'
import type { Asset } from '../core/types.js'
import type { AccountEdge, AccountWalkResult } from '../trace/account/types.js'
import type { PolicyName } from '../trace/types.js'
import { keyOf as assetKey } from './build-account-recon.js'
import type { GraphEdge, GraphNode } from './types.js'

const keyOf = (e: AccountEdge) => assetKey(e.asset)

/** Tainted inflows by `address|asset`, in chain order. */
export function edgeIndex(
  edges: readonly AccountEdge[],
): Map<string, AccountEdge[]> {
  const index = new Map<string, AccountEdge[]>()
  const sorted = [...edges].sort(
    (a, b) =>
      a.block - b.block ||
      a.logIndex - b.logIndex ||
      (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0),
  )
  for (const e of sorted) {
    const key = `${e.to}|${keyOf(e)}`
    const list = index.get(key) ?? []
    list.push(e)
    index.set(key, list)
  }
  return index
}

export function accountGraph(
  result: AccountWalkResult,
  victims: readonly string[],
  policy: PolicyName,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>()
  const node = (address: string, hop: number): GraphNode => {
    const found = nodes.get(address)
    if (found) {
      found.hop = Math.min(found.hop, hop)
      return found
    }
    const created: GraphNode = {
      id: address,
      kind: 'address',
      address,
      hop,
      role: hop === 0 ? 'seed' : 'intermediate',
    }
    nodes.set(address, created)
    return created
  }
  for (const e of result.edges) {
    node(e.from, Math.max(0, e.hop - 1))
    node(e.to, e.hop)
  }
  // A sender reached by no tainted edge is where the theft started: hop 0.
  const reached = new Set(result.edges.map((e) => e.to))
  for (const n of nodes.values()) if (!reached.has(n.id)) n.hop = 0
  for (const n of nodes.values())
    if (n.hop === 0 && n.role === 'intermediate') n.role = 'seed'
  const mark = (
    address: string,
    role: GraphNode['role'],
    entity?: string | null,
    category?: string | null,
  ) => {
    const n = nodes.get(address)
    if (!n || n.role === 'victim' || n.role === 'exchange') return
    n.role = role
    if (entity) n.entity = entity
    if (category) n.category = category
  }
  for (const v of victims) mark(v, 'victim')
  for (const h of result.hits) mark(h.address, 'exchange', h.entity, h.category)
  for (const s of result.stops)
    if (s.reason !== 'victim') mark(s.address, 'service', s.entity, s.reason)
  for (const u of result.unexplored)
    if (u.reason === 'likely-service')
      mark(u.address, 'service', null, 'likely-service')
  for (const r of result.atRest) mark(r.address, 'endpoint')
  const edges = result.edges.map((e): GraphEdge => {
    const edge: GraphEdge = {
      id: `${e.txHash}:${e.kind}:${e.logIndex}`,
      source: e.from,
      target: e.to,
      txHash: e.txHash,
      outputIndex: e.kind === 'native' ? 0 : Math.max(0, e.logIndex),
      amountBase: e.value.toString(),
      taintedBase: e.tainted.toString(),
      amount: formatUnits(e.value, e.asset.decimals),
      tainted: formatUnits(e.tainted, e.asset.decimals),
      block: e.block,
      time: new Date(e.time * 1000).toISOString(),
      hop: e.hop,
      policy,
      kind: e.kind,
      asset: e.asset.symbol,
    }
    if (e.asset.contract) edge.contract = e.asset.contract
    return edge
  })
  const list = [...nodes.values()].sort(
    (a, b) => a.hop - b.hop || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  edges.sort(
    (a, b) =>
      a.hop - b.hop ||
      (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0) ||
      a.outputIndex - b.outputIndex ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  return { nodes: list, edges }
}

/**
 * One Asset per token contract across the result. A token whose contract did
 * not answer symbol()/decimals() over RPC arrives as {symbol: contract,
 * decimals: 0}; the explorer's rows for the same contract name it properly.
 */
export function withKnownAssets(
  result: AccountWalkResult,
  extra: readonly Asset[] = [],
): AccountWalkResult {
  const best = new Map<string, Asset>()
  const named = (a: Asset) => a.decimals > 0 || a.symbol !== a.contract
  const seen = [
    ...extra,
    ...result.edges.map((e) => e.asset),
    ...result.stolen.map((s) => s.asset),
    ...result.hits.map((h) => h.asset),
  ]
  for (const asset of seen) {
    if (!asset.contract) continue
    const key = asset.contract.toLowerCase()
    const known = best.get(key)
    if (!known || (!named(known) && named(asset))) best.set(key, asset)
  }
  const fix = <T extends { asset: Asset }>(item: T): T => {
    const known = item.asset.contract
      ? best.get(item.asset.contract.toLowerCase())
      : undefined
    return known && known !== item.asset ? { ...item, asset: known } : item
  }
  return {
    ...result,
    stolen: result.stolen.map(fix),
    hits: result.hits.map(fix),
    stops: result.stops.map(fix),
    atRest: result.atRest.map(fix),
    unexplored: result.unexplored.map(fix),
    edges: result.edges.map(fix),
    fees: result.fees.map(fix),
    reconciliation: result.reconciliation.map(fix),
  }
}

/**
 * The sweep out of a deposit address is the evidence behind its hit (listed
 * in the hit's `evidence`), not a further hop: as on Bitcoin, it is not drawn
 * or tabled, so the hot wallet never reads as the next stop of the funds.
 */
export function withoutSweeps(result: AccountWalkResult): AccountWalkResult {
  const deposits = new Set(
    result.hits
      .filter((h) => h.attribution === 'deposit-forward')
      .map((h) => `${h.address}|${assetKey(h.asset)}`),
  )
  const edges = result.edges.filter(
    (e) => !deposits.has(`${e.from}|${keyOf(e)}`),
  )
  return edges.length === result.edges.length ? result : { ...result, edges }
}
