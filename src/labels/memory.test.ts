import { describe, expect, test } from 'vitest'
import type { Label } from '../core/types.js'
import {
  combineLookups,
  createLabelIndex,
  entityKey,
  lowerConfidence,
  resolveAttribution,
} from './memory.js'

const EVM = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'

function label(overrides: Partial<Label>): Label {
  return {
    chain: 'bitcoin',
    address: BECH,
    entity: 'Binance',
    category: 'exchange',
    source: 'test',
    confidence: 'high',
    ...overrides,
  }
}

describe('createLabelIndex', () => {
  const a = label({ entity: 'Binance' })
  const b = label({ entity: 'Kraken', source: 'other' })
  const c = label({ chain: 'ethereum', address: EVM, entity: 'X' })
  const index = createLabelIndex([a, b, c])

  test('keeps every label for an address', () => {
    expect(index.lookup('bitcoin', BECH)).toEqual([a, b])
    expect(index.size).toBe(3)
  })

  test('normalises chain and address on lookup', () => {
    expect(index.lookup('BTC', BECH.toUpperCase())).toEqual([a, b])
    expect(index.lookup('eth', EVM.toUpperCase().replace('0X', '0x'))).toEqual([
      c,
    ])
  })

  test('an EVM label does not carry over to another chain', () => {
    expect(index.lookup('bsc', EVM)).toEqual([])
  })

  test('garbage finds nothing and does not throw', () => {
    expect(index.lookup('bitcoin', '\u0000')).toEqual([])
  })

  test('combineLookups returns labels from every store', () => {
    const other = createLabelIndex([label({ entity: 'Y' })])
    expect(combineLookups(index, other).lookup('bitcoin', BECH)).toHaveLength(3)
  })
})

test.each([
  ['official', 'high'],
  ['high', 'medium'],
  ['medium', 'low'],
  ['low', 'low'],
] as const)('lowerConfidence(%s) = %s', (input, expected) => {
  expect(lowerConfidence(input)).toBe(expected)
})

test.each([
  ['Binance 14', 'binance'],
  ['binance hot wallet', 'binance'],
  ['Bitfinex: Cold Storage', 'bitfinex'],
  ['Coinbase Cold', 'coinbase'],
])('entityKey(%s) = %s', (input, expected) => {
  expect(entityKey(input)).toBe(expected)
})

describe('resolveAttribution', () => {
  test('no labels', () => {
    expect(resolveAttribution([])).toBeUndefined()
  })

  test('agreeing labels keep the best confidence', () => {
    const result = resolveAttribution([
      label({ entity: 'Binance 14', confidence: 'medium' }),
      label({ entity: 'Binance', confidence: 'official' }),
    ])
    expect(result).toMatchObject({
      entity: 'Binance',
      confidence: 'official',
      conflict: false,
      flags: [],
    })
    expect(result?.labels.map((l) => l.confidence)).toEqual([
      'official',
      'medium',
    ])
  })

  test('conflicting entities lower the confidence and are all shown', () => {
    const labels = [
      label({ entity: 'Block.one', confidence: 'medium' }),
      label({ entity: 'Bitfinex Cold Storage', confidence: 'high' }),
      label({ entity: 'Coinbase Cold', confidence: 'medium' }),
    ]
    const result = resolveAttribution(labels)
    expect(result).toMatchObject({
      entity: 'Bitfinex Cold Storage',
      confidence: 'medium',
      conflict: true,
      entities: ['Bitfinex Cold Storage', 'Block.one', 'Coinbase Cold'],
    })
    expect(result?.labels).toHaveLength(3)
  })

  test('sanctions and hacks raise flags', () => {
    const result = resolveAttribution([
      label({
        entity: 'OFAC SDN listed',
        category: 'sanctioned',
        confidence: 'official',
      }),
      label({ entity: 'Lazarus Group', category: 'hack', confidence: 'high' }),
    ])
    expect(result).toMatchObject({
      entity: 'Lazarus Group',
      category: 'hack',
      confidence: 'high',
      conflict: false,
      flags: ['sanctioned', 'hack'],
    })
  })

  test('a named sanctioned entity does conflict with a different owner', () => {
    const result = resolveAttribution([
      label({
        entity: 'Garantex',
        category: 'sanctioned',
        confidence: 'official',
      }),
      label({ entity: 'Binance', confidence: 'medium' }),
    ])
    expect(result).toMatchObject({
      conflict: true,
      confidence: 'high',
      flags: ['sanctioned'],
    })
  })
})
