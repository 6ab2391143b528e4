/**
 * Node kinds and their colours, shared by the static report's graph and the
 * interactive explorer so that a colour means the same thing in both. Plain
 * data only: the explorer bundles this file into the browser.
 */
export type NodeKind =
  | 'victim'
  | 'seed'
  | 'intermediate'
  | 'exchange'
  | 'service'
  | 'rest'
  | 'unexplored'
  | 'endpoint'

/** fill is the node's colour in both renderings; stroke outlines the static boxes. */
export const KIND_STYLE: Record<
  NodeKind,
  { fill: string; stroke: string; extra?: string }
> = {
  victim: { fill: '#93c5fd', stroke: '#1d4ed8' },
  seed: { fill: '#a5b4fc', stroke: '#4338ca' },
  intermediate: { fill: '#cbd5e1', stroke: '#475569' },
  exchange: { fill: '#fbbf24', stroke: '#b91c1c', extra: 'penwidth=3' },
  service: { fill: '#f87171', stroke: '#7f1d1d' },
  rest: { fill: '#6ee7b7', stroke: '#047857', extra: 'penwidth=2' },
  unexplored: {
    fill: '#a8a29e',
    stroke: '#44403c',
    extra: 'style="rounded,filled,dashed"',
  },
  endpoint: { fill: '#e7e5e4', stroke: '#374151' },
}

/** A swap edge's colour (one asset in, another out), in both renderings. */
export const SWAP_EDGE_COLOUR = '#7b3fb0'
export const SWAP_LEGEND =
  'Swap: one asset in, another out (THORChain, or a DEX in the same tx); bridge: a deposit and its fill on another chain'

/** The band behind each chain's nodes, when a trace is on several. */
export const BAND_STYLE = { fill: '#f3f5fa', stroke: '#c2cad8' } as const
export const BAND_LEGEND = 'Shaded bands: one per chain, named at the top left'

/** Short words on a node. */
export const KIND_TITLE: Record<NodeKind, string> = {
  victim: 'victim',
  seed: 'trace start',
  intermediate: 'intermediate',
  exchange: 'EXCHANGE deposit',
  service: 'service',
  rest: 'at rest',
  unexplored: 'unexplored',
  endpoint: 'endpoint',
}

/** Legend lines, in reading order. */
export const KIND_LEGEND: readonly (readonly [NodeKind, string])[] = [
  ['victim', 'Victim address'],
  ['seed', 'Trace start (a seed address, no victim named)'],
  ['intermediate', 'Intermediate address'],
  ['exchange', 'Exchange deposit address (hit)'],
  ['service', 'Other labelled service (mixer, bridge, …)'],
  ['rest', 'Funds at rest (unspent, or a balance still held)'],
  ['unexplored', 'Not followed (fetch failed, limits)'],
  ['endpoint', 'Other endpoint'],
]

/** Only the kinds a graph has: a legend line for a colour no node gets misleads. */
export function legendFor(
  kinds: Iterable<NodeKind>,
): (readonly [NodeKind, string])[] {
  const present = new Set(kinds)
  return KIND_LEGEND.filter(([kind]) => present.has(kind))
}
