/**
 * Issue "Never lose a hop", EVM side: the maintainers' hidden case
 * (test/support/evm-hidden-case.ts) behind one fault-injecting proxy in front
 * of the explorer and one in front of the JSON-RPC node. Under 20% faults the
 * report is the fault-free one; under a permanent outage the trace exits 3,
 * lists its frontier and reports nothing the fault-free run did not.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type SimServer, startSimServer } from '../bench/evm-chain.js'
import type { Report } from '../src/report/types.js'
import {
  CHAIN,
  command,
  EXPECTED,
  NO_KEY,
  writeLabels,
} from './support/evm-hidden-case.js'
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultProxyOptions,
  pickFault,
  startFaultProxy,
} from './support/fault-proxy.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

const ALL_FAULTS: FaultKind[] = [...FAULT_KINDS, 'etherscan-rate-limit']
// Loopback: no pacing. A 1 s timeout (hangs last 2.5 s) so a loaded
// machine's slow answers are not mistaken for hangs.
const FAST = ['--rps', '1000', '--timeout', '1000']
let tmp: string
let labels: string
let sim: SimServer
let clean: Report
let explorerRequests: number
let rpcRequests: number
let dirs = 0
const running: { close(): Promise<void> }[] = []

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-faults-evm-'))
  labels = writeLabels(tmp)
  sim = await startSimServer(CHAIN, { callTracer: true })
  // The fault-free run, counted through proxies that never fault.
  const explorer = await proxy(sim.explorerUrl, {})
  const rpc = await proxy(sim.rpcUrl, {})
  const run = await trace(explorer.url, rpc.url, [])
  expect(run.code, run.stderr).toBe(0)
  clean = readReport(run.out)
  explorerRequests = explorer.stats().requests
  rpcRequests = rpc.stats().requests
  await closeAll()
  // A whole trace: on a loaded machine it outlasts the default 10 s hook timeout.
}, 60_000)
afterEach(closeAll)
afterAll(async () => {
  await sim.close()
  rmSync(tmp, { recursive: true, force: true })
})

async function closeAll(): Promise<void> {
  for (const server of running.splice(0)) await server.close()
}

/** A proxy in front of `url` (…/api or …/rpc); its url keeps the path. */
async function proxy(url: string, options: Omit<FaultProxyOptions, 'target'>) {
  const { origin, pathname } = new URL(url)
  const started = await startFaultProxy({ target: origin, ...options })
  running.push(started)
  return { ...started, url: `${started.url}${pathname}` }
}

async function trace(explorerUrl: string, rpcUrl: string, extra: string[]) {
  const out = join(tmp, `run-${++dirs}`)
  const argv = command(out, 'haircut', labels, { explorerUrl, rpcUrl })
  const result = await runCli([...argv, ...FAST, ...extra], { env: NO_KEY })
  return { ...result, out }
}

const amountOf = (hits: Report['hits'], h: Report['hits'][number]) =>
  hits.find((c) => c.address === h.address && c.asset === h.asset)?.amountBase

/** An incomplete report that is still right: see the file comment. */
function expectHonestIncomplete(report: Report): void {
  expect(report.status).toBe('incomplete')
  const frontier = report.unexplored.filter((u) => u.reason === 'fetch-failed')
  expect(frontier.length).toBeGreaterThan(0)
  // The outage answers 503: the detail says so, not "unknown RPC error".
  for (const u of frontier) expect(u.detail).toContain('HTTP 503')
  // Every base unit accounted for, per asset; the stolen amounts are the
  // seeds', read before the outage.
  const recons = report.reconciliations ?? []
  // Named assets, or the checks below would hold over nothing.
  expect(recons.length).toBeGreaterThan(0)
  expect(recons.map((r) => [r.asset, r.balanced, r.stolen])).toEqual(
    (clean.reconciliations ?? []).map((r) => [r.asset, true, r.stolen]),
  )
  for (const r of recons) {
    const open = frontier.filter((u) => u.asset === r.asset)
    expect(BigInt(r.unexplored.amountBase)).toBe(
      open.reduce((sum, u) => sum + BigInt(u.amountBase), 0n),
    )
  }
  // Nothing reported is wrong: each hit is a clean hit, never larger.
  for (const hit of report.hits) {
    const full = amountOf(clean.hits, hit)
    expect(full, `${hit.address} ${hit.asset}`).toBeDefined()
    expect(BigInt(hit.amountBase)).toBeLessThanOrEqual(BigInt(full ?? 0))
  }
  // What did not reach an exchange is on the frontier, never dropped.
  for (const r of recons) {
    const full = clean.reconciliations?.find((c) => c.asset === r.asset)
    const base = (a: { amountBase: string }) => BigInt(a.amountBase)
    expect(base(r.atExchanges) + base(r.unexplored)).toBeGreaterThanOrEqual(
      base(full?.atExchanges ?? { amountBase: '0' }),
    )
  }
}

test('the fault-free run finds the hand-derived hits', () => {
  expect(clean.status).toBe('complete')
  expect(clean.hits.map((h) => [h.address, h.asset, h.amount])).toEqual(
    expect.arrayContaining(EXPECTED.haircut.map((row) => [...row])),
  )
  expect(clean.hits).toHaveLength(EXPECTED.haircut.length)
  expect(explorerRequests).toBeGreaterThan(4)
  expect(rpcRequests).toBeGreaterThan(4)
})

/** The kinds the proxy's first `n` answers on `path` get: a pure function of the seed. */
const planned = (seed: number, path: string, n: number) =>
  Array.from({ length: n }, (_, k) =>
    pickFault(seed, path, k, 0.2, ALL_FAULTS),
  ).filter((kind): kind is FaultKind => kind !== null)

describe('1 in 5 requests faulted, explorer and node alike', () => {
  // Every request of a proxy shares one path, so the k-th answer's fault is
  // fixed by the seed. The seeds are picked so that, between them, the first
  // three quarters of the answers (sure to be asked for) cover every kind.
  // A run here is mostly waiting (backoff, Retry-After, timed-out hangs):
  // about 25-30 s idle, so it gets its own limit well above that.
  test.each([
    [30, 21],
    [149, 154],
  ])(
    'seeds %i/%i: the same report as the fault-free run',
    async (a, b) => {
      const faults = { faultRate: 0.2, faults: ALL_FAULTS, hangMs: 2500 }
      const explorer = await proxy(sim.explorerUrl, { ...faults, seed: a })
      const rpc = await proxy(sim.rpcUrl, { ...faults, seed: b })
      const run = await trace(explorer.url, rpc.url, ['--retries', '8'])
      const sure = [
        ...planned(a, '/api', Math.floor((explorerRequests * 3) / 4)),
        ...planned(b, '/rpc', Math.floor((rpcRequests * 3) / 4)),
      ]
      expect(sure).toContain('etherscan-rate-limit')
      expect(new Set(sure).size).toBeGreaterThanOrEqual(6)
      const injected = { ...explorer.stats().faults }
      for (const [kind, n] of Object.entries(rpc.stats().faults))
        injected[kind as FaultKind] = (injected[kind as FaultKind] ?? 0) + n
      for (const kind of sure)
        expect(injected[kind], JSON.stringify(injected)).toBeGreaterThan(0)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).not.toContain('    at ')
      expect(comparable(readReport(run.out))).toEqual(comparable(clean))
    },
    120_000,
  )
})

describe('permanent explorer outage, node healthy', () => {
  test.each([0, 0.25, 0.5, 0.75])(
    'down after %d of its requests: exit 3, frontier listed, nothing wrong',
    async (share) => {
      const outageAfter = Math.floor(explorerRequests * share)
      const explorer = await proxy(sim.explorerUrl, { outageAfter })
      const run = await trace(explorer.url, sim.rpcUrl, ['--retries', '2'])
      expect(run.code, run.stderr).toBe(3)
      expect(run.stderr).not.toContain('    at ')
      expect(explorer.stats().faults.outage).toBeGreaterThan(0)
      expectHonestIncomplete(readReport(run.out))
    },
  )
})

describe('permanent node outage, explorer healthy', () => {
  // Tx reads (seeds, and the check of every explorer row) come from the node:
  // the product does not fall back to unchecked explorer rows.
  test('down from the start: exit 1 (nothing traced) with a one-line error naming the 503 and the way around it', async () => {
    const rpc = await proxy(sim.rpcUrl, { mode: 'outage' })
    const run = await trace(sim.explorerUrl, rpc.url, ['--retries', '1'])
    expect(run.code).toBe(1)
    expect(run.stderr).not.toContain('    at ')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(
      /^fundtrace: 127\.0\.0\.1:\d+ failed \(HTTP 503 after 2 attempts\); nothing was traced\. Try again later, or give --explorer-url URL or --rpc-url URL, or trace offline with --replay DIR\.$/m,
    )
    expect(rpc.stats().forwarded).toBe(0)
  })

  test('down after the seeds were read: exit 3, frontier listed, nothing wrong', async () => {
    // The two seeds take 8 node requests (tx, receipt, block, trace each).
    const outageAfter = Math.floor(rpcRequests / 3)
    expect(outageAfter).toBeGreaterThanOrEqual(8)
    const rpc = await proxy(sim.rpcUrl, { outageAfter })
    const run = await trace(sim.explorerUrl, rpc.url, ['--retries', '2'])
    expect(run.code, run.stderr).toBe(3)
    expect(run.stderr).not.toContain('    at ')
    expectHonestIncomplete(readReport(run.out))
  })
})
