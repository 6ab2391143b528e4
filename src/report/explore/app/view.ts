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
export type EdgeAttrs = { size: number; color: string; type: 'arrow' | 'line' }

/**
 * Above this many transfers, edges are plain lines without hover or click
 * (a transfer is still reached from its node's panel or by search): arrow
 * heads and edge picking cost most of the first frame in software WebGL.
 */
export const BIG_GRAPH_EDGES = 1500
export type FlowGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>

// Layers sit wider apart than neighbours so that time reads left to right.
const LAYER_GAP = 4
export const EDGE_COLOR = '#94a3b8'

export function nodeLabel(node: ExploreNode): string {
  if (node.members) return `peel chain ×${node.members.length}`
  const where = short(node.address ?? node.id, 8, 4)
  // The panel has the whole name; on the canvas it must not hide its neighbours.
  return node.entity ? `${short(node.entity, 16, 0)} ${where}` : where
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
 * Scales towards a 2:1 picture: a few hops of two or three addresses would
 * otherwise be a thin strip, thousands of addresses over a dozen hops a
 * thin column. Never squeezed below the layout's own spacing.
 */
function spread(points: Iterable<{ x: number; y: number }>): {
  sx: number
  sy: number
} {
  let width = 0
  let height = 0
  for (const p of points) {
    width = Math.max(width, p.x * LAYER_GAP)
    height = Math.max(height, Math.abs(p.y) * 2)
  }
  if (!width || !height) return { sx: LAYER_GAP, sy: 1 }
  return {
    sx: LAYER_GAP * Math.max(1, (2 * height) / width),
    sy: Math.min(6, Math.max(1, width / 2 / height)),
  }
}

export function buildGraph(data: ExploreData): FlowGraph {
  const graph: FlowGraph = new MultiDirectedGraph()
  const pos = layeredLayout(
    data.nodes.map((n) => ({ id: n.id, layer: n.hop })),
    data.edges,
  )
  const { sx, sy } = spread(pos.values())
  const big = data.nodes.length > 1000
  for (const node of data.nodes) {
    const p = pos.get(node.id) ?? { x: 0, y: 0 }
    graph.addNode(node.id, {
      x: p.x * sx,
      // Screen y grows downward; the first in a layer is drawn on top.
      y: -p.y * sy,
      size: big ? nodeSize(node) / 2 : nodeSize(node),
      color: KIND_STYLE[node.kind].fill,
      label: nodeLabel(node),
      kind: node.kind,
    })
  }
  const sizes = edgeSizes(data.edges)
  const type = data.edges.length > BIG_GRAPH_EDGES ? 'line' : 'arrow'
  for (const edge of data.edges) {
    if (graph.hasEdge(edge.id)) continue
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      size: sizes.get(edge.id) ?? 1,
      color: EDGE_COLOR,
      type,
    })
  }
  return graph
}
