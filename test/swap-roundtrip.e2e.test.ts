/**
 * A round trip through a DEX: stolen USDT is swapped for ETH, the ETH is
 * swapped back to USDT paid to the same thief address, and the thief sends
 * everything to Kraken. The swapped-back USDT lands where the first walk
 * already holds taint, so two walks meet at the same address: between them
 * they must never claim more of a payment than it carried. Logs encoded with
 * viem from the real event ABIs; canonical mainnet addresses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import {
  gas,
  PAIR,
  ROUTER,
  tokenRow,
  USDT,
  v2SwapLog,
  WETH,
  wethLog,
} from './support/dex-logs.js'
import { evmSimHandlers, type SimChain } from './support/evm-sim.js'
import { readReport, runCli } from './support/run-cli.js'

const EXPLORER = 'https://api.etherscan.io/v2/api'
const KEY = 'SECRETKEY-roundtrip-4242'
const E18 = 10n ** 18n

const victim = '0x1000000000000000000000000000000000000001'
const thief: Hex = '0x2000000000000000000000000000000000000002'
const funder = '0x3000000000000000000000000000000000000003'
const kraken = '0x6000000000000000000000000000000000000006'
const tx = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`
const [T0, T1, T2, T3, T4] = [tx(0xb0), tx(0xb1), tx(0xb2), tx(0xb3), tx(0xb4)]

/** The WETH/USDT pair's Swap: token0 is WETH, token1 is USDT. */
const swapLog = (
  to: Hex,
  amounts: [bigint, bigint, bigint, bigint],
  logIndex: number,
) => v2SwapLog(PAIR, to, amounts, logIndex)
const token = tokenRow

const STOLEN = 10_000_000_000n // 10,000 USDT
const SOLD = 4_000_000_000n // 4,000 USDT → 1.5 ETH
const ETH_OUT = (3n * E18) / 2n
const BOUGHT = 3_990_000_000n // 1.5 ETH → 3,990 USDT, back to the thief
const HELD = STOLEN - SOLD + BOUGHT // 9,990 USDT, all sent to Kraken
const GAS_MONEY = E18 / 10n

/**
 * T0 a funder pays the thief 0.1 ETH for gas; T1 the theft of 10,000 USDT;
 * T2 4,000 USDT → 1.5 ETH through the router; T3 the 1.5 ETH → 3,990 USDT
 * back to the thief; T4 all 9,990 USDT to Kraken.
 */
const CHAIN: SimChain = {
  chainId: 1,
  tip: 2_000,
  genesisTime: 1_719_000_000,
  blockTime: 12,
  txs: [
    {
      hash: T0,
      block: 5,
      index: 0,
      from: funder,
      to: thief,
      value: String(GAS_MONEY),
      ...gas(21_000n),
    },
    {
      hash: T1,
      block: 10,
      index: 0,
      from: victim,
      to: USDT,
      value: '0',
      ...gas(60_000n),
      tokens: [token('USDT', victim, thief, STOLEN, 0)],
    },
    {
      hash: T2,
      block: 20,
      index: 0,
      from: thief,
      to: ROUTER,
      value: '0',
      ...gas(150_000n),
      input: '0x18cbafe5',
      tokens: [
        token('USDT', thief, PAIR, SOLD, 0),
        token('WETH', PAIR, ROUTER, ETH_OUT, 1),
      ],
      logs: [
        swapLog(ROUTER, [0n, SOLD, ETH_OUT, 0n], 2),
        wethLog('Withdrawal', ROUTER, ETH_OUT, 3),
      ],
      internal: [
        { from: WETH, to: ROUTER, value: String(ETH_OUT) },
        { from: ROUTER, to: thief, value: String(ETH_OUT) },
      ],
    },
    {
      hash: T3,
      block: 30,
      index: 0,
      from: thief,
      to: ROUTER,
      value: String(ETH_OUT),
      ...gas(150_000n),
      input: '0x7ff36ab5',
      internal: [{ from: ROUTER, to: WETH, value: String(ETH_OUT) }],
      tokens: [
        token('WETH', ROUTER, PAIR, ETH_OUT, 1),
        token('USDT', PAIR, thief, BOUGHT, 2),
      ],
      logs: [
        wethLog('Deposit', ROUTER, ETH_OUT, 0),
        swapLog(thief, [ETH_OUT, 0n, 0n, BOUGHT], 3),
      ],
    },
    {
      hash: T4,
      block: 40,
      index: 0,
      from: thief,
      to: USDT,
      value: '0',
      ...gas(60_000n),
      tokens: [token('USDT', thief, kraken, HELD, 0)],
    },
  ],
}

let tmp: string
const server = setupServer()
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  server.resetHandlers(...evmSimHandlers(CHAIN, KEY, { explorer: EXPLORER }))
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-roundtrip-'))
  writeFileSync(
    join(tmp, 'labels.csv'),
    [
      'chain,address,entity,category,source,confidence',
      `ethereum,${kraken},Kraken,exchange,test,high`,
      `ethereum,${ROUTER},Uniswap V2 Router,dex,test,high`,
      `ethereum,${PAIR},Uniswap V2 WETH/USDT,dex,test,high`,
    ].join('\n'),
  )
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

async function traced(policy: string): Promise<Report> {
  const out = join(tmp, policy)
  const run = await runCli(
    [
      'trace',
      '--chain',
      'ethereum',
      '--tx',
      T1,
      '--victim',
      victim,
      '--labels',
      join(tmp, 'labels.csv'),
      '--no-bundled-labels',
      '--policy',
      policy,
      '--explorer-url',
      EXPLORER,
      '--cache-dir',
      join(tmp, `${policy}-cache`),
      '--out',
      out,
      '--no-progress',
      '--rps',
      '1000',
    ],
    {
      env: {
        ETHERSCAN_API_KEY: KEY,
        FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
      },
    },
  )
  expect(run.code, run.stdout + run.stderr).toBe(0)
  return readReport(out)
}

const usdt = (report: Report) =>
  report.reconciliations?.find((r) => r.asset === 'USDT')

describe('two walks meeting at one address never claim a payment twice', () => {
  test.each(['poison', 'haircut', 'fifo'])('%s', async (policy) => {
    const report = await traced(policy)
    const hits = report.hits.filter((h) => h.asset === 'USDT')
    expect(hits.map((h) => h.entity)).toEqual(['Kraken'])
    const [hit] = hits
    // Kraken received 9,990 USDT in T4, once: no policy may claim more.
    expect(hit?.outputs).toHaveLength(1)
    expect(BigInt(hit?.amountBase ?? '0')).toBeLessThanOrEqual(HELD)
    const books = usdt(report)
    const bought = BigInt(books?.receivedBySwap?.amountBase ?? '-1')
    // Poison taints the whole 1.5 ETH, so all 3,990 bought back; haircut and
    // fifo leave part of it to the 0.1 ETH of gas money.
    if (policy === 'poison') expect(bought).toBe(BOUGHT)
    else {
      expect(bought).toBeGreaterThan(0n)
      expect(bought).toBeLessThan(BOUGHT)
    }
    // The theft's 6,000 left plus what came back tainted: all to Kraken.
    expect(hit?.amountBase).toBe(String(STOLEN - SOLD + bought))
    expect(books).toMatchObject({
      stolen: { amountBase: String(STOLEN) },
      swapped: { amountBase: String(SOLD) },
      atExchanges: { amountBase: String(STOLEN - SOLD + bought) },
      absorbed: { amountBase: '0' },
      atRest: { amountBase: '0' },
      balanced: true,
    })
    expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
    // The graph's edge into Kraken carries the same, and never more than it moved.
    const edges = report.graph.edges.filter((e) => e.txHash === T4)
    expect(edges.map((e) => e.taintedBase)).toEqual([hit?.amountBase])
  })
})
