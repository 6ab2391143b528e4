/**
 * A long watch on a simulated clock: an outage is reported once and never
 * ends the watch, and thousands of quiet rounds leave the heap flat.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type WatchEvent, watch } from '../src/api/watch/watch.js'
import { sampleReport } from './support/sample-report.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-watch-rounds-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapAfterGc = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

test('an outage is reported once and retried; 2,000 quiet rounds keep the heap flat', async () => {
  const dir = join(tmp, 'case')
  const report = sampleReport()
  const { mkdirSync } = await import('node:fs')
  mkdirSync(dir)
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report))
  // Rounds 3 to 5 (simulated time 20 to 40 minutes): the source is down.
  let clock = 0
  const down = () => clock >= 1_200_000 && clock <= 2_400_000
  const held = [{ spent: false }, { spent: false }]
  server.use(
    http.get('https://blockstream.info/api/tx/:txid/outspends', () =>
      down()
        ? new HttpResponse(null, { status: 503 })
        : HttpResponse.json(held),
    ),
    http.get('https://blockstream.info/api/txs/outspends', ({ request }) => {
      if (down()) return new HttpResponse(null, { status: 503 })
      const ids = new URL(request.url).searchParams.get('txids') ?? ''
      return HttpResponse.json(ids.split(',').map(() => held))
    }),
  )
  const frontierTxs = new Set([
    ...report.atRest.map((r) => r.txHash),
    ...report.unexplored
      .filter((u) => u.reason === 'fetch-failed')
      .map((u) => u.txHash),
  ]).size
  const ROUNDS = 2000
  const kinds = new Map<string, number>()
  const heap: number[] = []
  const seen: WatchEvent[] = []
  const summary = await watch({
    dir,
    maxRounds: ROUNDS,
    intervalMs: 600_000,
    cache: false,
    retries: 0,
    // The public-host pace (4 req/s) is real time; the clock here is simulated.
    rps: 10_000,
    sleep: async (ms) => {
      clock += ms
    },
    onChange: (event) => {
      kinds.set(event.type, (kinds.get(event.type) ?? 0) + 1)
      if (seen.length < 8) seen.push(event)
      if (
        event.type === 'no-movement' &&
        (event.round === 200 || event.round === 1100 || event.round === ROUNDS)
      )
        heap.push(heapAfterGc())
    },
  })
  expect(summary).toEqual({ rounds: ROUNDS, revision: 0, outage: false })
  expect(clock).toBe((ROUNDS - 1) * 600_000)
  expect(seen.map((e) => e.type).slice(0, 5)).toEqual([
    'no-movement',
    'no-movement',
    'outage',
    'recovered',
    'no-movement',
  ])
  // The outage in one line: the host and the cause, never the URL.
  const outage = seen[2] as { message: string }
  expect(outage.message).toMatch(/^blockstream\.info failed \(HTTP 503/)
  expect(outage.message).not.toContain('/outspends')
  expect(Object.fromEntries(kinds)).toEqual({
    'no-movement': ROUNDS - 3,
    outage: 1,
    recovered: 1,
  })
  expect(seen[0]).toEqual({
    type: 'no-movement',
    round: 1,
    frontier: frontierTxs,
    // Batched outspends: 25 txs a request, a lone tx asked on its own.
    requests: frontierTxs > 1 ? Math.ceil(frontierTxs / 25) : 1,
  })
  // A leak grows the heap in both halves of the last 1,800 rounds; a one-off
  // allocation by a parallel test's load grows only one, so the flatter half counts.
  expect(heap).toHaveLength(3)
  const [first, middle, last] = heap as [number, number, number]
  const flatter = Math.min(middle - first, last - middle)
  expect(flatter).toBeLessThan(1.5 * 1024 * 1024)
}, 240_000)
