/**
 * Peel chains folded into one node. A peel chain is a run of intermediate
 * addresses, each paid by the one before it alone, that passes the bulk on
 * and peels small amounts off to the side: long in hops, one idea to a reader.
 */
import type { ExploreData, ExploreNode } from './types.js'

export const MIN_CHAIN = 3

function neighbours(data: ExploreData) {
  const ins = new Map<string, Set<string>>()
  const outs = new Map<string, Set<string>>()
  for (const e of data.edges) {
    // A swap joins two payments, often on two chains: never a peel.
    if (e.source === e.target || e.swap) continue
    const i = ins.get(e.target) ?? new Set()
    ins.set(e.target, i.add(e.source))
    const o = outs.get(e.source) ?? new Set()
    outs.set(e.source, o.add(e.target))
  }
  return { ins, outs }
}

/** Maximal peel chains of at least `min` nodes, in chain order. */
export function peelChains(data: ExploreData, min = MIN_CHAIN): string[][] {
  const { ins, outs } = neighbours(data)
  const kind = new Map(data.nodes.map((n) => [n.id, n.kind]))
  const linkable = (id: string) =>
    kind.get(id) === 'intermediate' && (ins.get(id)?.size ?? 0) === 1
  /** The one chain-like node a node passes to, if exactly one. */
  const next = (id: string): string | undefined => {
    const onward = [...(outs.get(id) ?? [])].filter(linkable)
    return onward.length === 1 ? onward[0] : undefined
  }
  const hasPrev = new Set<string>()
  for (const node of data.nodes) {
    const to = linkable(node.id) ? next(node.id) : undefined
    if (to) hasPrev.add(to)
  }
  const chains: string[][] = []
  for (const node of data.nodes) {
    if (!linkable(node.id) || hasPrev.has(node.id)) continue
    const chain = [node.id]
    for (let to = next(node.id); to && !chain.includes(to); to = next(to))
      chain.push(to)
    if (chain.length >= min) chains.push(chain)
  }
  return chains
}

export const chainNodeId = (chain: readonly string[]): string =>
  `peel-chain:${chain[0]}`

/** The graph with each given chain drawn as one node; edges keep their ids. */
export function collapseChains(
  data: ExploreData,
  chains: readonly (readonly string[])[],
): ExploreData {
  const owner = new Map<string, string>()
  for (const chain of chains)
    for (const id of chain) owner.set(id, chainNodeId(chain))
  const folded = new Set(owner.values())
  const byId = new Map(data.nodes.map((n) => [n.id, n]))
  const nodes: ExploreNode[] = data.nodes.filter((n) => !owner.has(n.id))
  for (const chain of chains) {
    const first = byId.get(chain[0] ?? '')
    if (first) nodes.push(chainNode(first, chain))
  }
  const edges = data.edges
    .map((e) => ({
      ...e,
      source: owner.get(e.source) ?? e.source,
      target: owner.get(e.target) ?? e.target,
    }))
    .filter((e) => !(e.source === e.target && folded.has(e.source)))
  return { ...data, nodes, edges }
}

function chainNode(first: ExploreNode, chain: readonly string[]): ExploreNode {
  return {
    ...first,
    id: chainNodeId(chain),
    address: null,
    labels: [],
    hit: null,
    evidence: [],
    note: `peel chain of ${chain.length} addresses (hops ${first.hop}–${first.hop + chain.length - 1}); click "Expand" to show each`,
    members: [...chain],
  }
}

// Small graphs read best whole; big ones start with their peel chains folded.
const COLLAPSE_ABOVE = 200

/** The peel chains folded when the page opens. */
export function initialFolds(full: ExploreData, chains: string[][]): string[] {
  return full.nodes.length > COLLAPSE_ABOVE ? chains.map(chainNodeId) : []
}

/** The view the page opens on: what the page's layout is computed for. */
export function initialView(full: ExploreData): ExploreData {
  const chains = peelChains(full)
  const folds = new Set(initialFolds(full, chains))
  return collapseChains(
    full,
    chains.filter((c) => folds.has(chainNodeId(c))),
  )
}
