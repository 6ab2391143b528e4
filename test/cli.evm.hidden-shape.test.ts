/**
 * The maintainers' check, in its exact command shape: a loopback
 * Etherscan-v2-compatible explorer with no API key plus a JSON-RPC node
 * (real node:http, not msw), two --tx seeds, --victim, haircut (and fifo).
 * The case: clean ETH and USDT reach the attacker before the stolen ones;
 * stolen ETH goes through a router's internal transfer to a deposit address
 * swept into Binance; stolen USDT (canonical contract, 6 decimals) comes out
 * of the victim's own exchange (Kraken, labelled) and goes to a second
 * deposit address, swept too. Kraken must not be a hit.
 *
 * Hand-derived hits (wei / USDT base units):
 * - ETH, haircut: A holds 2 clean + 8 stolen; pays 0.001 gas (4/5 tainted),
 *   then 5 ETH to the router: 5 × (8 − 0.0008)/(10 − 0.001) = 4 ETH → D1.
 *   fifo: the 2 clean leave first (0.001 as gas): 5 − 1.999 = 3.001 ETH.
 * - USDT, haircut: 500 clean + 1500 stolen; 1200 to D2 carry 1200 × 3/4 = 900.
 *   fifo: 500 clean first, then 700 stolen.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type SimChain,
  type SimServer,
  type SimTx,
  startSimServer,
} from '../bench/evm-chain.js'
import { traceEvm } from '../src/cli/api-evm.js'
import { readReport, runCli } from './support/run-cli.js'

const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
const addr = (n: string) => `0x${n.repeat(40)}`.slice(0, 42)
const V = addr('1') // victim
const A = addr('a') // attacker
const C = addr('c') // clean funder
const K = addr('b') // Kraken hot wallet: the victim's own exchange
const H = addr('e') // Binance hot wallet
const R = addr('f') // router contract
const D1 = addr('d') // ETH deposit address (Binance)
const D2 = addr('2') // USDT deposit address (Binance)
const ETH = 10n ** 18n
const GWEI = 10n ** 9n
const usdt = (n: bigint) => n * 10n ** 6n
const hash = (n: number) =>
  `0x${'cd'.repeat(31)}${n.toString(16).padStart(2, '0')}`

const tx = (
  n: number,
  block: number,
  index: number,
  from: string,
  to: string,
  value: bigint,
  extra: Partial<SimTx> = {},
): SimTx => ({
  hash: hash(n),
  block,
  index,
  from,
  to,
  value,
  gasUsed: extra.tokens ? 50_000n : 21_000n,
  gasPrice: 20n * GWEI,
  ...extra,
})
const token = (from: string, to: string, value: bigint) => ({
  tokens: [{ contract: USDT, symbol: 'USDT', decimals: 6, from, to, value }],
})

const CHAIN: SimChain = {
  chainId: 1,
  tip: 200,
  txs: [
    tx(1, 90, 0, K, V, 10n * ETH), // the victim's funds came from their exchange
    tx(2, 100, 0, C, A, 2n * ETH), // clean ETH before the theft
    tx(3, 100, 1, C, USDT, 0n, token(C, A, usdt(500n))), // clean USDT
    tx(4, 101, 0, V, A, 8n * ETH), // seed 1
    tx(5, 102, 0, K, USDT, 0n, token(K, A, usdt(1500n))), // seed 2: withdrawal from the victim's Kraken account
    tx(6, 103, 0, A, R, 5n * ETH, {
      gasUsed: 50_000n,
      internal: [{ from: R, to: D1, value: 5n * ETH }],
    }),
    tx(7, 104, 0, A, USDT, 0n, token(A, D2, usdt(1200n))),
    tx(8, 105, 0, D1, H, 5n * ETH - 21_000n * 20n * GWEI), // ETH sweep
    tx(9, 105, 1, H, D2, ETH / 100n), // gas money for the token sweep
    tx(10, 106, 0, D2, USDT, 0n, token(D2, H, usdt(1200n))), // USDT sweep
  ],
}

const EXPECTED = {
  haircut: [
    [D1, 'ETH', '4'],
    [D2, 'USDT', '900'],
  ],
  fifo: [
    [D1, 'ETH', '3.001'],
    [D2, 'USDT', '700'],
  ],
} as const

const NO_KEY = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }
let tmp: string
let labels: string

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-evm-hidden-'))
  labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source',
      `ethereum,${H},Binance,exchange,test`,
      `ethereum,${K},Kraken,exchange,test`,
    ].join('\n'),
  )
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The maintainers' command, flag for flag. */
function command(out: string, policy: string, server: SimServer, rpc = true) {
  return [
    'trace',
    '--chain',
    'ethereum',
    '--tx',
    hash(4),
    '--tx',
    hash(5),
    '--victim',
    V,
    '--labels',
    labels,
    '--policy',
    policy,
    '--out',
    out,
    '--no-cache',
    '--explorer-url',
    server.explorerUrl,
    ...(rpc ? ['--rpc-url', server.rpcUrl] : []),
  ]
}

const hitsOf = (out: string) =>
  readReport(out)
    .hits.map((h) => [h.address, h.asset, h.amount])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

const sorted = (rows: readonly (readonly string[])[]) =>
  [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe.each([
  [
    'a node without tracers (internal transfers from the explorer by hash)',
    false,
  ],
  ['a node with callTracer', true],
])('explorer + RPC, %s', (_name, callTracer) => {
  let server: SimServer
  beforeAll(async () => {
    server = await startSimServer(CHAIN, { callTracer })
  })
  afterAll(() => server.close())

  test.each(['haircut', 'fifo'] as const)(
    '%s: exact hits, Kraken not flagged',
    async (policy) => {
      const out = join(tmp, `both-${policy}-${callTracer}`)
      const { code, stderr } = await runCli(command(out, policy, server), {
        env: NO_KEY,
      })
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(hitsOf(out)).toEqual(sorted(EXPECTED[policy]))
      const report = readReport(out)
      expect(report.hits.some((h) => h.address === K)).toBe(false)
      expect(report.hits.every((h) => h.attribution === 'deposit-sweep')).toBe(
        true,
      )
      expect(report.hits.find((h) => h.asset === 'USDT')?.contract).toBe(USDT)
      expect(report.status).toBe('complete')
      expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
      expect(server.rpcCalls()).toBeGreaterThan(0)
      expect(report.discrepancies ?? []).toEqual([])
    },
  )
})

describe('explorer only, the same loopback API', () => {
  test('haircut: the same hits from Etherscan rows without log indexes', async () => {
    const server = await startSimServer(CHAIN)
    try {
      const out = join(tmp, 'explorer-only')
      const { code, stderr } = await runCli(
        command(out, 'haircut', server, false),
        { env: NO_KEY },
      )
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(hitsOf(out)).toEqual(sorted(EXPECTED.haircut))
    } finally {
      await server.close()
    }
  })
})

describe('--replay with both sources', () => {
  test('the bundle holds the RPC answers too: offline, the same hits', async () => {
    const server = await startSimServer(CHAIN, { callTracer: true })
    const out = join(tmp, 'replay-source')
    const args = command(out, 'haircut', server)
    try {
      const { code, stderr } = await runCli(args, { env: NO_KEY })
      expect(stderr).toBe('')
      expect(code).toBe(0)
    } finally {
      await server.close()
    }
    const records = readdirSync(join(out, 'evidence'), { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.json'))
      .map((name) =>
        JSON.parse(readFileSync(join(out, 'evidence', name), 'utf8')),
      ) as { method: string; url: string; requestBody?: string }[]
    const rpc = records.filter((r) => r.method === 'POST')
    expect(rpc.map((r) => JSON.parse(r.requestBody ?? '{}').method)).toEqual(
      expect.arrayContaining([
        'eth_getTransactionReceipt',
        'debug_traceTransaction',
      ]),
    )
    // Server closed: every answer must come from the evidence. Through the
    // API: the CLI still refuses --replay with --rpc-url (src/cli/options.ts).
    const again = await traceEvm({
      chain: 'ethereum',
      txs: [hash(4), hash(5)],
      victims: [V],
      labelFiles: [labels],
      policy: 'haircut',
      explorerUrl: server.explorerUrl,
      rpcUrls: [server.rpcUrl],
      replay: out,
      env: NO_KEY,
    })
    const recorded = readReport(out)
    expect(again.report.hits).toEqual(recorded.hits)
    expect(again.report.reconciliations).toEqual(recorded.reconciliations)
    expect(again.stack.http.stats().every((s) => s.requests === 0)).toBe(true)
  })
})
