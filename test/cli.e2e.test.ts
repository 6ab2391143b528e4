/**
 * The backbone's acceptance check: `fundtrace trace` against a loopback Esplora
 * server, for every scenario and policy, compared with hand-derived answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../src/cli/main.js'
import { hopTableTracedFees } from '../src/report/fee-only.js'
import type { Report } from '../src/report/types.js'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'

type Expected = {
  totals: Record<string, string>
  hits: {
    address: string
    entity: string
    attribution: string
    amountBase: string
    receivedBase: string
    evidence: string[]
  }[]
  atRest: { txid: string; vout: number; amountBase: string }[]
}
type Case = {
  seedTxid: string
  victims: string[]
  options: { minAmount: string }
  expected: Record<string, Expected>
}

const SCENARIOS = [
  'peel-chain',
  'merge-outside',
  'victim-exchange-origin',
  'coinjoin-stop',
  'satoshi-hal',
]
const POLICIES = ['haircut', 'poison', 'fifo'] as const
/**
 * Txs each scenario's trace asks for by their own JSON, the seed included; the
 * others arrive whole in the history of the address that received the change
 * they spend (before the address histories, every traced tx: 7, 3, 3, 3, 1).
 */
const TXS_FETCHED: Record<string, number> = {
  'peel-chain': 3,
  'merge-outside': 1,
  'victim-exchange-origin': 1,
  'coinjoin-stop': 1,
  'satoshi-hal': 1,
}
/**
 * Every request of a trace behind a mempool-compatible server, the network
 * and tip checks included (before: 14, 7, 7, 7 and 4).
 */
const REQUESTS: Record<string, number> = {
  'peel-chain': 11,
  'merge-outside': 5,
  'victim-exchange-origin': 6,
  'coinjoin-stop': 6,
  'satoshi-hal': 4,
}
/** A CoinJoin stop cuts the trail: the trace is incomplete (exit 3). */
const EXIT: Record<string, number> = { 'coinjoin-stop': 3 }

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: (s) => {
      stdout += s
    },
    stderr: (s) => {
      stderr += s
    },
    env: {},
    isTTY: false,
  })
  return { code, stdout, stderr }
}

describe.each(SCENARIOS)('fundtrace trace: %s', (scenario) => {
  const dir = join('fixtures/esplora', scenario)
  const fixtures = loadEsploraFixtures(dir)
  const kase = fixtures.case as Case
  let server: Awaited<ReturnType<typeof startEsploraServer>>
  let tmp: string
  beforeAll(async () => {
    server = await startEsploraServer(fixtures, {})
    tmp = mkdtempSync(join(tmpdir(), 'fundtrace-e2e-'))
  })
  afterAll(async () => {
    await server.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  test.each(POLICIES)(
    'policy %s gives the expected hits and funds at rest',
    async (policy) => {
      const out = join(tmp, policy)
      const argv = [
        'trace',
        '--chain',
        'bitcoin',
        '--tx',
        kase.seedTxid,
        ...kase.victims.flatMap((v) => ['--victim', v]),
        '--labels',
        join(dir, 'labels.csv'),
        '--no-bundled-labels',
        '--policy',
        policy,
        '--min-amount',
        toCoins(kase.options.minAmount),
        '--out',
        out,
        '--no-cache',
        '--esplora-url',
        server.url,
        '--no-progress',
        '--rps',
        '500',
      ]
      const before = server.requestCount()
      const { code, stderr } = await run(argv)
      expect(stderr).toBe('')
      expect(code).toBe(EXIT[scenario] ?? 0)
      const report = JSON.parse(
        readFileSync(join(out, 'report.json'), 'utf8'),
      ) as Report
      const want = kase.expected[policy]!
      expect(
        report.hits
          .map((h) => ({
            address: h.address,
            entity: h.entity,
            attribution: h.attribution,
            amountBase: h.amountBase,
            receivedBase: h.receivedBase,
            evidence: h.evidence,
          }))
          .sort(byAddress),
      ).toEqual(want.hits.map((h) => ({ ...h })).sort(byAddress))
      expect(
        report.atRest
          .map((a) => ({
            txid: a.txHash,
            vout: a.outputIndex,
            amountBase: a.amountBase,
          }))
          .sort(byOutpoint),
      ).toEqual(
        want.atRest
          .map((a) => ({
            txid: a.txid,
            vout: a.vout,
            amountBase: a.amountBase,
          }))
          .sort(byOutpoint),
      )
      const r = report.reconciliation
      expect(r.stolen.amountBase).toBe(want.totals.stolen)
      expect(r.fees.amountBase).toBe(want.totals.fees)
      expect(r.absorbed.amountBase).toBe(want.totals.absorbed)
      expect(r.balanced).toBe(true)
      // The hop table's fee column (edges and fee-only rows) adds up to the
      // reconciliation's fees, and each tx's fee sits on one edge only, its
      // lowest output, or on its own fee-only row when it has no edge.
      const traced = hopTableTracedFees(report.graph.edges, report.feeOnly)
      expect(traced.toString()).toBe(r.fees.amountBase)
      for (const f of report.feeOnly ?? [])
        expect(report.graph.edges.some((e) => e.txHash === f.txHash)).toBe(
          false,
        )
      for (const tx of new Set(report.graph.edges.map((e) => e.txHash))) {
        const edges = report.graph.edges.filter((e) => e.txHash === tx)
        const withFee = edges.filter((e) => e.feeBase !== undefined)
        expect(withFee.length).toBe(1)
        expect(withFee[0]?.outputIndex).toBe(
          Math.min(...edges.map((e) => e.outputIndex)),
        )
      }
      // every request the report claims was made, and no more
      expect(report.stats.requests).toBe(server.requestCount() - before)
    },
  )
})

function toCoins(base: string): string {
  const v = BigInt(base)
  return `${v / 100_000_000n}.${(v % 100_000_000n).toString().padStart(8, '0')}`
}
const byAddress = (a: { address: string }, b: { address: string }) =>
  a.address.localeCompare(b.address)
const byOutpoint = (
  a: { txid: string; vout: number },
  b: { txid: string; vout: number },
) => a.txid.localeCompare(b.txid) || a.vout - b.vout

describe('request economy', () => {
  test.each(SCENARIOS)(
    '%s: no URL is fetched twice in one trace',
    async (scenario) => {
      const dir = join('fixtures/esplora', scenario)
      const fixtures = loadEsploraFixtures(dir)
      const kase = fixtures.case as Case
      const server = await startEsploraServer(fixtures, {})
      try {
        const { code } = await run([
          'trace',
          '--tx',
          kase.seedTxid,
          '--labels',
          join(dir, 'labels.csv'),
          '--no-bundled-labels',
          '--no-cache',
          '--esplora-url',
          server.url,
          '--rps',
          '500',
          '--json',
        ])
        expect(code).toBe(EXIT[scenario] ?? 0)
        const counts = server.requestsByPath()
        expect(Object.entries(counts).filter(([, n]) => n > 1)).toEqual([])
        // A tx costs one request, its JSON, rebuilt to bytes that hash to
        // its txid: the raw hex is never asked for, and every traced tx was.
        const hex = Object.keys(counts).filter((p) => p.endsWith('/hex'))
        expect(hex).toEqual([])
        const jsonTxs = Object.keys(counts).filter((p) =>
          /^\/tx\/[0-9a-f]{64}$/.test(p),
        )
        expect(jsonTxs.length).toBe(TXS_FETCHED[scenario])
        expect(server.requestCount()).toBe(REQUESTS[scenario])
      } finally {
        await server.close()
      }
    },
  )
})
