/**
 * Where the explorer draws each node, in graph units: the layered layout
 * spread to a readable shape, and with several chains a band for each.
 * Pure, so the page's first view can be laid out when the page is written
 * (the largest part of its start-up in the browser) and the page only
 * checks that the preset fits.
 */
import { bandSpans, layeredLayout, type Point } from './layout.js'
import type { Band, ExploreData, PresetLayout } from './types.js'

// Layers sit wider apart than neighbours so that time reads left to right.
const LAYER_GAP = 4

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

export type Positions = { pos: Map<string, Point>; bands: Band[] }

export function viewPositions(data: ExploreData): Positions {
  const banded = data.chains.length > 1
  const band = new Map(data.chains.map((c, i) => [c, i]))
  const nodes = data.nodes.map((n) => ({
    id: n.id,
    layer: n.hop,
    band: banded ? band.get(n.chain) : undefined,
  }))
  const pos = layeredLayout(nodes, data.edges)
  const { sx, sy } = spread(pos.values())
  const out = new Map<string, Point>()
  // Screen y grows downward; the first in a layer is drawn on top.
  for (const [id, p] of pos) out.set(id, { x: p.x * sx, y: -p.y * sy })
  const bands = banded
    ? bandSpans(nodes).map((s) => ({
        chain: data.chains[s.band] ?? '',
        y0: -(s.top + s.size - 0.5) * sy,
        y1: -(s.top - 0.5) * sy,
      }))
    : []
  return { pos: out, bands }
}

// Hundredths of a unit (neighbours are a unit or more apart) keep the page small.
const round = (v: number) => Math.round(v * 100) / 100

/** A view's positions as page data: [x, y] per node, in the view's node order. */
export function presetLayout(view: ExploreData): PresetLayout {
  const { pos, bands } = viewPositions(view)
  return {
    nodes: view.nodes.length,
    xy: view.nodes.flatMap((n) => {
      const p = pos.get(n.id) ?? { x: 0, y: 0 }
      return [round(p.x), round(p.y)]
    }),
    bands,
  }
}

/**
 * The preset's positions, read in the view's node order, or null when it
 * does not cover the view. The page passes it for its first view only, the
 * one it was made for (initialView), so the count is check enough.
 */
export function fromPreset(
  view: ExploreData,
  preset: PresetLayout,
): Positions | null {
  if (preset.nodes !== view.nodes.length) return null
  if (preset.xy.length !== 2 * view.nodes.length) return null
  const pos = new Map<string, Point>()
  for (const [i, node] of view.nodes.entries())
    pos.set(node.id, { x: preset.xy[2 * i] ?? 0, y: preset.xy[2 * i + 1] ?? 0 })
  return { pos, bands: preset.bands }
}
