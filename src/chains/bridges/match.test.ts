import { describe, expect, test } from 'vitest'
import type { AccountTransfer, Asset } from '../../core/types.js'
import type { BridgeDeposit } from './deposits.js'
import type { AcrossFill } from './fills.js'
import { type FillQuery, fillCandidates, matchFill } from './match.js'

const ETH = 10n ** 18n
const T = 1_719_000_000
const RECIPIENT = '0x3000000000000000000000000000000000000003'
const SPOKE_ARB = '0xe35e9842fceaca96570b734083f4a58e8f7c5f2a'
const ARB_WETH = '0x82af49447d8a07e3bd95bd0d56f35241523fbab1'
const eth: Asset = {
  chain: 'ethereum',
  symbol: 'ETH',
  decimals: 18,
}
const arbEth: Asset = {
  chain: 'arbitrum',
  symbol: 'ETH',
  decimals: 18,
}
const arbWeth: Asset = { ...arbEth, symbol: 'WETH', contract: ARB_WETH }
const arbUsdc: Asset = {
  chain: 'arbitrum',
  symbol: 'USDC',
  decimals: 6,
  contract: '0xaf88d065e77c8cc2239327c5edb3a432268e5831',
}

const deposit = (d: Partial<BridgeDeposit> = {}): BridgeDeposit => ({
  protocol: 'across',
  event: 'V3FundsDeposited',
  contract: '0x5c7bcd6e7de5423a257d81b442095a1a6ced35c5',
  logIndex: 3,
  destinationChainId: 42161,
  destination: 'arbitrum',
  recipient: RECIPIENT,
  inputToken: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
  inputAmount: 5n * ETH,
  outputToken: ARB_WETH,
  outputAmount: 4_990_000_000_000_000_000n,
  depositId: '77',
  ...d,
})

const query = (d: Partial<BridgeDeposit> = {}): FillQuery => ({
  deposit: deposit(d),
  originChainId: 1,
  input: eth,
  after: T,
  windowSeconds: 3 * 86_400,
  wrapped: {
    origin: ['0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'],
    destination: [ARB_WETH],
  },
})

let n = 0
const pay = (
  value: bigint,
  at: number,
  asset: Asset = arbEth,
  to = RECIPIENT,
): AccountTransfer => ({
  chain: 'arbitrum',
  asset,
  kind: asset.contract ? 'erc20' : 'internal',
  txHash: `0x${(++n).toString(16).padStart(64, 'a')}`,
  block: { height: 100 + n, time: at },
  txIndex: 0,
  logIndex: 1,
  from: SPOKE_ARB,
  to,
  value,
})

const fill = (depositId: string, originChainId = 1): AcrossFill => ({
  event: 'FilledV3Relay',
  logIndex: 5,
  originChainId,
  depositId,
  recipient: RECIPIENT,
  outputAmount: 0n,
})

describe('a bridge fill on the destination', () => {
  const out = 4_990_000_000_000_000_000n

  test('candidates: to the recipient, in the window, in an asset the deposit pays out in', () => {
    const ok = pay(out, T + 60)
    const wrapped = pay(out, T + 90, arbWeth)
    const early = pay(out, T - 1)
    const late = pay(out, T + 3 * 86_400 + 1)
    const other = pay(
      out,
      T + 60,
      arbEth,
      '0x9000000000000000000000000000000000000009',
    )
    const usdc = pay(5_000_000n, T + 60, arbUsdc)
    expect(
      fillCandidates(query(), [ok, wrapped, early, late, other, usdc]),
    ).toEqual([ok, wrapped])
  })

  const table: [
    string,
    Partial<BridgeDeposit>,
    () => {
      candidates: AccountTransfer[]
      fills: Record<string, AcrossFill[]>
    },
    { kind: string; match?: string; confidence?: string; at?: number },
  ][] = [
    [
      'an Across fill naming origin chain and deposit id wins over an exact amount',
      {},
      () => {
        const a = pay(out, T + 30)
        const b = pay(out - 1n, T + 40)
        return { candidates: [a, b], fills: { [b.txHash]: [fill('77')] } }
      },
      { kind: 'found', match: 'deposit-id', confidence: 'high', at: 1 },
    ],
    [
      "a fill of another origin chain's deposit 77 is not it",
      {},
      () => {
        const a = pay(out, T + 30)
        return { candidates: [a], fills: { [a.txHash]: [fill('77', 10)] } }
      },
      { kind: 'found', match: 'amount-time', confidence: 'medium', at: 0 },
    ],
    [
      "the event's output amount, exactly",
      {},
      () => ({
        candidates: [pay(out + 1n, T + 5), pay(out, T + 9)],
        fills: {},
      }),
      { kind: 'found', match: 'amount-time', confidence: 'medium', at: 1 },
    ],
    [
      'two payments of the amount: not guessed between',
      {},
      () => ({ candidates: [pay(out, T + 5), pay(out, T + 9)], fills: {} }),
      { kind: 'ambiguous' },
    ],
    [
      'no output stated: within 1 % below the input',
      {
        outputAmount: null,
        outputToken: null,
        protocol: 'synapse',
        depositId: null,
      },
      () => ({
        candidates: [
          pay(5n * ETH + 1n, T + 5),
          pay(4_940_000_000_000_000_000n, T + 6),
          pay(4_950_000_000_000_000_000n, T + 7),
        ],
        fills: {},
      }),
      { kind: 'found', match: 'amount-time', confidence: 'medium', at: 2 },
    ],
    [
      'nothing fits',
      {},
      () => ({ candidates: [pay(ETH, T + 5)], fills: {} }),
      { kind: 'none' },
    ],
  ]

  test.each(table)('%s', (_name, d, build, expected) => {
    const { candidates, fills } = build()
    const found = matchFill(query(d), candidates, (h) => fills[h] ?? [])
    expect(found.kind).toBe(expected.kind)
    if (found.kind === 'found') {
      expect(found.match).toBe(expected.match)
      expect(found.confidence).toBe(expected.confidence)
      expect(found.transfer).toBe(candidates[expected.at ?? -1])
    }
    if (found.kind === 'ambiguous') expect(found.candidates).toEqual(candidates)
  })
})
