import {
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { describe, expect, test } from 'vitest'
import { depositCall, ROUTER_ABI, routerEvents } from './router.js'

const topics = (t: readonly unknown[]) => t as string[]
const ROUTER = '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146'
const VAULT = '0x5acaed152386de95772468072e1b3fad2f4423f0'
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
const DEST = '0x44f87741f17b0fd8079c258f833708a15205bf72'
const MEMO = '=:BTC.BTC:bc1q3a2le4lazts64u8mqte5vuxvug25z5w6rhs95g:5855757:t:10'
const OUT =
  'OUT:EA7D80B3EB709319A6577AF6CF4DEFF67975D4F5A93CD8817E7FF04A048D1C5C'

describe('THORChain router', () => {
  test('topic0 of each event is the keccak of its declaration in the router source', () => {
    expect(
      encodeEventTopics({ abi: ROUTER_ABI, eventName: 'Deposit' })[0],
    ).toMatch(/^0xef519b7e/)
    expect(
      encodeEventTopics({ abi: ROUTER_ABI, eventName: 'TransferOut' })[0],
    ).toMatch(/^0xa9cd03aa/)
    expect(
      encodeEventTopics({
        abi: ROUTER_ABI,
        eventName: 'TransferOutAndCall',
      })[0],
    ).toBe('0x8e5841bcd195b858d53b38bcf91b38d47f3bc800469b6812d35451ab619c6f6c')
  })

  test.each([
    ['deposit', [VAULT, zeroAddress, 10n ** 18n, MEMO]],
    ['depositWithExpiry', [VAULT, USDT, 5_000_000n, MEMO, 1_700_000_000n]],
  ] as const)(
    '%s calldata gives the vault, asset, amount and memo',
    (fn, args) => {
      const data = encodeFunctionData({
        abi: ROUTER_ABI,
        functionName: fn,
        args: args as never,
      })
      expect(depositCall(data)).toEqual({
        vault: VAULT,
        token: args[1] === zeroAddress ? null : USDT,
        amount: args[2],
        memo: MEMO,
      })
    },
  )

  test('Deposit and TransferOut logs decode; other logs are skipped', () => {
    const logs = [
      {
        address: ROUTER,
        logIndex: 3,
        topics: topics(
          encodeEventTopics({
            abi: ROUTER_ABI,
            eventName: 'Deposit',
            args: { to: VAULT, asset: zeroAddress },
          }),
        ),
        data: encodeAbiParameters(parseAbiParameters('uint256, string'), [
          10n ** 18n,
          MEMO,
        ]),
      },
      {
        address: ROUTER,
        logIndex: 7,
        topics: topics(
          encodeEventTopics({
            abi: ROUTER_ABI,
            eventName: 'TransferOut',
            args: { vault: VAULT, to: DEST },
          }),
        ),
        data: encodeAbiParameters(
          parseAbiParameters('address, uint256, string'),
          [USDT, 123n, OUT],
        ),
      },
      {
        address: USDT,
        logIndex: 8,
        topics: [
          '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
        ],
        data: '0x',
      },
    ]
    expect(routerEvents(logs)).toEqual([
      {
        event: 'Deposit',
        router: ROUTER,
        logIndex: 3,
        vault: VAULT,
        to: null,
        token: null,
        amount: 10n ** 18n,
        memo: MEMO,
      },
      {
        event: 'TransferOut',
        router: ROUTER,
        logIndex: 7,
        vault: VAULT,
        to: DEST,
        token: USDT,
        amount: 123n,
        memo: OUT,
      },
    ])
  })
})
