/// <reference lib="dom" />
/** The explorer's data as a graphology graph, laid out and coloured for sigma. */
import { MultiDirectedGraph } from 'graphology'
import { KIND_STYLE } from '../../palette.js'
import { layeredLayout } from '../layout.js'
import type { ExploreData, ExploreEdge, ExploreNode } from '../types.js'
import { short } from './dom.js'

export type NodeAttrs = {
  x: number
  y: number
  size: number
  color: string
  label: string
  kind: string
}
export type EdgeAttrs = { size: number; color: string; type: 'arrow' }
export type FlowGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>

// Layers sit wider apart than neighbours so that time reads left to right.
const LAYER_GAP = 4
export const EDGE_COLOR = '#94a3b8'

export function nodeLabel(node: ExploreNode): string {
  if (node.members) return `peel chain ×${node.members.length}`
  const where = short(node.address ?? node.id, 8, 4)
  return node.entity ? `${node.entity} ${where}` : where
}

function nodeSize(node: ExploreNode): number {
  if (node.members) return 9
  return node.kind === 'exchange' || node.kind === 'victim' ? 10 : 7
}

/** Width by traced share of the largest transfer of the same asset. */
function edgeSizes(edges: readonly ExploreEdge[]): Map<string, number> {
  const max = new Map<string, bigint>()
  for (const e of edges) {
    const t = BigInt(e.taintedBase)
    if (t > (max.get(e.asset) ?? 0n)) max.set(e.asset, t)
  }
  const sizes = new Map<string, number>()
  for (const e of edges) {
    const top = max.get(e.asset) ?? 0n
    const permille =
      top > 0n ? Number((BigInt(e.taintedBase) * 1000n) / top) : 0
    sizes.set(e.id, 1 + 4 * Math.sqrt(permille / 1000))
  }
  return sizes
}

/**
 * Vertical spacing: a few hops of two or three addresses would otherwise draw
 * as a thin strip; opened up towards a 2:1 picture, never squeezed below 1.
 */
function spread(points: Iterable<{ x: number; y: number }>): number {
  let width = 0
  let height = 0
  for (const p of points) {
    width = Math.max(width, p.x * LAYER_GAP)
    height = Math.max(height, Math.abs(p.y) * 2)
  }
  return height > 0 ? Math.min(6, Math.max(1, width / 2 / height)) : 1
}

export function buildGraph(data: ExploreData): FlowGraph {
  const graph: FlowGraph = new MultiDirectedGraph()
  const pos = layeredLayout(
    data.nodes.map((n) => ({ id: n.id, layer: n.hop })),
    data.edges,
  )
  const ySpread = spread(pos.values())
  for (const node of data.nodes) {
    const p = pos.get(node.id) ?? { x: 0, y: 0 }
    graph.addNode(node.id, {
      x: p.x * LAYER_GAP,
      // Screen y grows downward; the first in a layer is drawn on top.
      y: -p.y * ySpread,
      size: nodeSize(node),
      color: KIND_STYLE[node.kind].fill,
      label: nodeLabel(node),
      kind: node.kind,
    })
  }
  const sizes = edgeSizes(data.edges)
  for (const edge of data.edges) {
    if (graph.hasEdge(edge.id)) continue
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      size: sizes.get(edge.id) ?? 1,
      color: EDGE_COLOR,
      type: 'arrow',
    })
  }
  return graph
}
