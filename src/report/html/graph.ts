/**
 * The flow graph as plain view data, then as DOT (graph-dot.ts). Layout is
 * Graphviz `dot` (via @viz-js/viz, offline WASM): layered left-to-right layout
 * with crossing minimisation and edge-label placement is exactly what dot is
 * built for, and it is deterministic for the same input. Hand-rolled layering
 * would need all of that re-done.
 */
import type { Report } from '../types.js'
import { collapsedView } from './graph-collapsed.js'
import {
  KIND_TITLE,
  kindOf,
  shortAddress,
  truncate,
  type ViewGraph,
} from './graph-model.js'

const MAX_GRAPH_NODES = 200

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

export function viewGraph(
  report: Report,
  maxNodes: number = MAX_GRAPH_NODES,
): ViewGraph {
  return report.graph.nodes.length > maxNodes
    ? collapsedView(report)
    : fullView(report)
}
