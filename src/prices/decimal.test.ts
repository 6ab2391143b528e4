import { describe, expect, test } from 'vitest'
import {
  decimalFromNumber,
  formatCents,
  groupUsd,
  parseDecimal,
  usdCents,
  usdCentsSum,
} from './decimal.js'

const usd = (amountBase: bigint, decimals: number, price: string) => {
  const p = parseDecimal(price)
  if (!p) throw new Error(`bad price ${price}`)
  return formatCents(usdCents(amountBase, decimals, p))
}

describe('usdCents: amount x price, exact, half-up to the cent', () => {
  test.each([
    ['1 BTC', 100_000_000n, 8, '65000.12', '65000.12'],
    ['0.35 BTC', 35_000_000n, 8, '65000.12', '22750.04'],
    ['1 sat rounds down to zero', 1n, 8, '65000', '0.00'],
    ['exactly half a cent rounds up', 100_000_000n, 8, '0.005', '0.01'],
    [
      'just under half a cent rounds down',
      100_000_000n,
      8,
      '0.00499999',
      '0.00',
    ],
    ['1.005 rounds to 1.01 (a float gives 1.00)', 100_500_000n, 8, '1', '1.01'],
    [
      '0.1 x 0.3 is 0.03 (a float gives 0.030000000000000002)',
      10_000_000n,
      8,
      '0.3',
      '0.03',
    ],
    ['many price decimals', 12_345_678n, 8, '43210.987654321', '5334.69'],
    ['18-decimal asset', 1_234_567_890_123_456_789n, 18, '3456.78', '4267.63'],
    [
      '21M BTC at a million dollars',
      2_100_000_000_000_000n,
      8,
      '1000000.99',
      '21000020790000.00',
    ],
    ['zero amount', 0n, 8, '65000', '0.00'],
    ['integer price', 250_000_000n, 8, '40000', '100000.00'],
  ])('%s', (_name, amountBase, decimals, price, expected) => {
    expect(usd(amountBase, decimals, price)).toBe(expected)
  })

  test('a sum is rounded once, not per part', () => {
    const parts = [
      { amountBase: 50_000_000n, price: parseDecimal('60000.005')! },
      { amountBase: 50_000_000n, price: parseDecimal('70000.005')! },
    ]
    expect(formatCents(usdCentsSum(parts, 8))).toBe('65000.01')
    const separately = parts
      .map((p) => usdCents(p.amountBase, 8, p.price))
      .reduce((a, b) => a + b)
    expect(formatCents(separately)).toBe('65000.00')
  })
})

describe('parseDecimal', () => {
  test.each([
    ['65000.12', { int: 6500012n, scale: 2 }],
    ['0', { int: 0n, scale: 0 }],
    [' 7.50 ', { int: 750n, scale: 2 }],
    ['1e5', null],
    ['-1', null],
    ['1,000.00', null],
    ['.5', null],
    ['5.', null],
    ['', null],
  ])('%j -> %o', (text, expected) => {
    expect(parseDecimal(text)).toEqual(expected)
  })
})

describe('formatting', () => {
  test.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [123456n, '1234.56'],
    [-5n, '-0.05'],
  ])('formatCents(%s) = %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text)
  })
  test.each([
    ['1234567.5', '1,234,567.50'],
    ['999.99', '999.99'],
    ['65000', '65,000.00'],
  ])('groupUsd(%s) = %s', (value, text) => {
    expect(groupUsd(value)).toBe(text)
  })
  test.each([
    [65000.12, '65000.12'],
    [123456.78901234567, '123456.78901234567'],
    [1e-7, '0.0000001'],
    [1.234e-7, '0.0000001234'],
    [1.5e21, '1500000000000000000000'],
  ])('decimalFromNumber(%s) = %s, which parses back', (n, text) => {
    expect(decimalFromNumber(n)).toBe(text)
    expect(parseDecimal(text)).not.toBeNull()
  })
  test.each([-1, Number.NaN])('decimalFromNumber(%s) = null', (n) => {
    expect(decimalFromNumber(n)).toBeNull()
  })
})
