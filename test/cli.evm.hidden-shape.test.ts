/**
 * The maintainers' check, in its exact command shape: a loopback
 * Etherscan-v2-compatible explorer with no API key plus a JSON-RPC node
 * (real node:http, not msw), two --tx seeds, --victim, haircut (and fifo).
 * The case and its hand-derived hits: test/support/evm-hidden-case.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SimServer, startSimServer } from '../bench/evm-chain.js'
import { hopTableTracedFees } from '../src/report/fee-only.js'
import {
  CHAIN,
  command as caseCommand,
  EXPECTED,
  H,
  K,
  NO_KEY,
  USDT,
  writeLabels,
} from './support/evm-hidden-case.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

let tmp: string
let labels: string

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-evm-hidden-'))
  labels = writeLabels(tmp)
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The maintainers' command, flag for flag. */
function command(out: string, policy: string, server: SimServer, rpc = true) {
  return caseCommand(out, policy, labels, {
    explorerUrl: server.explorerUrl,
    rpcUrl: rpc ? server.rpcUrl : undefined,
  })
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
      // The basis names the sweep heuristic and puts the label on the hot
      // wallet, never on the deposit address itself.
      for (const h of report.hits) {
        expect(h.category).toBe('exchange-deposit')
        const [rule, ...labels] = h.basis ?? []
        expect(rule).toMatchObject({ kind: 'heuristic', entity: 'Binance' })
        expect(rule?.source).toMatch(/^deposit-forward heuristic, tx 0x/)
        expect(labels.map((l) => [l.kind, l.address])).toEqual([['label', H]])
      }
      expect(report.status).toBe('complete')
      // Each asset's books, by name: an empty list would balance vacuously.
      expect(report.reconciliations?.map((r) => [r.asset, r.balanced])).toEqual(
        [
          ['ETH', true],
          ['USDT', true],
        ],
      )
      // Fees are paid in the native coin: the hop table's traced fees (edges
      // and fee-only rows) add up to the native reconciliation's fees, and
      // tokens have none.
      const traced = hopTableTracedFees(report.graph.edges, report.feeOnly)
      for (const r of report.reconciliations ?? [])
        expect(r.fees.amountBase).toBe(r.contract ? '0' : traced.toString())
      expect(traced).toBeGreaterThan(0n)
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
    // The node methods the evidence holds: the receipts and call traces the
    // hidden shape needs, beside the tip, block and transaction reads, the
    // node's chain id and the balances behind every amount at rest.
    const methods = rpc.map((r) => JSON.parse(r.requestBody ?? '{}').method)
    expect([...new Set(methods)].sort()).toEqual([
      'debug_traceTransaction',
      'eth_blockNumber',
      'eth_call',
      'eth_chainId',
      'eth_getBalance',
      'eth_getBlockByNumber',
      'eth_getTransactionByHash',
      'eth_getTransactionReceipt',
    ])
    // Server closed: every answer must come from the evidence. The
    // maintainers' command, with --replay instead of --no-cache.
    const replayed = join(tmp, 'replayed')
    const argv = command(replayed, 'haircut', server).filter(
      (a) => a !== '--no-cache',
    )
    const again = await runCli([...argv, '--replay', out], {
      env: NO_KEY,
    })
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    const recorded = readReport(out)
    const report = readReport(replayed)
    expect(report.hits).toEqual(recorded.hits)
    expect(report.reconciliations).toEqual(recorded.reconciliations)
    expect(report.stats.requests).toBe(0)
    // Identical apart from the generation time and request counts.
    expect(comparable(report)).toEqual(comparable(recorded))
    expect(report.sources.map((s) => s.tipHeight)).toEqual(
      recorded.sources.map((s) => s.tipHeight),
    )
  })
})
