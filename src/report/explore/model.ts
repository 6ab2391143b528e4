/**
 * What the explorer computes over its data, kept out of the DOM code so it
 * can be tested: filters, search, the path to a node, per-asset totals.
 * Amounts compare as bigint base units, never as floats.
 */
import { formatUnits, parseMinAmountFor } from '../../core/amount.js'
import type { ExploreData, ExploreEdge, ExploreNode } from './types.js'

export type Filter = {
  /** null: every asset. */
  asset: string | null
  chain: string | null
  /** Whole units of each edge's own asset; '' for none. */
  minAmount: string
}

export const NO_FILTER: Filter = { asset: null, chain: null, minAmount: '' }

export type Visible = { nodes: Set<string>; edges: Set<string> }

/** Whether the text is a whole-unit amount the filter can use. */
export function validAmount(text: string): boolean {
  return /^\s*(\d+(\.\d*)?|\.\d+)?\s*$/.test(text)
}

function minBase(minAmount: string, decimals: number): bigint {
  const text = minAmount.trim()
  if (!text || !validAmount(text)) return 0n
  return parseMinAmountFor(text.startsWith('.') ? `0${text}` : text, decimals)
}

type Side = Pick<ExploreEdge, 'asset' | 'chain' | 'decimals' | 'taintedBase'>

function sidePasses(side: Side, filter: Filter): boolean {
  if (filter.asset !== null && side.asset !== filter.asset) return false
  if (filter.chain !== null && side.chain !== filter.chain) return false
  return BigInt(side.taintedBase) >= minBase(filter.minAmount, side.decimals)
}

/**
 * A swap has two sides, each an asset on a chain: it passes when either
 * does, so that filtering on the asset a swap paid out keeps the swap that
 * paid it, and the way back to the theft.
 */
export function edgePasses(edge: ExploreEdge, filter: Filter): boolean {
  if (!edge.swap) return sidePasses(edge, filter)
  return [edge.swap.inbound, edge.swap.outbound].some((s) =>
    sidePasses(s, filter),
  )
}

/**
 * Edges that pass, and the nodes they touch. With no filter set every node
 * shows, edgeless ones included.
 */
export function visibleSet(data: ExploreData, filter: Filter): Visible {
  const edges = new Set<string>()
  const nodes = new Set<string>()
  const open =
    filter.asset === null && filter.chain === null && !filter.minAmount.trim()
  if (open) for (const node of data.nodes) nodes.add(node.id)
  for (const edge of data.edges) {
    if (!edgePasses(edge, filter)) continue
    edges.add(edge.id)
    nodes.add(edge.source)
    nodes.add(edge.target)
  }
  return { nodes, edges }
}

export type Match =
  | { type: 'node'; id: string; text: string }
  | { type: 'edge'; id: string; text: string }

/** Nodes by address or id prefix, edges by tx hash prefix; case-insensitive. */
export function search(data: ExploreData, query: string, limit = 20): Match[] {
  const q = query.trim().toLowerCase()
  if (q.length < 3) return []
  const out: Match[] = []
  for (const node of data.nodes) {
    const text = node.address ?? node.id
    if (text.toLowerCase().startsWith(q) || node.id.toLowerCase().startsWith(q))
      out.push({ type: 'node', id: node.id, text })
    if (out.length >= limit) return out
  }
  for (const edge of data.edges) {
    const hashes = edge.swap
      ? [edge.swap.inbound.txHash, edge.swap.outbound.txHash]
      : [edge.txHash]
    if (!hashes.some((h) => h.toLowerCase().startsWith(q))) continue
    out.push({
      type: 'edge',
      id: edge.id,
      text: edge.swap
        ? `swap ${edge.swap.inbound.txHash} → ${edge.swap.outbound.txHash}`
        : `${edge.txHash}:${edge.outputIndex}`,
    })
    if (out.length >= limit) break
  }
  return out
}

/** Every edge and node on some path from a start of the trace to `target`. */
export function pathTo(data: ExploreData, target: string): Visible {
  const into = new Map<string, ExploreEdge[]>()
  for (const edge of data.edges) {
    const list = into.get(edge.target) ?? []
    list.push(edge)
    into.set(edge.target, list)
  }
  const nodes = new Set([target])
  const edges = new Set<string>()
  const queue = [target]
  while (queue.length) {
    const id = queue.pop() as string
    for (const edge of into.get(id) ?? []) {
      edges.add(edge.id)
      if (nodes.has(edge.source)) continue
      nodes.add(edge.source)
      queue.push(edge.source)
    }
  }
  return { nodes, edges }
}

export type AssetTotal = { asset: string; in: string; out: string }

/**
 * Traced amounts into and out of a node, per asset, as decimal text. A swap
 * moves nothing of its own: the payments on either side are transfers.
 */
export function nodeTotals(data: ExploreData, id: string): AssetTotal[] {
  const sums = new Map<string, { in: bigint; out: bigint; decimals: number }>()
  for (const edge of data.edges) {
    if (edge.swap) continue
    const side = edge.target === id ? 'in' : edge.source === id ? 'out' : null
    if (!side) continue
    const sum = sums.get(edge.asset) ?? {
      in: 0n,
      out: 0n,
      decimals: edge.decimals,
    }
    sum[side] += BigInt(edge.taintedBase)
    sums.set(edge.asset, sum)
  }
  return [...sums].map(([asset, s]) => ({
    asset,
    in: formatUnits(s.in, s.decimals),
    out: formatUnits(s.out, s.decimals),
  }))
}

/** The edges touching a node: what its panel lists as txs. */
export function nodeEdges(data: ExploreData, id: string): ExploreEdge[] {
  return data.edges.filter((e) => e.source === id || e.target === id)
}

export function nodeById(data: ExploreData): Map<string, ExploreNode> {
  return new Map(data.nodes.map((n) => [n.id, n]))
}
