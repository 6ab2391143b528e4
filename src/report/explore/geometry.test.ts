import { describe, expect, test } from 'vitest'
import {
  bendOffsets,
  distanceToSegment,
  type FlowEnds,
  flowLines,
  nearestLine,
} from './geometry.js'
import type { Point } from './layout.js'

const e = (id: string, source: string, target: string): FlowEnds => ({
  id,
  source,
  target,
})
const at = (x: number, y: number): Point => ({ x, y })
const POS = new Map([
  ['a', at(0, 0)],
  ['b', at(10, 0)],
  ['c', at(10, 10)],
])

describe('flowLines', () => {
  test('a lone transfer is a straight line between its ends', () => {
    const lines = flowLines([e('t1', 'a', 'b'), e('t2', 'a', 'c')], POS)
    expect(lines.get('t1')).toEqual([at(0, 0), at(10, 0)])
    expect(lines.get('t2')).toEqual([at(0, 0), at(10, 10)])
  })

  test('two transfers between the same addresses bend to opposite sides', () => {
    const lines = flowLines([e('t1', 'a', 'b'), e('t2', 'a', 'b')], POS)
    const [, m1] = lines.get('t1') ?? []
    const [, m2] = lines.get('t2') ?? []
    expect(m1?.x).toBeCloseTo(5)
    expect(m2?.x).toBeCloseTo(5)
    // A tenth of the length (10) either side of the straight line.
    expect(m1?.y).toBeCloseTo(-1)
    expect(m2?.y).toBeCloseTo(1)
  })

  test('A→B and B→A are a bundle too: they bend apart, not onto each other', () => {
    const lines = flowLines([e('ab', 'a', 'b'), e('ba', 'b', 'a')], POS)
    const ab = lines.get('ab') ?? []
    const ba = lines.get('ba') ?? []
    expect(ab).toHaveLength(3)
    expect(ba).toHaveLength(3)
    expect(ab[0]).toEqual(at(0, 0))
    expect(ba[0]).toEqual(at(10, 0))
    expect(Math.sign(ab[1]?.y ?? 0)).toBe(-Math.sign(ba[1]?.y ?? 0))
  })

  test('an odd bundle keeps its middle transfer straight', () => {
    const lines = flowLines(
      [e('t1', 'a', 'b'), e('t2', 'a', 'b'), e('t3', 'a', 'b')],
      POS,
    )
    expect(lines.get('t2')).toEqual([at(0, 0), at(10, 0)])
    expect(lines.get('t1')).toHaveLength(3)
    expect(lines.get('t3')).toHaveLength(3)
  })

  test('an edge with an end not laid out is not drawn', () => {
    expect(flowLines([e('t1', 'a', 'zz')], POS).has('t1')).toBe(false)
  })
})

describe('bendOffsets', () => {
  test.each([
    [1, [0]],
    [2, [-0.1, 0.1]],
    [3, [-0.2, 0, 0.2]],
    // Wide bundles stay within ±0.2 of the length.
    [5, [-0.2, -0.1, 0, 0.1, 0.2]],
  ])('%i transfers', (count, expected) => {
    const got = bendOffsets(count)
    expect(got).toHaveLength(expected.length)
    for (const [i, v] of expected.entries()) expect(got[i]).toBeCloseTo(v)
  })
})

describe('distanceToSegment', () => {
  test.each([
    ['beside the middle', at(5, 3), 3],
    ['past the end: to the end point', at(13, 4), 5],
    ['before the start', at(-3, -4), 5],
    ['on the line', at(7, 0), 0],
  ])('%s', (_name, p, expected) => {
    expect(distanceToSegment(p, at(0, 0), at(10, 0))).toBeCloseTo(expected)
  })

  test('a zero-length segment is a point', () => {
    expect(distanceToSegment(at(3, 4), at(0, 0), at(0, 0))).toBeCloseTo(5)
  })
})

describe('nearestLine', () => {
  const lines = flowLines(
    [e('t1', 'a', 'b'), e('t2', 'a', 'b'), e('t3', 'a', 'c')],
    POS,
  )

  test.each([
    ['on the upper bend', at(5, -1), 't1'],
    ['on the lower bend', at(5, 1), 't2'],
    ['near the diagonal', at(6, 6.5), 't3'],
    ['far from every line', at(2, 9), null],
  ])('%s', (_name, p, expected) => {
    expect(nearestLine(lines, p, 0.8)).toBe(expected)
  })

  test('each of two parallel transfers is pickable at its own middle', () => {
    const picked = ['t1', 't2'].map((id) => {
      const mid = lines.get(id)?.[1]
      if (!mid) throw new Error('no bend')
      return nearestLine(lines, mid, 0.5)
    })
    expect(picked).toEqual(['t1', 't2'])
  })
})
