/**
 * A view graph as DOT, for Graphviz `dot` (via @viz-js/viz, offline WASM).
 * Node names in DOT are synthetic (n0, n1 ...); hostile text only ever
 * appears inside escaped labels.
 */

import { BAND_STYLE, KIND_STYLE, SWAP_EDGE_COLOUR } from '../palette.js'
import { dotLines, dotString } from './escape.js'
import type { ViewGraph } from './graph-model.js'

export function toDot(view: ViewGraph): string {
  const ids = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]))
  const lines = [
    'digraph flow {',
    // Sizes chosen so that a figure scaled to the landscape page keeps its
    // text at 9 pt or more (graph-print.ts checks it).
    '  graph [rankdir=LR, newrank=true, nodesep=0.2, ranksep=0.4, fontname="Helvetica", bgcolor="white"]',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=14, margin="0.1,0.05"]',
    '  edge [fontname="Helvetica", fontsize=14, color="#444444", fontcolor="#111111"]',
  ]
  const hops = [...new Set(view.nodes.map((n) => n.hop))].sort((a, b) => a - b)
  for (const hop of hops) {
    const same = view.nodes
      .filter((n) => n.hop === hop)
      .map((n) => ids.get(n.id))
    lines.push(`  { rank=same; ${same.join('; ')} }`)
  }
  for (const node of view.nodes) {
    const style = KIND_STYLE[node.kind]
    const label = dotLines(node.lines)
    const extra = style.extra ? `, ${style.extra}` : ''
    lines.push(
      `  ${ids.get(node.id)} [label=${label}, fillcolor="${style.fill}", color="${style.stroke}"${extra}]`,
    )
  }
  lines.push(...chainBands(view, ids))
  for (const edge of view.edges) {
    const from = ids.get(edge.source)
    const to = ids.get(edge.target)
    if (!from || !to) continue
    const style = edge.swap ? `, ${SWAP_EDGE_STYLE}` : ''
    lines.push(`  ${from} -> ${to} [label=${dotString(edge.label)}${style}]`)
  }
  lines.push('}')
  return `${lines.join('\n')}\n`
}

/** A swap edge: dashed, heavier and in its own colour, so it never reads as a transfer. */
const SWAP_EDGE_STYLE = `style=dashed, penwidth=2.5, color="${SWAP_EDGE_COLOUR}", fontcolor="${SWAP_EDGE_COLOUR}"`

/** One band (a DOT cluster) per chain, when the nodes are on more than one. */
function chainBands(view: ViewGraph, ids: Map<string, string>): string[] {
  const chains = [
    ...new Set(view.nodes.flatMap((n) => (n.chain ? [n.chain] : []))),
  ]
  if (chains.length < 2) return []
  return chains.map((chain, i) => {
    const members = view.nodes
      .filter((n) => n.chain === chain)
      .map((n) => ids.get(n.id))
    return `  subgraph cluster_chain${i} { label=${dotString(chain)}; labeljust=l; style=filled; fillcolor="${BAND_STYLE.fill}"; color="${BAND_STYLE.stroke}"; ${members.join('; ')} }`
  })
}
