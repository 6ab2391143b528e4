/**
 * A trace killed mid-way (SIGINT, SIGTERM, SIGKILL) and re-run with
 * the same cache gives the uninterrupted report, fetching nothing it already
 * stored; a torn record is caught by its checksum and fetched again.
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
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { listRecords } from '../src/evidence/fileStore.js'
import type { Report } from '../src/report/types.js'
import { classifyRequest } from '../src/sources/freshness.js'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import {
  type EsploraServer,
  startEsploraServer,
} from './support/esplora-server.js'
import {
  comparable,
  readReport,
  runCli,
  type ScenarioCase,
  spawnCli,
  traceArgv,
} from './support/run-cli.js'

const SCENARIO = 'peel-chain'
const fixtures = loadEsploraFixtures(
  new URL(`../fixtures/esplora/${SCENARIO}`, import.meta.url).pathname,
)
const scenario: ScenarioCase = {
  scenario: SCENARIO,
  ...(fixtures.case as { seedTxid: string; victims: string[] }),
}
/** Requests in flight at once: bounds what a kill can leave unstored. */
const CONCURRENCY = 2
const FLAGS = ['--rps', '1000', '--concurrency', String(CONCURRENCY)]
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-interrupt-'))
let dirs = 0
const freshDir = (name: string) => join(tmp, `${name}-${++dirs}`)
let server: EsploraServer | undefined
let baseline: Report
let fullRequests = 0

beforeAll(async () => {
  const fast = await startEsploraServer(fixtures)
  const out = freshDir('baseline')
  const result = await runCli(
    traceArgv(scenario, fast.url, ['--no-cache', '--out', out, ...FLAGS]),
  )
  fullRequests = fast.requestCount()
  await fast.close()
  expect(result.code, result.stderr).toBe(0)
  baseline = readReport(out)
})
afterEach(async () => {
  await server?.close()
  server = undefined
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * Resolves once check() holds, or false if the child ended first. Counted in
 * requests, not time: a loaded machine can take any while to start the child,
 * and the test's own timeout bounds a child that never gets there.
 */
async function waitFor(
  check: () => boolean,
  child: Promise<unknown>,
): Promise<boolean> {
  let ended = false
  const end = () => {
    ended = true
  }
  void child.then(end, end)
  while (!check() && !ended)
    await new Promise((resolve) => setTimeout(resolve, 5))
  return !ended
}

function diff(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .map((path) => [path, (after[path] ?? 0) - (before[path] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  )
}

describe.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)(
  'killed with %s, then re-run',
  (signal) => {
    test('same report as an uninterrupted run, nothing stored fetched again', async () => {
      server = await startEsploraServer(fixtures, { latencyMs: 120 })
      const cacheDir = freshDir('cache')
      const out = freshDir('out')
      const argv = traceArgv(scenario, server.url, [
        '--cache-dir',
        cacheDir,
        '--out',
        out,
        ...FLAGS,
      ])
      const first = spawnCli(argv.slice())
      const running = await waitFor(
        () => server!.requestCount() >= 8,
        first.done,
      )
      expect(running, 'the trace ended before it could be killed').toBe(true)
      first.child.kill(signal)
      const killed = await first.done
      const firstRun = server.requestsByPath()
      if (signal === 'SIGKILL') expect(killed.signal).toBe('SIGKILL')
      else {
        // A graceful stop: it says so, exits 3 and writes what it had.
        expect(killed.code, killed.stderr).toBe(3)
        expect(killed.stderr).toContain(signal)
        expect(killed.stderr).not.toContain('    at ')
        const partial = readReport(out)
        expect(partial.status).toBe('incomplete')
        expect(partial.reconciliation.balanced).toBe(true)
        const frontier = partial.unexplored.filter(
          (u) => u.detail === 'interrupted',
        )
        expect(frontier.length).toBeGreaterThan(0)
        expect(frontier.every((u) => u.reason === 'fetch-failed')).toBe(true)
      }
      expect(Object.values(firstRun).every((n) => n === 1)).toBe(true)
      expect(server.requestCount()).toBeLessThan(fullRequests)
      // Whatever the kill interrupted, every record file on disk is whole.
      const stored = recordFiles(cacheDir)
      expect(stored.length).toBeGreaterThan(0)
      let intact = 0
      for await (const _ of listRecords(cacheDir)) intact++
      expect(intact).toBe(stored.length)

      const again = await runCli(
        traceArgv(scenario, server.url, [
          '--cache-dir',
          cacheDir,
          '--out',
          freshDir('out'),
          ...FLAGS,
        ]),
      )
      expect(again.code, again.stderr).toBe(0)
      const report = readReport(
        again.stdout.match(/Report written to (.*)/)?.[1] ?? '',
      )
      expect(comparable(report)).toEqual(comparable(baseline))
      const secondRun = diff(server.requestsByPath(), firstRun)
      expect(Object.keys(secondRun).length).toBeGreaterThan(0)
      const twice = Object.keys(secondRun).filter(
        (path) => firstRun[path] && settled(server!.url, path),
      )
      // Only what was in flight when the process died may be fetched again: a
      // graceful stop finishes its writes; kill -9 may also lose a response
      // that had arrived but was still being written (one per slot at most).
      const inFlight = signal === 'SIGKILL' ? 2 * CONCURRENCY : CONCURRENCY
      expect(twice.length, twice.join('\n')).toBeLessThanOrEqual(inFlight)
      expect(Object.values(secondRun).every((n) => n === 1)).toBe(true)
    }, 120_000) // two real trace processes, one after the other
  },
)

function recordFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name))
}

describe('a torn or tampered record', () => {
  test.each([
    ['truncated mid-write', (text: string) => text.slice(0, text.length / 2)],
    [
      'body changed, JSON still valid',
      (text: string) => {
        const record = JSON.parse(text) as { body: string }
        const last = record.body.at(-1) === '0' ? '1' : '0'
        const body = `${record.body.slice(0, -1)}${last}`
        return JSON.stringify({ ...record, body }, null, 2)
      },
    ],
  ])('%s: caught by its checksum and fetched again', async (_name, damage) => {
    server = await startEsploraServer(fixtures)
    const cacheDir = freshDir('cache')
    const args = (out: string) =>
      traceArgv(scenario, server!.url, [
        '--cache-dir',
        cacheDir,
        '--out',
        out,
        ...FLAGS,
      ])
    const first = await runCli(args(freshDir('out')))
    expect(first.code, first.stderr).toBe(0)
    // A confirmed tx: an answer a later run takes from the store, if intact.
    const path = `/tx/${scenario.seedTxid}`
    const file = recordFiles(cacheDir).find((f) =>
      readFileSync(f, 'utf8').includes(`"url": "${server!.url}${path}"`),
    )
    expect(file).toBeDefined()
    const original = readFileSync(file!, 'utf8')
    const damaged = damage(original)
    expect(damaged).not.toBe(original)
    writeFileSync(file!, damaged)

    const before = server.requestsByPath()
    const out = freshDir('out')
    const second = await runCli(args(out))
    expect(second.code, second.stderr).toBe(0)
    const asked = diff(server.requestsByPath(), before)
    expect(
      Object.fromEntries(
        Object.entries(asked).filter(([p]) => settled(server!.url, p)),
      ),
    ).toEqual({ [path]: 1 })
    expect(comparable(readReport(out))).toEqual(comparable(baseline))
    // The store healed: the record is whole again.
    const healed = JSON.parse(readFileSync(file!, 'utf8')) as { body: string }
    expect(healed.body).toBe(JSON.parse(original).body)
  })
})

/** Answers about the settled past: a later run takes them from the store. */
function settled(base: string, path: string): boolean {
  return (
    classifyRequest({ method: 'GET', url: `${base}${path}` }).kind !== 'as-of'
  )
}
