import type { PolicyInput, PolicyResult } from '../policy.js'
import {
  normalizeRanges,
  type Range,
  rangesLength,
  shiftRanges,
  sliceRanges,
} from '../ranges.js'

/**
 * Clayton's case: inputs in order on one value line, then outputs (fee last)
 * cut that line into segments; each keeps the tainted ranges it overlaps,
 * shifted to its own origin, so the trace stays exact over many hops.
 */
export function fifo(
  inputs: PolicyInput[],
  outputs: bigint[],
  fee: bigint,
): PolicyResult {
  const line = layInputs(inputs)
  const segments = [...outputs, fee]
  const cut: Range[][] = []
  let offset = 0n
  let cursor = 0
  for (const amount of segments) {
    const end = offset + amount
    // Ranges ending at or before this segment can never overlap a later one.
    while (cursor < line.length && line[cursor]![1] <= offset) cursor++
    const overlapping: Range[] = []
    for (let i = cursor; i < line.length && line[i]![0] < end; i++)
      overlapping.push(line[i]!)
    cut.push(sliceRanges(overlapping, offset, end))
    offset = end
  }
  const feeRanges = cut.pop() ?? []
  return { outputs: cut, feeTaint: rangesLength(feeRanges), absorbed: 0n }
}

function layInputs(inputs: PolicyInput[]): Range[] {
  const line: Range[] = []
  let offset = 0n
  for (const input of inputs) {
    const own = sliceRanges(normalizeRanges(input.taint), 0n, input.value)
    line.push(...shiftRanges(own, offset))
    offset += input.value
  }
  return normalizeRanges(line)
}
