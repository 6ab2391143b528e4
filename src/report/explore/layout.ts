/**
 * A layered layout for money flows: x is the layer (hop depth, so time runs
 * left to right), y the order within the layer, chosen by barycentre sweeps
 * (Sugiyama's heuristic) so that edges cross less. Pure and deterministic:
 * the same graph always gets the same picture.
 *
 * Nodes may name a band (a trace across chains: the chain). Each band is a
 * horizontal strip of its own, in band order top to bottom, and the sweeps
 * only reorder nodes inside their band.
 */

/** band: the strip the node is kept in (0 first, at the top); none is band 0. */
export type LayoutNode = {
  id: string
  layer: number
  band?: number | undefined
}
export type LayoutEdge = { source: string; target: string }
export type Point = { x: number; y: number }

const SWEEPS = 8

/** Positions in layout units: one unit between layers and between neighbours. */
export function layeredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: { sweeps?: number; layerGap?: number } = {},
): Map<string, Point> {
  const layers = groupLayers(nodes)
  const neighbours = neighbourLists(nodes, edges)
  const spans = bandSpans(nodes)
  const place = placer(spans)
  const pos = new Map<string, number>()
  for (const layer of layers) place(layer, pos)
  for (let i = 0; i < (options.sweeps ?? SWEEPS); i++) {
    const down = i % 2 === 0
    const order = down ? layers : [...layers].reverse()
    for (const layer of order) {
      sortByBarycentre(layer, neighbours, pos, down)
      place(layer, pos)
    }
  }
  const gap = options.layerGap ?? 1
  const out = new Map<string, Point>()
  layers.forEach((layer, rank) => {
    for (const node of layer)
      out.set(node.id, { x: rank * gap, y: pos.get(node.id) ?? 0 })
  })
  return out
}

/** Nodes grouped by layer, layers ascending, input order kept inside each. */
export function groupLayers(nodes: readonly LayoutNode[]): LayoutNode[][] {
  const byLayer = new Map<number, LayoutNode[]>()
  for (const node of nodes) {
    const list = byLayer.get(node.layer) ?? []
    list.push(node)
    byLayer.set(node.layer, list)
  }
  return [...byLayer.entries()].sort(([a], [b]) => a - b).map(([, l]) => l)
}

type Neighbour = { id: string; layer: number }

function neighbourLists(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Map<string, Neighbour[]> {
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]))
  const lists = new Map<string, Neighbour[]>()
  const link = (from: string, to: string) => {
    const layer = layerOf.get(to)
    if (layer === undefined || !layerOf.has(from)) return
    const list = lists.get(from) ?? []
    list.push({ id: to, layer })
    lists.set(from, list)
  }
  for (const edge of edges) {
    link(edge.source, edge.target)
    link(edge.target, edge.source)
  }
  return lists
}

/**
 * A band's strip in layout units: its nodes sit at whole y from `top` to
 * `top + size - 1`; the strip reaches half a unit beyond them either side.
 */
export type BandSpan = { band: number; top: number; size: number }

// Empty rows between two bands, so that their strips do not touch.
const BAND_GAP = 1

/**
 * Each band is as tall as its fullest layer; bands are stacked in band
 * order and centred as a whole on y = 0. One band is today's picture.
 */
export function bandSpans(nodes: readonly LayoutNode[]): BandSpan[] {
  const counts = new Map<string, number>()
  const size = new Map<number, number>()
  for (const node of nodes) {
    const band = node.band ?? 0
    const key = `${band}\u0000${node.layer}`
    const count = (counts.get(key) ?? 0) + 1
    counts.set(key, count)
    size.set(band, Math.max(size.get(band) ?? 0, count))
  }
  const spans: BandSpan[] = []
  let top = 0
  for (const band of [...size.keys()].sort((a, b) => a - b)) {
    const rows = size.get(band) ?? 0
    spans.push({ band, top, size: rows })
    top += rows + BAND_GAP
  }
  const mid = (top - BAND_GAP - 1) / 2
  return spans.map((s) => ({ ...s, top: s.top - mid }))
}

/**
 * Positions for a layer in its current order: each band's nodes centred in
 * the band's strip. With one band, a layer of n nodes spans -(n-1)/2 … (n-1)/2.
 */
function placer(spans: readonly BandSpan[]) {
  const span = new Map(spans.map((s) => [s.band, s]))
  return (layer: readonly LayoutNode[], pos: Map<string, number>): void => {
    const inBand = new Map<number, LayoutNode[]>()
    for (const node of layer) {
      const list = inBand.get(node.band ?? 0) ?? []
      list.push(node)
      inBand.set(node.band ?? 0, list)
    }
    for (const [band, list] of inBand) {
      const s = span.get(band) ?? { top: 0, size: list.length }
      const start = s.top + (s.size - list.length) / 2
      for (const [i, node] of list.entries()) pos.set(node.id, start + i)
    }
  }
}

/**
 * Sorts a layer by the mean position of its neighbours in earlier layers
 * (down sweep) or later ones (up sweep). A node with none keeps its place.
 */
function sortByBarycentre(
  layer: LayoutNode[],
  neighbours: Map<string, Neighbour[]>,
  pos: Map<string, number>,
  down: boolean,
): void {
  const key = new Map<string, number>()
  for (const node of layer) {
    const side = (neighbours.get(node.id) ?? []).filter((n) =>
      down ? n.layer < node.layer : n.layer > node.layer,
    )
    const own = pos.get(node.id) ?? 0
    key.set(
      node.id,
      side.length
        ? side.reduce((s, n) => s + (pos.get(n.id) ?? 0), 0) / side.length
        : own,
    )
  }
  const index = new Map(layer.map((n, i) => [n.id, i]))
  layer.sort(
    (a, b) =>
      (a.band ?? 0) - (b.band ?? 0) ||
      (key.get(a.id) ?? 0) - (key.get(b.id) ?? 0) ||
      (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0),
  )
}

/** Edge crossings between adjacent layers (positions at layerGap 1): what the sweeps reduce. */
export function crossings(
  positions: ReadonlyMap<string, Point>,
  edges: readonly LayoutEdge[],
): number {
  const segs = edges
    .map((e) => [positions.get(e.source), positions.get(e.target)] as const)
    .filter((s): s is readonly [Point, Point] => !!s[0] && !!s[1])
    .map(([a, b]): [Point, Point] => (a.x <= b.x ? [a, b] : [b, a]))
    .filter(([a, b]) => b.x - a.x === 1)
  let count = 0
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const [a1, b1] = segs[i] ?? []
      const [a2, b2] = segs[j] ?? []
      if (!a1 || !b1 || !a2 || !b2 || a1.x !== a2.x) continue
      if ((a1.y - a2.y) * (b1.y - b2.y) < 0) count++
    }
  return count
}
