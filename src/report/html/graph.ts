/**
 * The flow graph as plain view data, then as DOT (graph-dot.ts). Layout is
 * Graphviz `dot` (via @viz-js/viz, offline WASM): layered left-to-right layout
 * with crossing minimisation and edge-label placement is exactly what dot is
 * built for, and it is deterministic for the same input. Hand-rolled layering
 * would need all of that re-done.
 */
import { formatUnits } from '../../core/amount.js'
import type { GraphEdge, GraphNode, Report } from '../types.js'
import { decimalsOf, edgeAsset } from '../views/graph.js'
import { collapsedView } from './graph-collapsed.js'
import {
  KIND_TITLE,
  kindOf,
  swapEdges,
  truncate,
  type ViewEdge,
  type ViewGraph,
} from './graph-model.js'

const MAX_GRAPH_NODES = 200

/** An address prefix, or for an output without one its tx prefix and index: never a whole `txid:vout`. */
export function shortRef(node: GraphNode): string {
  if (node.address) return shortPrefix(node.address)
  const m = /^(?:utxo:)?([0-9a-f]{64}):(\d+)$/i.exec(node.id)
  return m ? `out ${m[1]?.slice(0, 8)}…:${m[2]}` : shortPrefix(node.id)
}

function shortPrefix(text: string): string {
  return text.length > 11 ? `${text.slice(0, 10)}…` : text
}

/** Traced amount into each node (out of it for a start), when one asset moved. */
function nodeAmounts(report: Report): Map<string, string> {
  const sums = new Map<
    string,
    { total: bigint; symbol: string; mixed: boolean }
  >()
  const add = (id: string, edge: GraphEdge) => {
    const { symbol, contract } = edgeAsset(report, edge)
    const key = `${symbol}|${contract ?? ''}`
    const sum = sums.get(id) ?? { total: 0n, symbol: key, mixed: false }
    if (sum.symbol !== key) sum.mixed = true
    sum.total += BigInt(edge.taintedBase)
    sums.set(id, sum)
  }
  const hasIn = new Set(report.graph.edges.map((e) => e.target))
  for (const edge of report.graph.edges) {
    add(edge.target, edge)
    if (!hasIn.has(edge.source)) add(edge.source, edge)
  }
  const out = new Map<string, string>()
  for (const [id, sum] of sums) {
    if (sum.mixed) continue
    const [symbol = '', contract] = sum.symbol.split('|')
    const decimals = decimalsOf(report, symbol, contract || undefined)
    out.set(id, `${formatUnits(sum.total, decimals)} ${symbol}`)
  }
  return out
}

function fullView(report: Report): ViewGraph {
  const amounts = nodeAmounts(report)
  const nodes = report.graph.nodes.map((node) => {
    const kind = kindOf(report, node)
    const lines = [`${KIND_TITLE[kind]} · hop ${node.hop}`]
    if (node.entity) lines.push(truncate(node.entity, 28))
    lines.push(shortRef(node))
    const amount = amounts.get(node.id)
    if (amount) lines.push(amount)
    return { id: node.id, hop: node.hop, kind, lines, chain: node.chain }
  })
  // The row number alone keeps ranks narrow enough to print at 9 pt; the
  // amounts are on the receiving node and in the hop table's row.
  const edges: ViewEdge[] = report.graph.edges.map((edge, i) => ({
    source: edge.source,
    target: edge.target,
    label: `#${i + 1}`,
  }))
  edges.push(...swapEdges(report))
  return { nodes, edges, collapsed: false, originalNodes: nodes.length }
}

export function viewGraph(
  report: Report,
  maxNodes: number = MAX_GRAPH_NODES,
): ViewGraph {
  return report.graph.nodes.length > maxNodes
    ? collapsedView(report)
    : fullView(report)
}
