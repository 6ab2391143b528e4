/** ERC-20 Transfer logs, and the token registry that exposes symbol copies (fake USDT). */
import { erc20Abi, type Log, parseEventLogs } from 'viem'

export const TRANSFER_TOPIC =
  '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

type TokenTransferLog = {
  contract: string
  from: string
  to: string
  value: bigint
  txHash: string
  blockNumber: number
  txIndex: number
  logIndex: number
}

const ADDRESS_TOPIC = /^0x0{24}[0-9a-fA-F]{40}$/
const ONE_WORD = /^0x[0-9a-fA-F]{64}$/

/**
 * The exact ERC-20 Transfer shape: topic0, two zero-padded address topics and
 * one 32-byte value word. ERC-721 shares topic0 but indexes the token id (four
 * topics); anything else with this topic0 (extra data words, topics that are
 * not addresses) is some other contract's event, and reading it leniently
 * would invent a sender, a recipient or an amount.
 */
export function isErc20TransferLog(
  log: Pick<Log, 'topics' | 'data'> & { removed?: boolean | undefined },
): boolean {
  const [topic0, from, to] = log.topics
  return (
    !log.removed &&
    log.topics.length === 3 &&
    topic0?.toLowerCase() === TRANSFER_TOPIC &&
    ADDRESS_TOPIC.test(from ?? '') &&
    ADDRESS_TOPIC.test(to ?? '') &&
    ONE_WORD.test(log.data)
  )
}

/** Decodes the logs that have the exact ERC-20 Transfer shape; others are not transfers. */
export function parseTransferLogs(logs: readonly Log[]): TokenTransferLog[] {
  const decoded = parseEventLogs({
    abi: erc20Abi,
    eventName: 'Transfer',
    logs: logs.filter(isErc20TransferLog),
    strict: true,
  })
  return decoded.map((log) => ({
    contract: log.address.toLowerCase(),
    from: log.args.from.toLowerCase(),
    to: log.args.to.toLowerCase(),
    value: log.args.value,
    txHash: (log.transactionHash ?? '').toLowerCase(),
    blockNumber: Number(log.blockNumber ?? -1),
    txIndex: log.transactionIndex ?? -1,
    logIndex: log.logIndex ?? -1,
  }))
}

/** Left-pads an address to a 32-byte topic. */
export function addressTopic(address: string): `0x${string}` {
  return `0x${address.toLowerCase().replace(/^0x/, '').padStart(64, '0')}`
}

/**
 * Canonical contracts of the tokens thieves cash out in, per chain. A token
 * elsewhere that copies one of these symbols is an impostor (address
 * poisoning, fake USDT) and is filtered, not traced.
 */
export const KNOWN_TOKENS: Readonly<Record<string, Record<string, string>>> = {
  ethereum: {
    USDT: '0xdac17f958d2ee523a2206206994597c13d831ec7',
    USDC: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    DAI: '0x6b175474e89094c44da98b954eedeac495271d0f',
    WETH: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
    WBTC: '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599',
  },
  bsc: {
    USDT: '0x55d398326f99059ff775485246999027b3197955',
    USDC: '0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d',
  },
  polygon: {
    USDT: '0xc2132d05d31c914a87c6611c10748aeb04b58e8f',
    USDC: '0x3c499c542cef5e3811e1192ce70d8cc03d5c3359',
  },
  arbitrum: {
    USDT: '0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9',
    USDC: '0xaf88d065e77c8cc2239327c5edb3a432268e5831',
  },
  optimism: {
    USDT: '0x94b008aa00579c1307b0ef2c499ad98a8ce58e58',
    USDC: '0x0b2c639c533813f4aa9d7837caf62653d097ff85',
  },
  base: { USDC: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' },
  avalanche: {
    USDT: '0x9702230a8ea53601f5cd2dc00fdbc13d4df4a8c7',
    USDC: '0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e',
  },
}

/** Decimals of the KNOWN_TOKENS (Binance-Peg USDT/USDC on bsc use 18). */
const KNOWN_DECIMALS: Readonly<Record<string, number>> = {
  USDT: 6,
  USDC: 6,
  DAI: 18,
  WETH: 18,
  WBTC: 8,
}

/** Symbol and decimals of a canonical token, without asking the chain (a node may not serve eth_call). */
export function knownTokenInfo(
  chain: string,
  contract: string,
): { symbol: string; decimals: number } | undefined {
  const wanted = contract.toLowerCase()
  for (const [symbol, address] of Object.entries(KNOWN_TOKENS[chain] ?? {})) {
    if (address !== wanted) continue
    const decimals = chain === 'bsc' ? 18 : KNOWN_DECIMALS[symbol]
    return decimals === undefined ? undefined : { symbol, decimals }
  }
  return undefined
}

/** True when `symbol` names a known token of `chain` but `contract` is not it. */
export function isImpostorToken(
  chain: string,
  contract: string,
  symbol: string,
): boolean {
  const known = KNOWN_TOKENS[chain]
  if (!known) return false
  const wanted = normaliseSymbol(symbol)
  for (const [name, address] of Object.entries(known)) {
    if (name === wanted) return address !== contract.toLowerCase()
  }
  return false
}

/** Folds the look-alike tricks seen in poisoning tokens: case, spaces, ₮, Cyrillic. */
function normaliseSymbol(symbol: string): string {
  return symbol
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/₮/g, 'T')
    .replace(/[Т]/g, 'T')
    .replace(/[С]/g, 'C')
    .replace(/[Ѕ]/g, 'S')
    .replace(/[Ԁ]/g, 'D')
    .toUpperCase()
}
