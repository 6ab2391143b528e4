import { describe, expect, test } from 'vitest'
import { resolveChain } from '../chains/index.js'
import {
  addressKey,
  InvalidAddressError,
  isEvmChain,
  normalizeAddress,
  normalizeChain,
  toChecksumAddress,
} from './normalize.js'

// EIP-55 vectors from the EIP text; BIP-173/350/86 vectors for bech32(m).
const valid: [chain: string, input: string, expected: string][] = [
  [
    'bitcoin',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  ],
  [
    'bitcoin',
    '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
    '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  ],
  [
    'bitcoin',
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  ],
  [
    'btc',
    ' bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 ',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  ],
  [
    'bitcoin',
    'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr',
    'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr',
  ],
  [
    'ethereum',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
  ],
  [
    'bsc',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
  ],
  [
    '137',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb',
  ],
  [
    'ethereum',
    '0xD1220A0CF47C7B9BE7A2E6BA89F429762E7B9ADB',
    '0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb',
  ],
  [
    'ethereum',
    '0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb',
    '0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb',
  ],
  [
    '999',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
  ],
  [
    'tron',
    'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSi',
    'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSi',
  ],
  [
    'solana',
    '5tzFkiKscXHK5ZXCGbXZxdw7gTjjD1mBwuoFbhUvuAi9',
    '5tzFkiKscXHK5ZXCGbXZxdw7gTjjD1mBwuoFbhUvuAi9',
  ],
]

const invalid: [chain: string, input: string, reason: string][] = [
  [
    'bitcoin',
    'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
    'not a mainnet address',
  ],
  ['bitcoin', 'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', 'not a mainnet address'],
  [
    'bitcoin',
    'bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    'mixed-case bech32',
  ],
  [
    'bitcoin',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
    'bad base58 checksum or length',
  ],
  [
    'bitcoin',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
    'bad bech32 checksum or length',
  ],
  [
    'bitcoin',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'not a bitcoin address',
  ],
  [
    'ethereum',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
    'bad EIP-55 checksum',
  ],
  [
    'ethereum',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae',
    'expected 0x followed by 40 hex digits',
  ],
  [
    'arbitrum',
    '5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'expected 0x followed by 40 hex digits',
  ],
  [
    'ethereum',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg',
    'expected 0x followed by 40 hex digits',
  ],
  [
    'tron',
    'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuS0',
    'expected T followed by 33 Base58 characters',
  ],
  ['tron', 'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSj', 'the checksum is wrong'],
  [
    'trx',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'expected T followed by 33 Base58 characters',
  ],
  ['litecoin', '', 'empty'],
  ['litecoin', 'L a', 'unexpected characters'],
]

describe('normalizeAddress', () => {
  test.each(valid)('%s %s', (chain, input, expected) => {
    expect(normalizeAddress(chain, input)).toBe(expected)
    expect(addressKey(chain, input)).toBe(
      `${normalizeChain(chain)}:${expected}`,
    )
  })

  test.each(invalid)('rejects %s %s', (chain, input, reason) => {
    const run = () => normalizeAddress(chain, input)
    expect(run).toThrow(InvalidAddressError)
    try {
      run()
    } catch (err) {
      expect((err as InvalidAddressError).reason).toContain(reason)
      expect((err as InvalidAddressError).exitCode).toBe(2)
    }
  })
})

describe('chains', () => {
  test.each([
    ['ETH', 'ethereum'],
    ['1', 'ethereum'],
    ['56', 'bsc'],
    ['42161', 'arbitrum'],
    ['BTC', 'bitcoin'],
    ['avax', 'avalanche'],
    ['Tron', 'tron'],
  ])('normalizeChain(%s) = %s', (input, expected) => {
    expect(normalizeChain(input)).toBe(expected)
  })

  test('evm detection', () => {
    expect(isEvmChain('base')).toBe(true)
    expect(isEvmChain('31337')).toBe(true)
    expect(isEvmChain('bitcoin')).toBe(false)
    expect(isEvmChain('tron')).toBe(false)
  })
})

test('toChecksumAddress matches the EIP-55 vectors', () => {
  for (const a of [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ]) {
    expect(toChecksumAddress(a.toLowerCase())).toBe(a)
  }
})

describe('label chains match the chain a trace names', () => {
  test.each([
    ['gnosis', '100'],
    ['100', 'gnosis'],
    ['31337', '31337'],
    ['anvil', '31337'],
    ['hardhat', '31337'],
    ['eth', '1'],
    ['bnb', '56'],
    ['btc', 'bitcoin'],
  ])(
    'a label on %s matches a trace on --chain %s',
    (labelChain, traceChain) => {
      expect(normalizeChain(labelChain)).toBe(resolveChain(traceChain).name)
    },
  )
})
