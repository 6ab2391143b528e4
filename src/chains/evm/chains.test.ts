import { describe, expect, it } from 'vitest'
import { UsageError } from '../../core/errors.js'
import { resolveEvmChain } from './chains.js'

describe('resolveEvmChain', () => {
  it.each([
    ['ethereum', 1, 'ethereum', 'ETH', 'https://etherscan.io'],
    ['1', 1, 'ethereum', 'ETH', 'https://etherscan.io'],
    ['bsc', 56, 'bsc', 'BNB', 'https://bscscan.com'],
    ['polygon', 137, 'polygon', 'POL', 'https://polygonscan.com'],
    ['arbitrum', 42161, 'arbitrum', 'ETH', 'https://arbiscan.io'],
    ['optimism', 10, 'optimism', 'ETH', 'https://optimistic.etherscan.io'],
    ['base', 8453, 'base', 'ETH', 'https://basescan.org'],
    ['avalanche', 43114, 'avalanche', 'AVAX', 'https://snowtrace.io'],
    ['43114', 43114, 'avalanche', 'AVAX', 'https://snowtrace.io'],
    ['31337', 31337, 'hardhat', 'ETH', ''],
  ])('%s', (input, chainId, name, symbol, explorerUrl) => {
    const chain = resolveEvmChain(input)
    expect(chain).toMatchObject({
      chainId,
      name,
      explorerUrl,
      asset: { chain: name, symbol, decimals: 18 },
    })
  })

  it.each(['solana', '98765432101', ''])(
    'rejects %j, listing the names',
    (input) => {
      expect(() => resolveEvmChain(input)).toThrow(UsageError)
      expect(() => resolveEvmChain(input)).toThrow(
        /ethereum, bsc, polygon, arbitrum, optimism, base, avalanche/,
      )
    },
  )
})
