/**
 * A view graph as DOT, for Graphviz `dot` (via @viz-js/viz, offline WASM).
 * Node names in DOT are synthetic (n0, n1 ...); hostile text only ever
 * appears inside escaped labels.
 */
import { dotLines, dotString } from './escape.js'
import type { NodeKind, ViewGraph } from './graph-model.js'

export const KIND_STYLE: Record<
  NodeKind,
  { fill: string; stroke: string; extra?: string }
> = {
  victim: { fill: '#dbeafe', stroke: '#1d4ed8' },
  seed: { fill: '#e0e7ff', stroke: '#4338ca' },
  intermediate: { fill: '#ffffff', stroke: '#555555' },
  exchange: { fill: '#fde68a', stroke: '#b91c1c', extra: 'penwidth=3' },
  service: { fill: '#fecaca', stroke: '#7f1d1d' },
  rest: { fill: '#d1fae5', stroke: '#047857', extra: 'penwidth=2' },
  unexplored: {
    fill: '#e5e7eb',
    stroke: '#6b7280',
    extra: 'style="rounded,filled,dashed"',
  },
  endpoint: { fill: '#f3f4f6', stroke: '#374151' },
}

export function toDot(view: ViewGraph): string {
  const ids = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]))
  const lines = [
    'digraph flow {',
    '  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.8, fontname="Helvetica", bgcolor="white"]',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, margin="0.12,0.06"]',
    '  edge [fontname="Helvetica", fontsize=9, color="#444444", fontcolor="#111111"]',
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
  for (const edge of view.edges) {
    const from = ids.get(edge.source)
    const to = ids.get(edge.target)
    if (!from || !to) continue
    lines.push(`  ${from} -> ${to} [label=${dotString(edge.label)}]`)
  }
  lines.push('}')
  return `${lines.join('\n')}\n`
}
