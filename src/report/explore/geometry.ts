/**
 * Where each transfer is drawn, and which one a click lands on. Transfers
 * between the same two addresses (both ways) are bent apart at their middle,
 * so each is seen and can be picked; one alone is a straight line. The hit
 * test runs over these same lines, so what is drawn is what is clickable, at
 * any graph size and without the renderer's per-pixel edge picking.
 */
import type { Point } from './layout.js'

export type FlowEnds = { id: string; source: string; target: string }

/** Each edge as a polyline: [source, target], or [source, bend, target]. */
export type FlowLines = Map<string, Point[]>

// The outermost of a bundle bends this far from the straight line, as a share of its length.
const MAX_SPREAD = 0.2
// Neighbours in a bundle sit this far apart at most, as a share of its length.
const MAX_STEP = 0.2

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
}

/** Edges grouped by their unordered pair of ends, in input order. */
export function bundles(edges: readonly FlowEnds[]): FlowEnds[][] {
  const groups = new Map<string, FlowEnds[]>()
  for (const edge of edges) {
    const key = pairKey(edge.source, edge.target)
    const group = groups.get(key) ?? []
    group.push(edge)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/**
 * Offsets from the straight line, as shares of its length: centred on zero,
 * so an odd bundle keeps one straight edge.
 */
export function bendOffsets(count: number): number[] {
  if (count < 2) return [0]
  const step = Math.min(MAX_STEP, (2 * MAX_SPREAD) / (count - 1))
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * step)
}

export function flowLines(
  edges: readonly FlowEnds[],
  positions: ReadonlyMap<string, Point>,
): FlowLines {
  const lines: FlowLines = new Map()
  for (const group of bundles(edges)) {
    const offsets = bendOffsets(group.length)
    for (const [i, edge] of group.entries()) {
      const a = positions.get(edge.source)
      const b = positions.get(edge.target)
      if (!a || !b) continue
      const offset = offsets[i] ?? 0
      lines.set(edge.id, offset === 0 ? [a, b] : bent(edge, a, b, offset))
    }
  }
  return lines
}

/**
 * The middle of a→b pushed sideways by `offset` of its length. The side is
 * taken from the pair in id order, so A→B and B→A bend to opposite sides.
 */
function bent(edge: FlowEnds, a: Point, b: Point, offset: number): Point[] {
  const [p, q] = edge.source < edge.target ? [a, b] : [b, a]
  const dx = q.x - p.x
  const dy = q.y - p.y
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
  // (-dy, dx) is dx,dy turned a quarter; its length is the edge's length.
  return [a, { x: mid.x - dy * offset, y: mid.y + dx * offset }, b]
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length2 = dx * dx + dy * dy
  const t =
    length2 === 0
      ? 0
      : Math.max(
          0,
          Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2),
        )
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

export function distanceToLine(p: Point, line: readonly Point[]): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]
    const b = line[i]
    if (a && b) best = Math.min(best, distanceToSegment(p, a, b))
  }
  return best
}

/**
 * The line nearest to `at` within `maxDistance` (same units as the lines),
 * or null. Ties go to the first line, so the answer is stable.
 */
export function nearestLine(
  lines: Iterable<readonly [string, readonly Point[]]>,
  at: Point,
  maxDistance: number,
): string | null {
  let best: string | null = null
  let bestDistance = maxDistance
  for (const [id, line] of lines) {
    const d = distanceToLine(at, line)
    if (d < bestDistance || (d === bestDistance && best === null)) {
      best = id
      bestDistance = d
    }
  }
  return best
}
