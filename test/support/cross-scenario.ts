/**
 * The cross-chain scenario of test/cross-chain.e2e.test.ts, shared with the
 * tests that run it another way (batch, the thornode cross-check): a Bitcoin
 * theft swapped to ETH through THORChain (vault output + OP_RETURN memo), the
 * ETH payout (router TransferOut, memo OUT:<btc txid>) split between an
 * exchange deposit and a swap back to Bitcoin (router depositWithExpiry +
 * Deposit event), whose payout (OP_RETURN OUT:<eth hash>) rests on Bitcoin.
 * Real Bitcoin txs (bitcoinjs-lib), router calldata and events encoded with viem.
 */
import {
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { ROUTER_ABI } from '../../src/chains/thorchain/router.js'
import { btcWallet, buildBtc } from './btc-build.js'
import type { SimChain } from './evm-sim.js'

export const ESPLORA = 'http://esplora.test/api'
export const EXPLORER = 'https://api.etherscan.io/v2/api'
export const KEY = 'SECRETKEY-cross-4242'
export const ROUTER = '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146'
export const ETH = 10n ** 18n
export const GWEI = 10n ** 9n

export const victim = btcWallet('victim')
export const thief = btcWallet('thief')
export const binanceDeposit = btcWallet('binance-deposit')
export const binance = btcWallet('binance-hot')
export const vault = btcWallet('thorchain-vault')
export const vault2 = btcWallet('thorchain-vault-2')
export const thiefBack = btcWallet('thief-back')

export const ethThief = '0x2000000000000000000000000000000000000002'
export const ethVault = '0x5acaed152386de95772468072e1b3fad2f4423f0'
export const deposit = '0x4000000000000000000000000000000000000004'
export const kraken = '0x8000000000000000000000000000000000000008'
export const E1 = `0x${'e1'.repeat(32)}`
export const E2 = `0x${'e2'.repeat(32)}`
export const E3 = `0x${'e3'.repeat(32)}`
export const E4 = `0x${'e4'.repeat(32)}`
export const T0_TIME = 1_719_000_000
export const BACK_MEMO = `=:b:${thiefBack.address}:0`
export const SWAP_MEMO = `=:e:${ethThief}:0/1/0:t:0`

/** T0 theft, T1 inbound to THORChain, T2 to Binance, T3 THORChain's payout of the swap back. */
export function bitcoinSide(ethInbound: string | null, refundOf?: string) {
  return buildBtc(
    [
      {
        name: 'theft',
        inputs: [{ external: victim, value: 100_000_000n }],
        outputs: [[thief, 99_990_000n]],
        time: T0_TIME,
        height: 850_000,
      },
      {
        name: 'inbound',
        inputs: [{ tx: 'theft', vout: 0 }],
        outputs: [
          [vault, 60_000_000n],
          { memo: SWAP_MEMO },
          [binanceDeposit, 39_980_000n],
        ],
        time: T0_TIME + 600,
        height: 850_001,
      },
      {
        name: 'binance',
        inputs: [{ tx: 'inbound', vout: 2 }],
        outputs: [[binance, 39_970_000n]],
        time: T0_TIME + 1200,
        height: 850_002,
      },
      ...(ethInbound
        ? [
            {
              name: 'payout',
              inputs: [{ external: vault2, value: 500_000_000n }],
              outputs: [
                [thiefBack, 15_000_000n] as [typeof vault2, bigint],
                { memo: `OUT:${ethInbound.slice(2).toUpperCase()}` },
                [vault2, 484_990_000n] as [typeof vault2, bigint],
              ],
              time: T0_TIME + 2000,
              height: 850_003,
            },
          ]
        : []),
      ...(refundOf
        ? [
            {
              name: 'refund',
              inputs: [{ external: vault2, value: 500_000_000n }],
              outputs: [
                [thief, 59_990_000n] as [typeof vault2, bigint],
                { memo: `REFUND:${refundOf.toUpperCase()}` },
                [vault2, 440_000_000n] as [typeof vault2, bigint],
              ],
              time: T0_TIME + 3000,
              height: 850_004,
            },
          ]
        : []),
    ],
    850_010,
  )
}

const topics = (t: readonly unknown[]) => t as string[]

/** E1 THORChain pays 10 ETH out; E2 6 ETH to a deposit; E3 its sweep to Kraken; E4 3 ETH back into THORChain for BTC. */
export function ethereumSide(
  btcInbound: string,
  withPayout: boolean,
): SimChain {
  const gas = (used: bigint) => ({
    gasUsed: String(used),
    gasPrice: String(20n * GWEI),
  })
  return {
    chainId: 1,
    tip: 200,
    genesisTime: T0_TIME,
    blockTime: 12,
    txs: [
      ...(withPayout
        ? [
            {
              hash: E1,
              block: 60,
              index: 0,
              from: ethVault,
              to: ROUTER,
              value: String(10n * ETH),
              ...gas(60_000n),
              internal: [
                { from: ROUTER, to: ethThief, value: String(10n * ETH) },
              ],
              logs: [
                {
                  address: ROUTER,
                  logIndex: 0,
                  topics: topics(
                    encodeEventTopics({
                      abi: ROUTER_ABI,
                      eventName: 'TransferOut',
                      args: { vault: ethVault, to: ethThief },
                    }),
                  ),
                  data: encodeAbiParameters(
                    parseAbiParameters('address, uint256, string'),
                    [zeroAddress, 10n * ETH, `OUT:${btcInbound.toUpperCase()}`],
                  ),
                },
              ],
            },
            {
              hash: E2,
              block: 70,
              index: 0,
              from: ethThief,
              to: deposit,
              value: String(6n * ETH),
              ...gas(21_000n),
            },
            {
              hash: E3,
              block: 72,
              index: 0,
              from: deposit,
              to: kraken,
              value: String(6n * ETH - 21_000n * 20n * GWEI),
              ...gas(21_000n),
            },
            {
              hash: E4,
              block: 80,
              index: 0,
              from: ethThief,
              to: ROUTER,
              value: String(3n * ETH),
              ...gas(50_000n),
              input: encodeFunctionData({
                abi: ROUTER_ABI,
                functionName: 'depositWithExpiry',
                args: [
                  ethVault,
                  zeroAddress,
                  3n * ETH,
                  BACK_MEMO,
                  1_800_000_000n,
                ],
              }),
              internal: [
                { from: ROUTER, to: ethVault, value: String(3n * ETH) },
              ],
              logs: [
                {
                  address: ROUTER,
                  logIndex: 0,
                  topics: topics(
                    encodeEventTopics({
                      abi: ROUTER_ABI,
                      eventName: 'Deposit',
                      args: { to: ethVault, asset: zeroAddress },
                    }),
                  ),
                  data: encodeAbiParameters(
                    parseAbiParameters('uint256, string'),
                    [3n * ETH, BACK_MEMO],
                  ),
                },
              ],
            },
          ]
        : []),
    ],
  }
}
