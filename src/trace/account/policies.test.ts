import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fullRange, rangesLength } from '../ranges.js'
import type { LedgerEntry } from './ledger.js'
import { fifo, haircut, poison } from './policies.js'

let n = 0
const order = () => [1, n++, 0] as const
const clean = (value: bigint): LedgerEntry => ({
  kind: 'in',
  key: `i${n}`,
  value,
  taint: [],
  order: order(),
})
const dirty = (value: bigint, taint = value): LedgerEntry => ({
  kind: 'in',
  key: `i${n}`,
  value,
  taint: fullRange(taint),
  order: order(),
})
const out = (key: string, value: bigint): LedgerEntry => ({
  kind: 'out',
  key,
  value,
  order: order(),
})
const fee = (value: bigint): LedgerEntry => ({
  kind: 'fee',
  key: `f${n}`,
  value,
  order: order(),
})

const taints = (r: ReturnType<typeof haircut>) =>
  Object.fromEntries([...r.outs].map(([k, v]) => [k, v.taint]))

describe('ledger policies (table)', () => {
  const cases: {
    name: string
    entries: LedgerEntry[]
    haircut: Record<string, bigint>
    fifo: Record<string, bigint>
    poison: Record<string, bigint>
  }[] = [
    {
      name: 'outflows before the tainted inflow carry nothing',
      entries: [clean(100n), out('a', 50n), dirty(100n), out('b', 150n)],
      haircut: { a: 0n, b: 100n },
      fifo: { a: 0n, b: 100n },
      poison: { a: 0n, b: 150n },
    },
    {
      name: 'clean funds that arrived earlier lower the tainted share',
      entries: [clean(100n), dirty(100n), out('a', 100n), out('b', 100n)],
      haircut: { a: 50n, b: 50n },
      fifo: { a: 0n, b: 100n },
      poison: { a: 100n, b: 100n },
    },
    {
      name: 'fees take their share',
      entries: [dirty(1000n), fee(100n), out('a', 900n)],
      haircut: { a: 900n },
      fifo: { a: 900n },
      poison: { a: 900n },
    },
    {
      name: 'floor remainders stay at rest',
      entries: [clean(2n), dirty(1n), out('a', 1n), out('b', 1n)],
      haircut: { a: 0n, b: 0n },
      fifo: { a: 0n, b: 0n },
      poison: { a: 1n, b: 1n },
    },
  ]
  it.each(cases)('$name', (c) => {
    expect(taints(haircut(c.entries))).toEqual(c.haircut)
    expect(taints(fifo(c.entries))).toEqual(c.fifo)
    expect(taints(poison(c.entries))).toEqual(c.poison)
  })

  it('fifo keeps exact ranges for the next hop', () => {
    const r = fifo([dirty(10n, 4n), clean(10n), out('a', 3n), out('b', 12n)])
    expect(r.outs.get('a')?.ranges).toEqual([[0n, 3n]])
    expect(r.outs.get('b')?.ranges).toEqual([[0n, 1n]])
    expect(r.taintedAtRest).toBe(0n)
  })

  it('poison reports the clean value it swept in', () => {
    const r = poison([clean(100n), dirty(50n), out('a', 150n)])
    expect(r.absorbed).toBe(100n)
    expect(taints(r)).toEqual({ a: 150n })
  })
})

describe('ledger policies (properties)', () => {
  const entry = fc.oneof(
    fc.record({
      kind: fc.constant('in' as const),
      value: fc.bigInt(1n, 10n ** 20n),
      share: fc.integer({ min: 0, max: 100 }),
    }),
    fc.record({
      kind: fc.constantFrom('out' as const, 'fee' as const),
      value: fc.bigInt(1n, 10n ** 20n),
      share: fc.constant(0),
    }),
  )
  const ledger = fc.array(entry, { maxLength: 30 }).map((list) =>
    list.map((e, i): LedgerEntry => {
      const order = [1, i, 0] as const
      if (e.kind === 'in')
        return {
          kind: 'in',
          key: `k${i}`,
          value: e.value,
          taint: fullRange((e.value * BigInt(e.share)) / 100n),
          order,
        }
      return { kind: e.kind, key: `k${i}`, value: e.value, order }
    }),
  )

  it.each([
    ['haircut', haircut],
    ['fifo', fifo],
  ] as const)('%s conserves taint exactly', (_name, policy) => {
    fc.assert(
      fc.property(ledger, (entries) => {
        const r = policy(entries)
        const out = [...r.outs.values()].reduce((s, o) => s + o.taint, 0n)
        expect(out + r.feeTaint + r.taintedAtRest).toBe(r.taintIn)
        for (const o of r.outs.values()) {
          expect(o.taint).toBeLessThanOrEqual(o.value)
          expect(rangesLength(o.ranges)).toBe(o.taint)
        }
      }),
    )
  })

  it('poison conserves taint plus what it absorbed', () => {
    fc.assert(
      fc.property(ledger, (entries) => {
        const r = poison(entries)
        const out = [...r.outs.values()].reduce((s, o) => s + o.taint, 0n)
        expect(out + r.feeTaint + r.taintedAtRest).toBe(r.taintIn + r.absorbed)
      }),
    )
  })

  it('fifo never taints more than haircut lets in and never before taint arrives', () => {
    fc.assert(
      fc.property(ledger, (entries) => {
        const firstTaint = entries.findIndex(
          (e) => e.kind === 'in' && e.taint.length > 0,
        )
        for (const policy of [haircut, fifo, poison]) {
          const r = policy(entries)
          // The outs before the first tainted in, each with no taint.
          const early = entries.filter(
            (e, i) => e.kind === 'out' && (firstTaint < 0 || i < firstTaint),
          )
          expect(early.map((e) => r.outs.get(e.key)?.taint)).toEqual(
            early.map(() => 0n),
          )
        }
      }),
    )
  })
})
