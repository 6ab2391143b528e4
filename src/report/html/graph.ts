/**
 * The flow graph as plain view data, then as DOT. Layout is Graphviz `dot`
 * (via @viz-js/viz, offline WASM): layered left-to-right layout with crossing
 * minimisation and edge-label placement is exactly what dot is built for, and
 * it is deterministic for the same input. Hand-rolled layering would need all
 * of that re-done. Node names in DOT are synthetic (n0, n1 ...); hostile text
 * only ever appears inside escaped labels.
 */
import { formatUnits } from '../../core/amount.js'
import type { GraphNode, Report } from '../types.js'
import { decimalsOf, edgeAsset } from './derive.js'
import { dotLines, dotString } from './escape.js'

export const MAX_GRAPH_NODES = 200

export type NodeKind =
  | 'victim'
  | 'seed'
  | 'intermediate'
  | 'exchange'
  | 'service'
  | 'rest'
  | 'unexplored'
  | 'endpoint'

export type ViewNode = {
  id: string
  hop: number
  kind: NodeKind
  lines: string[]
}
export type ViewEdge = { source: string; target: string; label: string }
export type ViewGraph = {
  nodes: ViewNode[]
  edges: ViewEdge[]
  collapsed: boolean
  originalNodes: number
}

function shortAddress(address: string): string {
  return address.length > 22
    ? `${address.slice(0, 12)}…${address.slice(-6)}`
    : address
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function kindOf(report: Report, node: GraphNode): NodeKind {
  if (node.role !== 'endpoint') return node.role
  if (report.atRest.some((r) => r.address === node.address)) return 'rest'
  if (report.unexplored.some((u) => u.address === node.address))
    return 'unexplored'
  return 'endpoint'
}

const KIND_TITLE: Record<NodeKind, string> = {
  victim: 'victim',
  seed: 'first tainted',
  intermediate: 'intermediate',
  exchange: 'EXCHANGE deposit',
  service: 'service',
  rest: 'at rest (unspent)',
  unexplored: 'unexplored',
  endpoint: 'endpoint',
}

function fullView(report: Report): ViewGraph {
  const symbol = report.asset.symbol
  const nodes = report.graph.nodes.map((node) => {
    const kind = kindOf(report, node)
    const lines = [`hop ${node.hop} · ${KIND_TITLE[kind]}`]
    if (node.entity) lines.push(truncate(node.entity, 32))
    lines.push(node.address ? shortAddress(node.address) : node.id)
    return { id: node.id, hop: node.hop, kind, lines }
  })
  const edges = report.graph.edges.map((edge, i) => {
    const unit = edge.asset ?? symbol
    return {
      source: edge.source,
      target: edge.target,
      label:
        edge.taintedBase === edge.amountBase
          ? `#${i + 1} ${edge.tainted} ${unit}`
          : `#${i + 1} ${edge.tainted} of ${edge.amount} ${unit}`,
    }
  })
  return { nodes, edges, collapsed: false, originalNodes: nodes.length }
}

function groupKey(report: Report, node: GraphNode): string {
  const kind = kindOf(report, node)
  return kind === 'exchange'
    ? `${node.hop}|exchange|${node.entity ?? ''}`
    : `${node.hop}|${kind}`
}

/** One node per (hop, kind) — per entity for exchanges — with summed edges. */
function collapsedView(report: Report): ViewGraph {
  const groups = new Map<string, ViewNode & { count: number }>()
  const groupOf = new Map<string, string>()
  for (const node of report.graph.nodes) {
    const key = groupKey(report, node)
    groupOf.set(node.id, key)
    const group = groups.get(key) ?? {
      id: key,
      hop: node.hop,
      kind: kindOf(report, node),
      lines: [],
      count: 0,
    }
    group.count++
    if (group.kind === 'exchange' && node.entity)
      group.lines = [truncate(node.entity, 32)]
    groups.set(key, group)
  }
  // Summed per asset: token amounts in different decimals never mix.
  const sums = new Map<
    string,
    { total: bigint; count: number; symbol: string; decimals: number }
  >()
  for (const edge of report.graph.edges) {
    const { symbol, contract } = edgeAsset(report, edge)
    const key = `${groupOf.get(edge.source)}\u0000${groupOf.get(edge.target)}\u0000${symbol}|${contract ?? ''}`
    const agg = sums.get(key) ?? {
      total: 0n,
      count: 0,
      symbol,
      decimals: decimalsOf(report, symbol, contract),
    }
    agg.total += BigInt(edge.taintedBase)
    agg.count++
    sums.set(key, agg)
  }
  const nodes = [...groups.values()].map(({ count, ...g }) => ({
    ...g,
    lines: [
      `hop ${g.hop} · ${KIND_TITLE[g.kind]}`,
      ...g.lines,
      `${count} address${count === 1 ? '' : 'es'}`,
    ],
  }))
  const edges = [...sums].map(([key, agg]) => {
    const [source = '', target = ''] = key.split('\u0000')
    const amount = formatUnits(agg.total, agg.decimals)
    return {
      source,
      target,
      label: `${agg.count} transfers · ${amount} ${agg.symbol}`,
    }
  })
  return {
    nodes,
    edges,
    collapsed: true,
    originalNodes: report.graph.nodes.length,
  }
}

export function viewGraph(
  report: Report,
  maxNodes: number = MAX_GRAPH_NODES,
): ViewGraph {
  return report.graph.nodes.length > maxNodes
    ? collapsedView(report)
    : fullView(report)
}

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
