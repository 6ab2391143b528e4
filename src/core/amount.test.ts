import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatUnits, parseUnits } from './amount.js'

describe('formatUnits', () => {
  test.each([
    [0n, 0, '0'],
    [0n, 8, '0'],
    [1n, 8, '0.00000001'],
    [120n, 2, '1.2'],
    [100n, 2, '1'],
    [-5n, 1, '-0.5'],
    [4000000000n, 8, '40'],
    [123456789n, 0, '123456789'],
    [10n ** 30n + 7n, 18, '1000000000000.000000000000000007'],
  ])('%s at %i decimals = %s', (value, decimals, text) => {
    expect(formatUnits(value, decimals)).toBe(text)
  })

  test.each([-1, 1.5, Number.NaN])('decimals %s are refused', (decimals) => {
    expect(() => formatUnits(1n, decimals)).toThrow(RangeError)
  })

  // A spam token may claim 100,000 decimals: the digits are handled as text,
  // so this returns at once (bigint division took minutes).
  test('absurd decimals format in linear time', () => {
    const text = formatUnits(12345n, 100_000)
    expect(text.length).toBe(100_002)
    expect(text.endsWith('12345')).toBe(true)
  })

  test('round-trips parseUnits', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.nat(40),
        (v, d) => {
          expect(parseUnits(formatUnits(v, d), d)).toBe(v)
        },
      ),
    )
  })
})
