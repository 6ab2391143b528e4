import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import vectors from '../../../fixtures/cases/policies.json' with {
  type: 'json',
}
import { sum } from '../../core/amount.js'
import { type PolicyInput, policies } from '../policy.js'
import { normalizeRanges, type Range, rangesLength } from '../ranges.js'

type Name = keyof typeof policies
const toRange = ([a, b]: string[]): Range => [BigInt(a!), BigInt(b!)]

describe('policy vectors', () => {
  test.each(vectors.valid)('$description', (vector) => {
    const inputs = vector.inputs.map((input) => ({
      value: BigInt(input.value),
      taint: input.taint.map(toRange),
    }))
    const result = policies[vector.policy as Name].apply(
      inputs,
      vector.outputs.map(BigInt),
      BigInt(vector.fee),
    )
    expect(result).toEqual({
      outputs: vector.expected.outputs.map((ranges) => ranges.map(toRange)),
      feeTaint: BigInt(vector.expected.feeTaint),
      absorbed: BigInt(vector.expected.absorbed),
    })
  })
})

/** A random tx: inputs with normalised taint inside their value, V = Σo + f. */
const txArb = fc
  .array(
    fc.record({
      value: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      cuts: fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), {
        maxLength: 6,
      }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .chain((raw) => {
    const inputs: PolicyInput[] = raw.map(({ value, cuts }) => {
      const points = cuts.map((c) => c % (value + 1n)).sort(cmp)
      const taint: Range[] = []
      for (let i = 0; i + 1 < points.length; i += 2)
        taint.push([points[i]!, points[i + 1]!])
      return { value, taint: normalizeRanges(taint) }
    })
    const total = sum(inputs.map((input) => input.value))
    return fc
      .array(fc.bigInt({ min: 0n, max: total }), { maxLength: 6 })
      .map((cuts) => {
        const points = [0n, ...cuts.sort(cmp), total]
        const parts = points.slice(1).map((p, i) => p - points[i]!)
        const fee = parts.pop() ?? 0n
        return { inputs, outputs: parts, fee }
      })
  })

function cmp(a: bigint, b: bigint) {
  return a < b ? -1 : a > b ? 1 : 0
}

const taintIn = (inputs: PolicyInput[]) =>
  sum(inputs.map((input) => rangesLength(input.taint)))

describe('policy properties', () => {
  test.each(['haircut', 'fifo'] as const)(
    '%s conserves taint exactly',
    (name) => {
      fc.assert(
        fc.property(txArb, ({ inputs, outputs, fee }) => {
          const result = policies[name].apply(inputs, outputs, fee)
          const out = sum(result.outputs.map(rangesLength))
          expect(out + result.feeTaint).toBe(taintIn(inputs))
          expect(result.absorbed).toBe(0n)
        }),
      )
    },
  )

  test.each(['haircut', 'fifo', 'poison'] as const)(
    '%s never taints an output beyond its value',
    (name) => {
      fc.assert(
        fc.property(txArb, ({ inputs, outputs, fee }) => {
          const result = policies[name].apply(inputs, outputs, fee)
          expect(result.outputs).toHaveLength(outputs.length)
          result.outputs.forEach((ranges, i) => {
            expect(rangesLength(ranges) <= outputs[i]!).toBe(true)
          })
        }),
      )
    },
  )

  test('poison absorbs V - T and conserves with it', () => {
    fc.assert(
      fc.property(txArb, ({ inputs, outputs, fee }) => {
        const result = policies.poison.apply(inputs, outputs, fee)
        const tainted = taintIn(inputs)
        const value = sum(inputs.map((input) => input.value))
        const expected = tainted === 0n ? 0n : value - tainted
        expect(result.absorbed).toBe(expected)
        const out = sum(result.outputs.map(rangesLength))
        expect(out + result.feeTaint).toBe(tainted + result.absorbed)
      }),
    )
  })

  test('fifo ranges stay in bounds, sorted and disjoint', () => {
    fc.assert(
      fc.property(txArb, ({ inputs, outputs, fee }) => {
        const result = policies.fifo.apply(inputs, outputs, fee)
        result.outputs.forEach((ranges, i) => {
          let previousEnd = -1n
          for (const [start, end] of ranges) {
            expect(start >= 0n && end <= outputs[i]! && start < end).toBe(true)
            expect(start > previousEnd).toBe(true)
            previousEnd = end
          }
        })
      }),
    )
  })
})

describe('policies map', () => {
  test('every policy has a one-line description', () => {
    for (const [name, policy] of Object.entries(policies)) {
      expect(policy.name).toBe(name)
      expect(policy.description).toMatch(/^\S.*\S$/)
      expect(policy.description).not.toContain('\n')
    }
  })
})
