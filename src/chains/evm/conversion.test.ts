import {
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbi,
  parseAbiParameters,
} from 'viem'
import { describe, expect, test } from 'vitest'
import type { AccountTransfer, Asset } from '../../core/types.js'
import {
  type ConversionLog,
  type ConversionRule,
  readConversion,
} from './conversion.js'
import { wrappedNative } from './wrapped.js'

// Canonical Ethereum mainnet contracts (etherscan.io): WETH9, Tether USD,
// USD Coin, Uniswap V2 Router02, the V2 USDT/WETH and USDC/USDT pairs and
// the V3 USDC/WETH 0.05% pool.
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const USDT_C = '0xdac17f958d2ee523a2206206994597c13d831ec7'
const USDC_C = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'
const ROUTER: Hex = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d'
const PAIR_WETH_USDT = '0x0d4a11d5eeaac28ec3f61d100daf4d40471f1852'
const PAIR_USDC_USDT = '0x3041cbd36888becc7bbcbc0045e3b1f144466f5f'
const POOL_V3 = '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640'
const THIEF: Hex = '0x1000000000000000000000000000000000000001'
const OTHER: Hex = '0x2000000000000000000000000000000000000002'
const TX = `0x${'ab'.repeat(32)}`

// The events as their sources declare them: UniswapV2Pair.sol,
// IUniswapV3PoolEvents.sol, WETH9.sol.
const V2 = parseAbi([
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
])
const V3 = parseAbi([
  'event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)',
])
const WETH9 = parseAbi([
  'event Deposit(address indexed dst, uint256 wad)',
  'event Withdrawal(address indexed src, uint256 wad)',
])

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const token = (symbol: string, contract: string, decimals: number): Asset => ({
  chain: 'ethereum',
  symbol,
  decimals,
  contract,
})
const WETH_A = token('WETH', WETH, 18)
const USDT = token('USDT', USDT_C, 6)
const USDC = token('USDC', USDC_C, 6)
const E18 = 10n ** 18n

const move = (
  kind: AccountTransfer['kind'],
  asset: Asset,
  from: string,
  to: string,
  value: bigint,
  logIndex: number,
): AccountTransfer => ({
  chain: 'ethereum',
  asset,
  kind,
  txHash: TX,
  block: { height: 19_000_000, time: 1_705_000_000 },
  txIndex: 7,
  logIndex,
  from,
  to,
  value,
})

const v2Swap = (
  pair: string,
  to: string,
  out: bigint,
  logIndex: number,
): ConversionLog => ({
  address: pair,
  topics: encodeEventTopics({
    abi: V2,
    eventName: 'Swap',
    args: { sender: ROUTER, to: to as Hex },
  }) as string[],
  data: encodeAbiParameters(
    parseAbiParameters('uint256, uint256, uint256, uint256'),
    [0n, 1n, out, 0n],
  ),
  logIndex,
})
const v3Swap = (recipient: string, logIndex: number): ConversionLog => ({
  address: POOL_V3,
  topics: encodeEventTopics({
    abi: V3,
    eventName: 'Swap',
    args: { sender: ROUTER, recipient: recipient as Hex },
  }) as string[],
  data: encodeAbiParameters(
    parseAbiParameters('int256, int256, uint160, uint128, int24'),
    [3_000_000_000n, -E18, 1_000_000n, 5_000_000n, 195_000],
  ),
  logIndex,
})
const wethEvent = (
  eventName: 'Deposit' | 'Withdrawal',
  account: string,
  wad: bigint,
  logIndex: number,
  address = WETH,
): ConversionLog => ({
  address,
  topics: encodeEventTopics({
    abi: WETH9,
    eventName,
    args: eventName === 'Deposit' ? { dst: account } : { src: account },
  } as Parameters<typeof encodeEventTopics<typeof WETH9>>[0]) as string[],
  data: encodeAbiParameters(parseAbiParameters('uint256'), [wad]),
  logIndex,
})

type Case = {
  name: string
  asset: Asset
  transfers: AccountTransfer[]
  logs: ConversionLog[]
  expected: {
    rule: ConversionRule
    input: bigint
    output: { asset: string; from: string; to: string; value: bigint }
  } | null
}

const usdtForEth = (to: string): Pick<Case, 'transfers' | 'logs'> => ({
  transfers: [
    move('erc20', USDT, THIEF, PAIR_WETH_USDT, 3_000_000_000n, 0),
    move('erc20', WETH_A, PAIR_WETH_USDT, ROUTER, E18, 1),
    move('internal', ETH, WETH, ROUTER, E18, 1),
    move('internal', ETH, ROUTER, to, E18, 2),
  ],
  logs: [
    v2Swap(PAIR_WETH_USDT, ROUTER, E18, 3),
    wethEvent('Withdrawal', ROUTER, E18, 4),
  ],
})

const valid: Case[] = [
  {
    name: 'USDT for ETH through the V2 router, unwrapped and paid to the sender',
    asset: USDT,
    ...usdtForEth(THIEF),
    expected: {
      rule: 'uniswap-v2-swap-to',
      input: 3_000_000_000n,
      output: { asset: 'ETH', from: ROUTER, to: THIEF, value: E18 },
    },
  },
  {
    name: 'USDT for ETH paid by the router to another recipient',
    asset: USDT,
    ...usdtForEth(OTHER),
    expected: {
      rule: 'uniswap-v2-swap-to',
      input: 3_000_000_000n,
      output: { asset: 'ETH', from: ROUTER, to: OTHER, value: E18 },
    },
  },
  {
    name: 'ETH wrapped by the router, WETH → USDT → USDC through two pairs (only first input and last output count)',
    asset: ETH,
    transfers: [
      move('native', ETH, THIEF, ROUTER, 2n * E18, 0),
      move('internal', ETH, ROUTER, WETH, 2n * E18, 1),
      move('erc20', WETH_A, ROUTER, PAIR_WETH_USDT, 2n * E18, 1),
      move('erc20', USDT, PAIR_WETH_USDT, PAIR_USDC_USDT, 6_000_000_000n, 2),
      move('erc20', USDC, PAIR_USDC_USDT, THIEF, 5_990_000_000n, 5),
    ],
    logs: [
      wethEvent('Deposit', ROUTER, 2n * E18, 0),
      v2Swap(PAIR_WETH_USDT, PAIR_USDC_USDT, 6_000_000_000n, 4),
      v2Swap(PAIR_USDC_USDT, THIEF, 5_990_000_000n, 7),
    ],
    expected: {
      rule: 'uniswap-v2-swap-to',
      input: 2n * E18,
      output: {
        asset: 'USDC',
        from: PAIR_USDC_USDT,
        to: THIEF,
        value: 5_990_000_000n,
      },
    },
  },
  {
    name: 'USDC for WETH in a V3 pool, paid to the recipient the Swap names',
    asset: USDC,
    transfers: [
      move('erc20', WETH_A, POOL_V3, OTHER, E18, 10),
      move('erc20', USDC, THIEF, POOL_V3, 3_000_000_000n, 11),
    ],
    logs: [v3Swap(OTHER, 12)],
    expected: {
      rule: 'uniswap-v3-swap-recipient',
      input: 3_000_000_000n,
      output: { asset: 'WETH', from: POOL_V3, to: OTHER, value: E18 },
    },
  },
  {
    name: 'WETH deposit alone is 1:1: the token side read off Deposit(dst, wad)',
    asset: ETH,
    transfers: [move('native', ETH, THIEF, WETH, 5n * E18, 0)],
    logs: [wethEvent('Deposit', THIEF, 5n * E18, 3)],
    expected: {
      rule: 'weth-deposit',
      input: 5n * E18,
      output: { asset: 'WETH', from: WETH, to: THIEF, value: 5n * E18 },
    },
  },
  {
    name: 'WETH withdrawal alone is 1:1: the token side read off Withdrawal(src, wad)',
    asset: WETH_A,
    transfers: [move('internal', ETH, WETH, THIEF, 4n * E18, 1)],
    logs: [wethEvent('Withdrawal', THIEF, 4n * E18, 0)],
    expected: {
      rule: 'weth-withdrawal',
      input: 4n * E18,
      output: { asset: 'ETH', from: WETH, to: THIEF, value: 4n * E18 },
    },
  },
  {
    name: 'an aggregator with events of its own: the sender receives another asset back',
    asset: USDT,
    transfers: [
      move('erc20', USDT, THIEF, OTHER, 1_000_000n, 0),
      move('erc20', USDC, OTHER, THIEF, 999_000n, 1),
    ],
    logs: [],
    expected: {
      rule: 'same-address',
      input: 1_000_000n,
      output: { asset: 'USDC', from: OTHER, to: THIEF, value: 999_000n },
    },
  },
]

const invalid: Case[] = [
  {
    name: 'tokens into a pair and nothing back in the tx (liquidity added)',
    asset: USDT,
    transfers: [move('erc20', USDT, THIEF, PAIR_WETH_USDT, 1_000_000n, 0)],
    logs: [],
    expected: null,
  },
  {
    name: 'a Deposit(address,uint256) from a contract that is not the wrapped coin',
    asset: ETH,
    transfers: [move('native', ETH, THIEF, OTHER, E18, 0)],
    logs: [wethEvent('Deposit', THIEF, E18, 0, OTHER)],
    expected: null,
  },
  {
    name: 'a WETH Deposit whose wad the native payment does not match',
    asset: ETH,
    transfers: [move('native', ETH, THIEF, WETH, E18, 0)],
    logs: [wethEvent('Deposit', THIEF, 2n * E18, 0)],
    expected: null,
  },
  {
    name: 'only the same asset comes back (a refund)',
    asset: USDT,
    transfers: [
      move('erc20', USDT, THIEF, ROUTER, 1_000_000n, 0),
      move('erc20', USDT, ROUTER, THIEF, 1_000_000n, 1),
    ],
    logs: [],
    expected: null,
  },
  {
    name: 'the sender sent none of the asset in this tx',
    asset: USDC,
    ...usdtForEth(THIEF),
    expected: null,
  },
]

describe('same-tx conversion rule', () => {
  test('topic0 of each event is the keccak of its declaration', () => {
    expect(encodeEventTopics({ abi: V2, eventName: 'Swap' })[0]).toBe(
      '0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822',
    )
    expect(encodeEventTopics({ abi: V3, eventName: 'Swap' })[0]).toBe(
      '0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67',
    )
    expect(encodeEventTopics({ abi: WETH9, eventName: 'Deposit' })[0]).toBe(
      '0xe1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c',
    )
    expect(encodeEventTopics({ abi: WETH9, eventName: 'Withdrawal' })[0]).toBe(
      '0x7fcf532c15f0a6db0bd6d0e038bea71d30d808c7d98cb3bf7268a95bf5081b65',
    )
  })

  test.each([...valid, ...invalid])(
    '$name',
    ({ asset, transfers, logs, expected }) => {
      const found = readConversion({
        sender: THIEF,
        asset,
        transfers,
        logs,
        wrapped: wrappedNative(1),
        native: ETH,
      })
      if (expected === null) return expect(found).toBeNull()
      expect(found?.rule).toBe(expected.rule)
      expect(found?.input).toEqual({
        asset,
        amount: expected.input,
        from: THIEF,
      })
      expect({
        asset: found?.output.asset.symbol,
        from: found?.output.from,
        to: found?.output.to,
        value: found?.output.value,
      }).toEqual(expected.output)
    },
  )
})
