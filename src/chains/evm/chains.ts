/** EVM chains by name or numeric id, from viem's chain definitions. */
import type { Chain } from 'viem'
import * as viemChains from 'viem/chains'
import { UsageError } from '../../core/errors.js'
import type { Asset } from '../../core/types.js'

export type EvmChain = {
  chainId: number
  /** Our chain name, as labels and reports spell it ('ethereum', 'bsc', ...). */
  name: string
  asset: Asset
  /** Block explorer web root, no trailing slash. */
  explorerUrl: string
  viem: Chain
}

/** The chains the CLI names; anything else must be given by numeric id. */
const NAMED: Record<string, Chain> = {
  ethereum: viemChains.mainnet,
  bsc: viemChains.bsc,
  polygon: viemChains.polygon,
  arbitrum: viemChains.arbitrum,
  optimism: viemChains.optimism,
  base: viemChains.base,
  avalanche: viemChains.avalanche,
  gnosis: viemChains.gnosis,
  celo: viemChains.celo,
  fantom: viemChains.fantom,
}

/** Other spellings users and label lists give the same chains. */
const ALIASES: Record<string, string> = {
  mainnet: 'ethereum',
  eth: 'ethereum',
  bnb: 'bsc',
  'bnb-chain': 'bsc',
  'binance-smart-chain': 'bsc',
  bep20: 'bsc',
  matic: 'polygon',
  'arbitrum-one': 'arbitrum',
  arb: 'arbitrum',
  op: 'optimism',
  avax: 'avalanche',
  'avalanche-c': 'avalanche',
  xdai: 'gnosis',
  ftm: 'fantom',
  anvil: '31337',
  hardhat: '31337',
}

export const EVM_CHAIN_NAMES: readonly string[] = Object.keys(NAMED)

/** Resolves `ethereum`, `bsc`, ... or a numeric chain id known to viem. */
export function resolveEvmChain(input: string): EvmChain {
  const found = findEvmChain(input)
  if (found) return found
  throw new UsageError(`unknown EVM chain "${input}"`, {
    metaMessages: [
      `Use one of: ${EVM_CHAIN_NAMES.join(', ')}, or a numeric chain id.`,
    ],
  })
}

/** The EVM chain a name, alias or numeric id names; undefined when none. */
export function findEvmChain(input: string): EvmChain | undefined {
  const given = input.trim().toLowerCase()
  // `evm-<id>` is how a report names a chain viem has no short name for.
  const text = ALIASES[given] ?? given.replace(/^evm-(?=\d+$)/, '')
  const named = NAMED[text]
  if (named) return toEvmChain(nameOf(named), named)
  if (!/^\d+$/.test(text)) return undefined
  const byId = findById(Number(text))
  return byId ? toEvmChain(nameOf(byId), byId) : undefined
}

function nameOf(chain: Chain): string {
  for (const [name, known] of Object.entries(NAMED)) {
    if (known.id === chain.id) return name
  }
  if (chain.id === viemChains.hardhat.id) return 'hardhat'
  return `evm-${chain.id}`
}

function findById(id: number): Chain | undefined {
  for (const known of Object.values(NAMED)) if (known.id === id) return known
  // Prefer the main network when several viem entries share an id.
  if (id === viemChains.hardhat.id) return viemChains.hardhat
  for (const value of Object.values(viemChains)) {
    const chain = value as Chain
    if (typeof chain === 'object' && chain?.id === id) return chain
  }
  return undefined
}

function toEvmChain(name: string, chain: Chain): EvmChain {
  const url = chain.blockExplorers?.default.url ?? ''
  return {
    chainId: chain.id,
    name,
    asset: {
      chain: name,
      symbol: chain.nativeCurrency.symbol,
      decimals: chain.nativeCurrency.decimals,
    },
    explorerUrl: url.replace(/\/+$/, ''),
    viem: chain,
  }
}
