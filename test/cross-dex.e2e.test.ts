/**
 * The whole route of issue's "done when", through main(): a Bitcoin theft
 * swapped to ETH through THORChain (vault output + OP_RETURN memo; router
 * TransferOut with OUT:<btc txid>), the ETH partly swapped for USDT on a DEX
 * in one tx (router wraps through WETH9 Deposit, pair Swap pays the thief),
 * the USDT paid to an exchange deposit swept to Kraken; the rest of the
 * stolen BTC reaches a Binance deposit. Real Bitcoin txs (bitcoinjs-lib),
 * event ABI encoding with viem. Expected figures derived by hand below.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import {
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROUTER_ABI } from '../src/chains/thorchain/router.js'
import type { Report } from '../src/report/types.js'
import {
  binance,
  binanceDeposit,
  bitcoinSide,
  E1,
  E2,
  E3,
  E4,
  ESPLORA,
  ETH,
  EXPLORER,
  ethThief,
  ethVault,
  GWEI,
  kraken,
  T0_TIME,
  ROUTER as THOR_ROUTER,
  victim,
} from './support/cross-scenario.js'
import {
  gas,
  PAIR,
  tokenRow,
  ROUTER as UNI_ROUTER,
  USDT,
  v2SwapLog,
  WETH,
  wethLog,
} from './support/dex-logs.js'
import { esploraHandlers } from './support/esplora-server.js'
import { evmSimHandlers, type SimChain } from './support/evm-sim.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

const KEY = 'SECRETKEY-cross-dex-4242'
const usdtDeposit = '0x4000000000000000000000000000000000000004'

const PAYOUT = 10n * ETH
const SWAPPED = 4n * ETH
const USDT_OUT = 12_000_000_000n // 12,000 USDT for 4 ETH

const usdtRow = (from: string, to: string, value: bigint, logIndex: number) =>
  tokenRow('USDT', from, to, value, logIndex)

/** E1 THORChain pays 10 ETH; E2 4 ETH → 12,000 USDT on Uniswap V2; E3 the USDT to a deposit; E4 its sweep to Kraken. */
function ethereumSide(btcInbound: string): SimChain {
  return {
    chainId: 1,
    tip: 2_000,
    genesisTime: T0_TIME,
    blockTime: 12,
    txs: [
      {
        hash: E1,
        block: 60,
        index: 0,
        from: ethVault,
        to: THOR_ROUTER,
        value: String(PAYOUT),
        ...gas(60_000n),
        internal: [{ from: THOR_ROUTER, to: ethThief, value: String(PAYOUT) }],
        logs: [
          {
            address: THOR_ROUTER,
            logIndex: 0,
            topics: encodeEventTopics({
              abi: ROUTER_ABI,
              eventName: 'TransferOut',
              args: { vault: ethVault as Hex, to: ethThief },
            }) as string[],
            data: encodeAbiParameters(
              parseAbiParameters('address, uint256, string'),
              [zeroAddress, PAYOUT, `OUT:${btcInbound.toUpperCase()}`],
            ),
          },
        ],
      },
      {
        hash: E2,
        block: 70,
        index: 0,
        from: ethThief,
        to: UNI_ROUTER,
        value: String(SWAPPED),
        ...gas(150_000n),
        input: '0x7ff36ab5',
        internal: [{ from: UNI_ROUTER, to: WETH, value: String(SWAPPED) }],
        tokens: [
          tokenRow('WETH', UNI_ROUTER, PAIR, SWAPPED, 1),
          usdtRow(PAIR, ethThief, USDT_OUT, 2),
        ],
        logs: [
          wethLog('Deposit', UNI_ROUTER, SWAPPED, 0),
          v2SwapLog(PAIR, ethThief, [SWAPPED, 0n, 0n, USDT_OUT], 4),
        ],
      },
      {
        hash: E3,
        block: 500,
        index: 0,
        from: ethThief,
        to: USDT,
        value: '0',
        ...gas(60_000n),
        tokens: [usdtRow(ethThief, usdtDeposit, USDT_OUT, 0)],
      },
      {
        hash: E4,
        block: 505,
        index: 0,
        from: usdtDeposit,
        to: USDT,
        value: '0',
        ...gas(60_000n),
        tokens: [usdtRow(usdtDeposit, kraken, USDT_OUT, 0)],
      },
    ],
  }
}

let tmp: string
const server = setupServer()
let requests = 0
server.events.on('request:start', () => {
  requests++
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-cross-dex-'))
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

function argv(txid: string, out: string, extra: string[]): string[] {
  const labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source,confidence',
      `bitcoin,${binance.address},Binance,exchange,test,high`,
      `ethereum,${kraken},Kraken,exchange,test,high`,
      `ethereum,${UNI_ROUTER},Uniswap V2 Router,dex,test,high`,
      `ethereum,${PAIR},Uniswap V2 WETH/USDT,dex,test,high`,
    ].join('\n'),
  )
  return [
    'trace',
    '--tx',
    txid,
    '--victim',
    victim.address,
    '--labels',
    labels,
    '--no-bundled-labels',
    '--esplora-url',
    ESPLORA,
    '--explorer-url',
    `ethereum=${EXPLORER}`,
    '--out',
    out,
    '--no-progress',
    '--rps',
    '1000',
    ...extra,
  ]
}

const books = (report: Report, asset: string) =>
  report.reconciliations?.find((r) => r.asset === asset)

describe('Bitcoin → THORChain → Ethereum → DEX → exchange', () => {
  test('deposit hits on both chains with exact amounts, swap edges with both hashes, every book balances, replay reproduces', async () => {
    const btc = bitcoinSide(null)
    server.resetHandlers(
      ...esploraHandlers(btc, ESPLORA),
      ...evmSimHandlers(ethereumSide(btc.txid('inbound')), KEY, {
        explorer: EXPLORER,
      }),
    )
    const out = join(tmp, 'full')
    const run = await runCli(
      argv(btc.txid('theft'), out, [
        '--cache-dir',
        join(tmp, 'cache'),
        '--full',
      ]),
      {
        env: ENV,
      },
    )
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain(
      'It became ETH on ethereum, USDT on ethereum through 2 swaps:',
    )
    const report = readReport(out)
    expect(report.status).toBe('complete')
    expect(report.chains).toEqual(['bitcoin', 'ethereum'])
    // 0.3998 BTC at the Binance deposit; all 12,000 USDT at the deposit swept to Kraken.
    expect(
      report.hits.map((h) => [
        h.chain,
        h.entity,
        h.address,
        h.asset,
        h.amountBase,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['bitcoin', 'Binance', binanceDeposit.address, 'BTC', '39980000'],
        ['ethereum', 'Kraken', usdtDeposit, 'USDT', String(USDT_OUT)],
      ]),
    )
    expect(report.hits).toHaveLength(2)
    expect(
      report.swaps?.map((s) => [
        s.protocol,
        s.match,
        s.inbound.txHash,
        s.outbound.txHash,
      ]),
    ).toEqual([
      ['thorchain', 'memo-out', btc.txid('inbound'), E1],
      ['dex', 'same-tx', E2, E2],
    ])
    expect(report.swaps?.[1]).toMatchObject({
      rule: 'uniswap-v2-swap-to',
      inbound: {
        address: UNI_ROUTER,
        asset: 'ETH',
        amountBase: String(SWAPPED),
      },
      outbound: {
        address: ethThief,
        asset: 'USDT',
        amountBase: String(USDT_OUT),
      },
      taintIn: { amountBase: String(SWAPPED) },
      taintOut: { amountBase: String(USDT_OUT) },
    })
    // BTC: 0.9999 stolen = 0.3998 Binance + 0.6 swapped + 0.0001 fee.
    expect(books(report, 'BTC')).toMatchObject({
      stolen: { amountBase: '99990000' },
      atExchanges: { amountBase: '39980000' },
      swapped: { amountBase: '60000000' },
      fees: { amountBase: '10000' },
      balanced: true,
    })
    // ETH: 10 received = 4 swapped + (150,000 + 60,000) gas × 20 gwei + the rest at rest.
    const fees = 210_000n * 20n * GWEI
    expect(books(report, 'ETH')).toMatchObject({
      receivedBySwap: { amountBase: String(PAYOUT) },
      swapped: { amountBase: String(SWAPPED) },
      fees: { amountBase: String(fees) },
      atRest: { amountBase: String(PAYOUT - SWAPPED - fees) },
      balanced: true,
    })
    // USDT: its books begin with the 12,000 received by swap and end at Kraken.
    expect(books(report, 'USDT')).toMatchObject({
      stolen: { amountBase: '0' },
      receivedBySwap: { amountBase: String(USDT_OUT) },
      atExchanges: { amountBase: String(USDT_OUT) },
      balanced: true,
    })
    // The figure: one band per chain, the two swaps drawn as swap edges, named in the legend.
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html.match(/<g id="clust\d+" class="cluster">/g)).toHaveLength(2)
    expect(html).toContain('swap BTC → ETH')
    expect(html).toContain('swap ETH → USDT')
    expect(html).toContain('Swap: one asset in, another out')
    // Replay: no network, the same report.
    const before = requests
    const again = join(tmp, 'replayed')
    const replay = await runCli(
      argv(btc.txid('theft'), again, ['--replay', out]),
      { env: ENV },
    )
    expect(replay.stderr).toBe('')
    expect(replay.code).toBe(0)
    expect(requests).toBe(before)
    expect(comparable(readReport(again))).toEqual(comparable(report))
  })
})
