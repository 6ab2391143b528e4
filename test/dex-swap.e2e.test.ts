/**
 * Same-tx DEX swaps on Ethereum, through main(): stolen USDT is swapped for
 * ETH through the Uniswap V2 router (pair Swap, then WETH9 Withdrawal and the
 * router paying ETH on), part of that ETH goes to an exchange deposit and
 * part is swapped ETH → WETH → USDT → USDC through two pairs (WETH9 Deposit)
 * and sent to Kraken; a USDT payment into a pair with nothing back in the tx
 * stays a DEX stop. Logs encoded with viem from the contracts' event ABIs;
 * canonical mainnet addresses. Expected figures are derived by hand below.
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
  PAIR2,
  ROUTER,
  tokenRow,
  USDC,
  USDT,
  v2SwapLog,
  WETH,
  wethLog,
} from './support/dex-logs.js'
import { evmSimHandlers, type SimChain } from './support/evm-sim.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

const EXPLORER = 'https://api.etherscan.io/v2/api'
const KEY = 'SECRETKEY-dex-4242'
const E18 = 10n ** 18n
const GWEI = 10n ** 9n

const victim = '0x1000000000000000000000000000000000000001'
const thief: Hex = '0x2000000000000000000000000000000000000002'
const funder = '0x3000000000000000000000000000000000000003'
const deposit = '0x4000000000000000000000000000000000000004'
const binance = '0x5000000000000000000000000000000000000005'
const kraken = '0x6000000000000000000000000000000000000006'
const tx = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`
const [T0, T1, T2, T3, T4, T6, T7, T8] = [
  tx(0xa0),
  tx(0xa1),
  tx(0xa2),
  tx(0xa3),
  tx(0xa4),
  tx(0xa6),
  tx(0xa7),
  tx(0xa8),
]

// Uniswap V2's pair takes USDT in and pays WETH out: (0 in, in, out, 0 out).
const swapLog = (
  pair: Hex,
  to: Hex,
  amountIn: bigint,
  amountOut: bigint,
  logIndex: number,
) => v2SwapLog(pair, to, [0n, amountIn, amountOut, 0n], logIndex)
const token = tokenRow

const STOLEN = 10_000_000_000n // 10,000 USDT
const SWAPPED_USDT = 4_000_000_000n
const ETH_OUT = (3n * E18) / 2n // 1.5 ETH for 4,000 USDT
const TO_DEPOSIT = E18
const ETH_IN = E18 / 2n // 0.5 ETH for 1,499 USDC, through WETH and USDT
const USDC_OUT = 1_499_000_000n
const LIQUIDITY = 1_000_000_000n
const CLEAN = E18 / 10n
const SWEEP_GAS = 21_000n * 20n * GWEI

/**
 * T0 a funder pays the thief 0.1 ETH for gas; T1 the theft of 10,000 USDT;
 * T2 4,000 USDT → 1.5 ETH through the router; T3 1 ETH to a deposit, T4 its
 * sweep to Binance; T6 0.5 ETH → 1,499 USDC; T7 the USDC to Kraken; T8 1,000
 * USDT into the pair with nothing back (no conversion to read).
 */
function chain(wrap = false): SimChain {
  return {
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
        value: String(CLEAN),
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
          token('USDT', thief, PAIR, SWAPPED_USDT, 0),
          token('WETH', PAIR, ROUTER, ETH_OUT, 1),
        ],
        logs: [
          swapLog(PAIR, ROUTER, SWAPPED_USDT, ETH_OUT, 2),
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
        to: deposit,
        value: String(TO_DEPOSIT),
        ...gas(21_000n),
      },
      {
        hash: T4,
        block: 32,
        index: 0,
        from: deposit,
        to: binance,
        value: String(TO_DEPOSIT - SWEEP_GAS),
        ...gas(21_000n),
      },
      {
        hash: T6,
        block: 40,
        index: 0,
        from: thief,
        to: ROUTER,
        value: String(ETH_IN),
        ...gas(200_000n),
        input: '0x7ff36ab5',
        internal: [{ from: ROUTER, to: WETH, value: String(ETH_IN) }],
        tokens: [
          token('WETH', ROUTER, PAIR, ETH_IN, 1),
          token('USDT', PAIR, PAIR2, 1_500_000_000n, 2),
          token('USDC', PAIR2, thief, USDC_OUT, 4),
        ],
        logs: [
          wethLog('Deposit', ROUTER, ETH_IN, 0),
          swapLog(PAIR, PAIR2, ETH_IN, 1_500_000_000n, 3),
          swapLog(PAIR2, thief, 1_500_000_000n, USDC_OUT, 5),
        ],
      },
      {
        hash: T7,
        block: 500,
        index: 0,
        from: thief,
        to: USDC,
        value: '0',
        ...gas(60_000n),
        tokens: [token('USDC', thief, kraken, USDC_OUT, 0)],
      },
      {
        hash: T8,
        block: 600,
        index: 0,
        from: thief,
        to: USDT,
        value: '0',
        ...gas(60_000n),
        tokens: [token('USDT', thief, PAIR, LIQUIDITY, 0)],
      },
      ...(wrap ? wrapTxs() : []),
    ],
  }
}

const WRAPPED = E18 / 20n
const [T9, T10] = [tx(0xa9), tx(0xaa)]

/** T9 the thief wraps 0.05 ETH (WETH9 deposit: a Deposit event, no Transfer); T10 sends the WETH to Kraken. */
function wrapTxs(): SimChain['txs'] {
  return [
    {
      hash: T9,
      block: 700,
      index: 0,
      from: thief,
      to: WETH,
      value: String(WRAPPED),
      ...gas(30_000n),
      input: '0xd0e30db0',
      logs: [wethLog('Deposit', thief, WRAPPED, 0)],
    },
    {
      hash: T10,
      block: 710,
      index: 0,
      from: thief,
      to: WETH,
      value: '0',
      ...gas(40_000n),
      tokens: [token('WETH', thief, kraken, WRAPPED, 0)],
    },
  ]
}

let tmp: string
const server = setupServer()
let requests = 0
server.events.on('request:start', () => {
  requests++
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  server.resetHandlers(...evmSimHandlers(chain(), KEY, { explorer: EXPLORER }))
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-dex-'))
  writeFileSync(
    join(tmp, 'labels.csv'),
    [
      'chain,address,entity,category,source,confidence',
      `ethereum,${binance},Binance,exchange,test,high`,
      `ethereum,${kraken},Kraken,exchange,test,high`,
      `ethereum,${ROUTER},Uniswap V2 Router,dex,test,high`,
      `ethereum,${PAIR},Uniswap V2 WETH/USDT,dex,test,high`,
      `ethereum,${PAIR2},Uniswap V2 USDC/USDT,dex,test,high`,
    ].join('\n'),
  )
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

function argv(out: string, policy: string, extra: string[] = []): string[] {
  return [
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

async function traced(policy: string, name = policy) {
  const out = join(tmp, name)
  const run = await runCli(
    argv(out, policy, [
      '--explorer-url',
      EXPLORER,
      '--cache-dir',
      join(tmp, `${name}-cache`),
      '--full',
    ]),
    { env: ENV },
  )
  return { run, out, report: readReport(out) }
}

describe('same-tx DEX swaps on Ethereum', () => {
  test('USDT → ETH via WETH → exchange, and ETH → WETH → USDT → USDC → exchange: swap edges, books, replay', async () => {
    const { run, out, report } = await traced('haircut')
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain(
      'It became ETH on ethereum, USDC on ethereum through 2 same-tx DEX swaps:',
    )
    expect(run.stdout).toContain(
      `4000 USDT ethereum ${T2} → 1.5 ETH ethereum ${T2} (same-tx DEX swap, rule uniswap-v2-swap-to)`,
    )
    expect(report.swaps).toEqual([
      expect.objectContaining({
        protocol: 'dex',
        match: 'same-tx',
        rule: 'uniswap-v2-swap-to',
        inbound: expect.objectContaining({
          txHash: T2,
          address: PAIR,
          asset: 'USDT',
          amountBase: String(SWAPPED_USDT),
        }),
        outbound: expect.objectContaining({
          txHash: T2,
          address: thief,
          asset: 'ETH',
          amountBase: String(ETH_OUT),
        }),
        taintIn: expect.objectContaining({ amountBase: String(SWAPPED_USDT) }),
        taintOut: expect.objectContaining({ amountBase: String(ETH_OUT) }),
      }),
      expect.objectContaining({
        protocol: 'dex',
        rule: 'uniswap-v2-swap-to',
        inbound: expect.objectContaining({
          txHash: T6,
          address: ROUTER,
          asset: 'ETH',
          amountBase: String(ETH_IN),
        }),
        outbound: expect.objectContaining({
          txHash: T6,
          address: thief,
          asset: 'USDC',
          amountBase: String(USDC_OUT),
        }),
      }),
    ])
    // USDT: 10,000 stolen = 4,000 swapped + 1,000 at the pair (no conversion) + 5,000 still held.
    expect(books(report, 'USDT')).toMatchObject({
      stolen: { amountBase: String(STOLEN) },
      swapped: { amountBase: String(SWAPPED_USDT) },
      atServices: { amountBase: String(LIQUIDITY) },
      atRest: { amountBase: String(STOLEN - SWAPPED_USDT - LIQUIDITY) },
      balanced: true,
    })
    // The USDT paid into the pair in T8 shows nothing back: it stays a DEX stop, as before.
    const stops = report.unexplored.filter(
      (u) => u.address === PAIR && u.reason === 'service',
    )
    expect(stops).toEqual([
      expect.objectContaining({
        reason: 'service',
        category: 'swap',
        asset: 'USDT',
        txHash: T8,
        amountBase: String(LIQUIDITY),
      }),
    ])
    expect(stops[0]?.detail).toContain('the tx shows no conversion to read')
    const swapped = report.unexplored.filter((u) => u.reason === 'swapped')
    expect(
      swapped.map((u) => [u.txHash, u.asset, u.amountBase, u.outputIndex]),
    ).toEqual(
      expect.arrayContaining([
        [T2, 'USDT', String(SWAPPED_USDT), expect.any(Number)],
        [T6, 'ETH', expect.any(String), 0],
      ]),
    )
    // ETH: its books begin with the 1.5 ETH received by swap; every book balances.
    expect(books(report, 'ETH')).toMatchObject({
      stolen: { amountBase: '0' },
      receivedBySwap: { amountBase: String(ETH_OUT) },
      balanced: true,
    })
    expect(books(report, 'USDC')).toMatchObject({
      receivedBySwap: { amountBase: expect.any(String) },
      balanced: true,
    })
    expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
    // The ETH reached Binance through the deposit; the USDC reached Kraken.
    const hits = report.hits.map((h) => [h.entity, h.asset, h.address])
    expect(hits).toEqual(
      expect.arrayContaining([
        ['Binance', 'ETH', deposit],
        ['Kraken', 'USDC', kraken],
      ]),
    )
    // Replay: no network, the same report.
    const before = requests
    const again = join(tmp, 'replayed')
    const replay = await runCli(
      argv(again, 'haircut', [
        '--explorer-url',
        EXPLORER,
        '--replay',
        out,
        '--full',
      ]),
      {
        env: ENV,
      },
    )
    expect(replay.stderr).toBe('')
    expect(requests).toBe(before)
    expect(comparable(readReport(again))).toEqual(comparable(report))
  })

  test.each(['poison', 'haircut', 'fifo'])(
    "under %s every asset's books balance and the swap carries the tainted share at the tx's rate",
    async (policy) => {
      const { run, report } = await traced(policy, `policy-${policy}`)
      expect(run.code, run.stdout).toBe(0)
      expect(report.reconciliations?.map((r) => [r.asset, r.balanced])).toEqual(
        [
          ['USDT', true],
          ['ETH', true],
          ['USDC', true],
        ],
      )
      // The 4,000 USDT swapped were all stolen: the 1.5 ETH out are all tainted.
      expect(books(report, 'USDT')?.swapped?.amountBase).toBe(
        String(SWAPPED_USDT),
      )
      expect(books(report, 'ETH')?.receivedBySwap?.amountBase).toBe(
        String(ETH_OUT),
      )
      // USDC received = 1,499 × (tainted part of the 0.5 ETH in) ÷ 0.5, rounded down.
      const ethIn = BigInt(books(report, 'ETH')?.swapped?.amountBase ?? '-1')
      expect(ethIn).toBeGreaterThan(0n)
      expect(ethIn).toBeLessThanOrEqual(ETH_IN)
      if (policy === 'poison') expect(ethIn).toBe(ETH_IN)
      expect(books(report, 'USDC')?.receivedBySwap?.amountBase).toBe(
        String((USDC_OUT * ethIn) / ETH_IN),
      )
      expect(report.swaps?.[1]?.taintIn.amountBase).toBe(String(ethIn))
    },
  )

  test('a WETH deposit alone is a 1:1 conversion: the WETH read off the Deposit event is followed to Kraken', async () => {
    server.resetHandlers(
      ...evmSimHandlers(chain(true), KEY, { explorer: EXPLORER }),
    )
    const { run, report } = await traced('poison', 'wrap')
    server.resetHandlers(
      ...evmSimHandlers(chain(), KEY, { explorer: EXPLORER }),
    )
    expect(run.code, run.stdout).toBe(0)
    const wrap = report.swaps?.find((w) => w.rule === 'weth-deposit')
    expect(wrap).toMatchObject({
      protocol: 'dex',
      match: 'same-tx',
      inbound: {
        txHash: T9,
        address: WETH,
        asset: 'ETH',
        amountBase: String(WRAPPED),
      },
      outbound: {
        txHash: T9,
        address: thief,
        asset: 'WETH',
        contract: WETH,
        amountBase: String(WRAPPED),
      },
      // Poison: the thief's ETH is all tainted, so the whole wrap is.
      taintIn: { amountBase: String(WRAPPED) },
      taintOut: { amountBase: String(WRAPPED) },
    })
    expect(books(report, 'WETH')).toMatchObject({
      stolen: { amountBase: '0' },
      receivedBySwap: { amountBase: String(WRAPPED) },
      atExchanges: { amountBase: String(WRAPPED) },
      balanced: true,
    })
    expect(
      report.hits.map((h) => [h.entity, h.asset, h.amountBase]),
    ).toContainEqual(['Kraken', 'WETH', String(WRAPPED)])
    expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
  })
})
