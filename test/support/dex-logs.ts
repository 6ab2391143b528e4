/**
 * Real-shape DEX and WETH9 logs for the simulated EVM chain: Uniswap V2's
 * pair `Swap` and WETH9's `Deposit`/`Withdrawal` encoded with viem from the
 * contracts' event ABIs, token rows as Etherscan's `tokentx` gives them, and
 * the canonical Ethereum mainnet addresses (etherscan.io) they use.
 */
import {
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbi,
  parseAbiParameters,
} from 'viem'
import type { SimLog, SimToken } from './evm-sim.js'

// WETH9, Tether USD, USD Coin, Uniswap V2 Router02, the V2 WETH/USDT and USDC/USDT pairs.
export const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
export const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
export const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'
export const ROUTER: Hex = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d'
export const PAIR: Hex = '0x0d4a11d5eeaac28ec3f61d100daf4d40471f1852'
export const PAIR2: Hex = '0x3041cbd36888becc7bbcbc0045e3b1f144466f5f'

const GWEI = 10n ** 9n

const V2 = parseAbi([
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
])
const WETH9 = parseAbi([
  'event Deposit(address indexed dst, uint256 wad)',
  'event Withdrawal(address indexed src, uint256 wad)',
])

/** A V2 pair's Swap, sent by the router: amounts are (0 in, 1 in, 0 out, 1 out). */
export function v2SwapLog(
  pair: Hex,
  to: Hex,
  amounts: readonly [bigint, bigint, bigint, bigint],
  logIndex: number,
): SimLog {
  return {
    address: pair,
    logIndex,
    topics: encodeEventTopics({
      abi: V2,
      eventName: 'Swap',
      args: { sender: ROUTER, to },
    }) as string[],
    data: encodeAbiParameters(
      parseAbiParameters('uint256, uint256, uint256, uint256'),
      amounts,
    ),
  }
}

export function wethLog(
  eventName: 'Deposit' | 'Withdrawal',
  account: Hex,
  wad: bigint,
  logIndex: number,
): SimLog {
  return {
    address: WETH,
    logIndex,
    topics: encodeEventTopics({
      abi: WETH9,
      eventName,
      args: eventName === 'Deposit' ? { dst: account } : { src: account },
    } as Parameters<typeof encodeEventTopics<typeof WETH9>>[0]) as string[],
    data: encodeAbiParameters(parseAbiParameters('uint256'), [wad]),
  }
}

export function tokenRow(
  symbol: 'USDT' | 'USDC' | 'WETH',
  from: string,
  to: string,
  value: bigint,
  logIndex: number,
): SimToken {
  return {
    contract: symbol === 'USDT' ? USDT : symbol === 'USDC' ? USDC : WETH,
    symbol,
    name:
      symbol === 'WETH'
        ? 'Wrapped Ether'
        : symbol === 'USDT'
          ? 'Tether USD'
          : 'USD Coin',
    decimals: symbol === 'WETH' ? 18 : 6,
    from,
    to,
    value: String(value),
    logIndex,
  }
}

/** Gas used at 20 gwei, as the simulator's txs carry it. */
export const gas = (used: bigint) => ({
  gasUsed: String(used),
  gasPrice: String(20n * GWEI),
})
