/// <reference lib="dom" />
/** The explorer's data as a graphology graph, laid out and coloured for sigma. */
import { MultiDirectedGraph } from 'graphology'
import { KIND_STYLE, SWAP_EDGE_COLOUR } from '../../palette.js'
import { type FlowLines, flowLines } from '../geometry.js'
import { fromPreset, viewPositions } from '../positions.js'
import type {
  Band,
  ExploreData,
  ExploreEdge,
  ExploreNode,
  PresetLayout,
} from '../types.js'
import { short } from './dom.js'

export type NodeAttrs = {
  x: number
  y: number
  size: number
  color: string
  label: string
  /** A node kind, or 'bend': the joint of a transfer drawn bent. */
  kind: string
  /** A bend: the transfer it belongs to. */
  flow?: string
}
/** `flow`: the transfer this line (or half of a bent one) draws. */
export type EdgeAttrs = {
  size: number
  color: string
  type: 'arrow' | 'line'
  flow: string
  /** A swap, not a transfer: drawn in its own colour, dashed in exports. */
  swap?: boolean
}

export type { Band }

/**
 * Above this many transfers, edges are plain lines: arrow heads cost most of
 * the first frame in software WebGL.
 */
export const BIG_GRAPH_EDGES = 1500
export const BEND = 'bend'
export type FlowGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>

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

// A swap is as wide as a mid-sized transfer: it moves nothing of its own.
const SWAP_SIZE = 2.5

/** Width by traced share of the largest transfer of the same asset. */
function edgeSizes(edges: readonly ExploreEdge[]): Map<string, number> {
  const max = new Map<string, bigint>()
  for (const e of edges) {
    if (e.swap) continue
    const t = BigInt(e.taintedBase)
    if (t > (max.get(e.asset) ?? 0n)) max.set(e.asset, t)
  }
  const sizes = new Map<string, number>()
  for (const e of edges) {
    if (e.swap) {
      sizes.set(e.id, SWAP_SIZE)
      continue
    }
    const top = max.get(e.asset) ?? 0n
    const permille =
      top > 0n ? Number((BigInt(e.taintedBase) * 1000n) / top) : 0
    sizes.set(e.id, 1 + 4 * Math.sqrt(permille / 1000))
  }
  return sizes
}

export type Drawn = { graph: FlowGraph; lines: FlowLines; bands: Band[] }

/** `preset`: the page's layout of its first view, used when it fits this one. */
export function buildGraph(
  data: ExploreData,
  preset?: PresetLayout | undefined,
): Drawn {
  const graph: FlowGraph = new MultiDirectedGraph()
  const { pos, bands } =
    (preset && fromPreset(data, preset)) ?? viewPositions(data)
  const big = data.nodes.length > 1000
  for (const node of data.nodes) {
    const p = pos.get(node.id) ?? { x: 0, y: 0 }
    graph.addNode(node.id, {
      ...p,
      size: big ? nodeSize(node) / 2 : nodeSize(node),
      color: KIND_STYLE[node.kind].fill,
      label: nodeLabel(node),
      kind: node.kind,
    })
  }
  const lines = flowLines(data.edges, pos)
  const sizes = edgeSizes(data.edges)
  const type = data.edges.length > BIG_GRAPH_EDGES ? 'line' : 'arrow'
  for (const edge of data.edges) {
    const line = lines.get(edge.id)
    if (!line || graph.hasEdge(edge.id)) continue
    const swap = !!edge.swap
    const attrs = {
      size: sizes.get(edge.id) ?? 1,
      color: swap ? SWAP_EDGE_COLOUR : EDGE_COLOR,
      type,
      flow: edge.id,
      swap,
    } as const
    const bend = line.length === 3 ? line[1] : undefined
    if (!bend) {
      graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, attrs)
      continue
    }
    // A bent transfer is two lines through a joint the size of its width.
    const joint = `${BEND}\u0000${edge.id}`
    graph.addNode(joint, {
      ...bend,
      size: attrs.size / 2,
      color: attrs.color,
      label: '',
      kind: BEND,
      flow: edge.id,
    })
    graph.addDirectedEdgeWithKey(`${edge.id}\u00001`, edge.source, joint, {
      ...attrs,
      type: 'line',
    })
    graph.addDirectedEdgeWithKey(`${edge.id}\u00002`, joint, edge.target, attrs)
  }
  return { graph, lines, bands }
}
