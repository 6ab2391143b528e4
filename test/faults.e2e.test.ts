/**
 * A trace behind a fault-injecting proxy gives the same report as a
 * fault-free one; under an outage it exits 3, lists the unexplored frontier
 * and keeps (and stores) everything it had already traced.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import { classifyRequest } from '../src/sources/freshness.js'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import {
  type EsploraServer,
  startEsploraServer,
} from './support/esplora-server.js'
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js'
import {
  comparable,
  readReport,
  runCli,
  type ScenarioCase,
  traceArgv,
} from './support/run-cli.js'

const SCENARIOS = [
  'peel-chain',
  'merge-outside',
  'victim-exchange-origin',
  'coinjoin-stop',
]
const FAST = ['--rps', '1000', '--timeout', '500']
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-faults-'))
let dirs = 0
const freshDir = (name: string) => join(tmp, `${name}-${++dirs}`)
const running: { close(): Promise<void> }[] = []

afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function load(scenario: string) {
  const fixtures = loadEsploraFixtures(
    new URL(`../fixtures/esplora/${scenario}`, import.meta.url).pathname,
  )
  const c = fixtures.case as { seedTxid: string; victims: string[] }
  const scenarioCase: ScenarioCase = { scenario, ...c }
  return { fixtures, scenarioCase }
}

async function serve(scenario: string): Promise<EsploraServer> {
  const server = await startEsploraServer(load(scenario).fixtures)
  running.push(server)
  return server
}

async function proxy(
  options: Parameters<typeof startFaultProxy>[0],
): Promise<FaultProxy> {
  const started = await startFaultProxy(options)
  running.unshift(started)
  return started
}

async function traceTo(
  scenario: string,
  url: string,
  extra: string[],
): Promise<{ code: number; stderr: string; report: Report; out: string }> {
  const out = freshDir(scenario)
  const { scenarioCase } = load(scenario)
  const result = await runCli(
    traceArgv(scenarioCase, url, ['--out', out, ...FAST, ...extra]),
  )
  return { ...result, report: readReport(out), out }
}

describe.each(SCENARIOS)('%s, 1 in 5 requests faulted', (scenario) => {
  test('same report as the fault-free run', async () => {
    const server = await serve(scenario)
    const clean = await traceTo(scenario, server.url, ['--no-cache'])
    // A CoinJoin stop cuts the trail: that scenario is incomplete, exit 3.
    const cut = scenario === 'coinjoin-stop'
    expect(clean.code, clean.stderr).toBe(cut ? 3 : 0)
    expect(clean.report.status).toBe(cut ? 'incomplete' : 'complete')

    const faulty = await proxy({
      target: server.url,
      faultRate: 0.2,
      seed: 20260,
      hangMs: 1500,
    })
    const run = await traceTo(scenario, faulty.url, [
      '--no-cache',
      '--retries',
      '8',
    ])
    const injected = Object.values(faulty.stats().faults).reduce(
      (a, b) => a + (b ?? 0),
      0,
    )
    expect(injected, 'the proxy injected no fault').toBeGreaterThan(0)
    expect(run.code, run.stderr).toBe(clean.code)
    expect(comparable(run.report)).toEqual(comparable(clean.report))
  })
})

describe('20% faults behind a rate-limited server', () => {
  // The server allows 3 req/s and the client is told it may send 30, so real
  // 429s come on top of the faults however fast or slow the machine is.
  test('peel-chain: same report', async () => {
    const server = await serve('peel-chain')
    const clean = await traceTo('peel-chain', server.url, ['--no-cache'])
    const limited = await startEsploraServer(load('peel-chain').fixtures, {
      rps: 3,
    })
    running.push(limited)
    const faulty = await proxy({
      target: limited.url,
      faultRate: 0.2,
      seed: 99,
      hangMs: 2500,
    })
    const out = freshDir('limited')
    const result = await runCli(
      traceArgv(load('peel-chain').scenarioCase, faulty.url, [
        '--out',
        out,
        '--no-cache',
        // Generous enough that a busy CI machine's slow answers are not hangs.
        '--timeout',
        '1000',
        '--retries',
        '8',
        '--rps',
        '30',
      ]),
    )
    expect(result.code, result.stderr).toBe(0)
    expect(comparable(readReport(out))).toEqual(comparable(clean.report))
    expect(limited.rateLimited(), 'the rate limit never bit').toBeGreaterThan(0)
  })
})

describe('schema faults are retried like any other transient fault', () => {
  // 40% of answers are valid JSON that fails the schema (a CDN page, an
  // upstream bug). With --retries 8 the chance one request exhausts nine
  // attempts is 0.4^9 ≈ 3e-4: the trace must be complete and unchanged.
  test('peel-chain at 40% schema-invalid answers', async () => {
    const server = await serve('peel-chain')
    const clean = await traceTo('peel-chain', server.url, ['--no-cache'])
    const lying = await proxy({
      target: server.url,
      faultRate: 0.4,
      faults: ['schema-invalid'],
      seed: 7,
    })
    const run = await traceTo('peel-chain', lying.url, [
      '--no-cache',
      '--retries',
      '8',
    ])
    expect(lying.stats().faults['schema-invalid']).toBeGreaterThan(0)
    expect(
      run.report.unexplored.filter((u) => u.reason === 'fetch-failed'),
    ).toEqual([])
    expect(run.code, run.stderr).toBe(0)
    expect(comparable(run.report)).toEqual(comparable(clean.report))
  })
})

describe('permanent outage', () => {
  test('exit 3, the frontier listed, nothing traced lost, resumable', async () => {
    const server = await serve('peel-chain')
    const clean = await traceTo('peel-chain', server.url, ['--no-cache'])
    const total = server.requestCount()
    const afterClean = server.requestsByPath()
    const cacheDir = freshDir('cache')

    const outage = await proxy({
      target: server.url,
      outageAfter: Math.floor(total / 2),
    })
    const cut = await traceTo('peel-chain', outage.url, [
      '--cache-dir',
      cacheDir,
      '--retries',
      '2',
    ])
    expect(cut.code, cut.stderr).toBe(3)
    const report = cut.report
    expect(report.status).toBe('incomplete')
    const frontier = report.unexplored.filter(
      (u) => u.reason === 'fetch-failed',
    )
    expect(frontier.length).toBeGreaterThan(0)
    for (const u of frontier) expect(u.detail).not.toBe('')
    // Every satoshi is accounted for, and what was reached is what the
    // fault-free run reached there.
    expect(report.reconciliation.balanced).toBe(true)
    expect(report.reconciliation.stolen).toEqual(
      clean.report.reconciliation.stolen,
    )
    expect(report.stats.txs).toBeGreaterThan(0)
    for (const hit of report.hits) expect(clean.report.hits).toContainEqual(hit)
    for (const rest of report.atRest)
      expect(clean.report.atRest).toContainEqual(rest)
    const unexplored = BigInt(report.reconciliation.unexplored.amountBase)
    expect(unexplored).toBe(
      frontier.reduce((sum, u) => sum + BigInt(u.amountBase), 0n),
    )
    expect(unexplored).toBeGreaterThan(0n)

    // Resume against a healthy server: same report as the clean run, and
    // no settled answer that got through before the outage is fetched again.
    const before = server.requestsByPath()
    outage.heal()
    const resumed = await traceTo('peel-chain', outage.url, [
      '--cache-dir',
      cacheDir,
    ])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(comparable(resumed.report)).toEqual(comparable(clean.report))
    const after = server.requestsByPath()
    const delta =
      (a: Record<string, number>, b: Record<string, number>) =>
      (path: string) =>
        (a[path] ?? 0) - (b[path] ?? 0)
    const servedDuringOutage = delta(before, afterClean)
    const servedOnResume = delta(after, before)
    // The tip, outspends and histories are about the present: asked again.
    const settled = (path: string) =>
      classifyRequest({ method: 'GET', url: `${server.url}${path}` }).kind !==
      'as-of'
    const refetched = Object.keys(after).filter(
      (path) =>
        settled(path) &&
        servedDuringOutage(path) > 0 &&
        servedOnResume(path) > 0,
    )
    expect(Object.keys(after).some((p) => servedOnResume(p) > 0)).toBe(true)
    expect(refetched).toEqual([])
  })

  test("mode 'outage' from the first request: exit 1, one line naming HTTP 503 and the attempts, no bundle", async () => {
    const server = await serve('merge-outside')
    const down = await proxy({ target: server.url, mode: 'outage' })
    const { scenarioCase } = load('merge-outside')
    const out = freshDir('down')
    const result = await runCli(
      traceArgv(scenarioCase, down.url, [
        '--out',
        out,
        '--no-cache',
        ...FAST,
        '--retries',
        '1',
      ]),
    )
    // Nothing was fetched, so there is no report to call incomplete.
    expect(result.code).toBe(1)
    expect(result.stderr).not.toContain('    at ')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(
      /^fundtrace: 127\.0\.0\.1:\d+ failed \(HTTP 503 after 2 attempts\); nothing was traced\. Try again later, or give --esplora-url URL, or trace offline with --replay DIR\.$/m,
    )
    expect(existsSync(out)).toBe(false)
  })
})
