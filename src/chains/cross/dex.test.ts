import { describe, expect, test } from 'vitest'
import type { AccountTransfer, Asset } from '../../core/types.js'
import type { FlowEdge } from '../../graph/flow.js'
import type { Endpoint, TraceResult } from '../../trace/types.js'
import type { Conversion } from '../evm/conversion.js'
import { resolveChain } from '../index.js'
import { atDex, settleDex } from './dex.js'
import type { SettleContext } from './settle.js'
import type { ChainStack } from './stacks.js'

const chain = resolveChain('ethereum')
const USDT: Asset = {
  chain: 'ethereum',
  symbol: 'USDT',
  decimals: 6,
  contract: '0xdac17f958d2ee523a2206206994597c13d831ec7',
}
const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const THIEF = '0x2000000000000000000000000000000000000002'
const PAIR = '0x0d4a11d5eeaac28ec3f61d100daf4d40471f1852'
const PAIR2 = '0x3041cbd36888becc7bbcbc0045e3b1f144466f5f'
const ROUTER = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d'
const T = `0x${'a1'.repeat(32)}`
const U = `0x${'b2'.repeat(32)}`
const E18 = 10n ** 18n

const edge = (
  txHash: string,
  target: string,
  amount: bigint,
  tainted: bigint,
  outputIndex: number,
): FlowEdge => ({
  id: `${txHash}:${target}:${outputIndex}`,
  source: THIEF,
  target,
  txHash,
  outputIndex,
  amount,
  tainted,
  block: 10,
  time: 1_700_000_000,
  hop: 2,
  policy: 'haircut',
  kind: 'erc20',
  asset: USDT,
})

const stop = (
  address: string,
  taint: bigint,
  over: Partial<Endpoint> = {},
): Endpoint => ({
  reason: 'service',
  asset: USDT,
  txid: T,
  vout: 0,
  address,
  value: taint,
  taint,
  hop: 2,
  block: null,
  detail: 'swap: Uniswap; not followed through',
  entity: 'Uniswap',
  category: 'swap',
  labels: [],
  flags: [],
  attribution: null,
  confidence: null,
  evidence: [],
  spentBy: null,
  ...over,
})

const output: AccountTransfer = {
  chain: 'ethereum',
  asset: ETH,
  kind: 'internal',
  txHash: T,
  block: { height: 10, time: 1_700_000_000 },
  txIndex: 0,
  logIndex: 3,
  from: ROUTER,
  to: THIEF,
  value: 2n * E18,
}

function setup(conversions: Record<string, Conversion | null>) {
  const calls: string[] = []
  const stack = {
    conversion: async (txHash: string) => {
      calls.push(txHash)
      return conversions[txHash] ?? null
    },
  } as unknown as ChainStack
  const ctx: SettleContext = {
    stackFor: () => ({ stack, sources: {} }),
    windowSeconds: 0,
  }
  return { ctx, calls }
}

const result = (edges: FlowEdge[]) =>
  ({ flow: { nodes: [], edges } }) as unknown as TraceResult

describe('settling DEX stops', () => {
  test('a route split over two labelled pools in one tx is one conversion: both pieces swapped, one leg at the share', async () => {
    const { ctx, calls } = setup({
      [T]: {
        rule: 'uniswap-v2-swap-to',
        input: { asset: USDT, amount: 1000n, from: THIEF },
        output,
      },
    })
    const walked = result([
      edge(T, PAIR, 600n, 300n, 1),
      edge(T, PAIR2, 400n, 200n, 4),
    ])
    const settled = await settleDex(ctx, chain, walked, [
      stop(PAIR, 300n),
      stop(PAIR2, 200n, { hop: 3 }),
    ])
    expect(calls).toEqual([T])
    expect(
      settled.endpoints.map((e) => [e.address, e.reason, e.taint, e.vout]),
    ).toEqual([
      [PAIR, 'swapped', 300n, 1],
      [PAIR2, 'swapped', 200n, 4],
    ])
    // 500 of the 1,000 USDT put in were tainted: half the 2 ETH out.
    expect(settled.swaps).toEqual([
      expect.objectContaining({
        protocol: 'dex',
        match: 'same-tx',
        rule: 'uniswap-v2-swap-to',
        taintIn: 500n,
        taintOut: E18,
        inbound: expect.objectContaining({
          address: PAIR,
          asset: USDT,
          amount: 1000n,
          index: 1,
        }),
        outbound: expect.objectContaining({
          address: THIEF,
          asset: ETH,
          amount: 2n * E18,
        }),
      }),
    ])
    expect(settled.next).toEqual([
      expect.objectContaining({
        hopOffset: 2,
        seed: {
          tx: T,
          from: ROUTER,
          to: THIEF,
          transfer: output,
          ranges: [[0n, E18]],
        },
      }),
    ])
  })

  test('what no conversion accounts for stays the one stop it was, at its address', async () => {
    const { ctx } = setup({
      [T]: {
        rule: 'uniswap-v2-swap-to',
        input: { asset: USDT, amount: 600n, from: THIEF },
        output,
      },
    })
    const walked = result([
      edge(T, PAIR, 600n, 600n, 1),
      edge(U, PAIR, 100n, 100n, 0),
    ])
    const settled = await settleDex(ctx, chain, walked, [
      stop(PAIR, 750n, { txid: U }),
    ])
    expect(settled.endpoints.map((e) => [e.txid, e.reason, e.taint])).toEqual([
      [T, 'swapped', 600n],
      [U, 'service', 150n],
    ])
    expect(settled.endpoints[1]?.detail).toContain(
      'the tx shows no conversion to read',
    )
    expect(settled.swaps).toHaveLength(1)
    expect(settled.swaps[0]?.taintOut).toBe(2n * E18)
  })

  test('no conversion anywhere: the stops are returned as they were (the wrapped coin word for word)', async () => {
    const { ctx, calls } = setup({})
    const walked = result([
      edge(T, PAIR, 600n, 600n, 1),
      edge(U, WETH, 100n, 100n, 0),
    ])
    const busy = stop(WETH, 100n, { category: 'service', detail: 'WETH' })
    const settled = await settleDex(ctx, chain, walked, [
      stop(PAIR, 600n),
      busy,
    ])
    expect(calls).toEqual([T, U])
    expect(settled.endpoints).toEqual([
      {
        ...stop(PAIR, 600n),
        detail: `${stop(PAIR, 600n).detail} (the tx shows no conversion to read)`,
      },
      busy,
    ])
    expect(settled.swaps).toEqual([])
    expect(settled.next).toEqual([])
  })

  test('a tx that cannot be read keeps its stop and says so in the limitations', async () => {
    const stack = {
      conversion: async () => {
        throw new Error('receipt refused')
      },
    } as unknown as ChainStack
    const ctx: SettleContext = {
      stackFor: () => ({ stack, sources: {} }),
      windowSeconds: 0,
    }
    const settled = await settleDex(
      ctx,
      chain,
      result([edge(T, PAIR, 600n, 600n, 1)]),
      [stop(PAIR, 600n)],
    )
    expect(settled.endpoints.map((e) => [e.reason, e.taint])).toEqual([
      ['service', 600n],
    ])
    expect(settled.limitations).toEqual([
      expect.stringContaining(`tx ${T} into a DEX could not be read`),
    ])
  })

  test.each([
    ['a DEX label', stop(PAIR, 1n), true],
    [
      'an unlabelled busy address (its txs are not read: a likely service stops before)',
      stop(PAIR, 1n, { category: 'likely-service' }),
      false,
    ],
    [
      'the wrapped native coin, however labelled',
      stop(WETH, 1n, { category: 'likely-service' }),
      true,
    ],
    [
      "THORChain's router (settled by its memo)",
      stop(ROUTER, 1n, {
        labels: [
          {
            chain: 'ethereum',
            address: ROUTER,
            entity: 'THORChain Router',
            category: 'dex',
            source: 't',
            confidence: 'high',
          },
        ],
      }),
      false,
    ],
    ['a mixer', stop(PAIR, 1n, { category: 'mixer' }), false],
    ['an exchange hit', stop(PAIR, 1n, { reason: 'exchange' }), false],
  ] as const)('%s: atDex %s', (_name, endpoint, expected) => {
    expect(atDex(chain, endpoint)).toBe(expected)
  })
})
