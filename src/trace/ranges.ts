/** Taint as half-open ranges [start, end) of base units inside one output. */
export type Range = readonly [bigint, bigint]

/** Total length covered by a list of non-overlapping ranges. */
export function rangesLength(ranges: readonly Range[]): bigint {
  let total = 0n
  for (const [start, end] of ranges) total += end - start
  return total
}

/** The whole of an output: used for seeds, haircut and poison. */
export function fullRange(amount: bigint): Range[] {
  return amount > 0n ? [[0n, amount]] : []
}

/** Sorts, drops empty ranges and merges overlapping or touching ones. */
export function normalizeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges
    .filter(([start, end]) => end > start)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const merged: [bigint, bigint][] = []
  for (const [start, end] of sorted) {
    const last = merged.at(-1)
    if (last && start <= last[1]) {
      if (end > last[1]) last[1] = end
    } else merged.push([start, end])
  }
  return merged
}

/** The parts of `ranges` inside [from, to), shifted so `from` becomes 0. */
export function sliceRanges(
  ranges: readonly Range[],
  from: bigint,
  to: bigint,
): Range[] {
  const out: Range[] = []
  for (const [start, end] of ranges) {
    const lo = start > from ? start : from
    const hi = end < to ? end : to
    if (hi > lo) out.push([lo - from, hi - from])
  }
  return out
}

/** Moves every range by `offset`. */
export function shiftRanges(ranges: readonly Range[], offset: bigint): Range[] {
  return ranges.map(([start, end]) => [start + offset, end + offset] as const)
}
