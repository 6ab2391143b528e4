/**
 * Batch benchmark: 50 generated cases that share intermediate and deposit
 * addresses, served over real HTTP at 10 req/s with ~20 ms latency. Prints
 * requests made against distinct look-ups (target: equal) and cases/minute.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCases } from '../src/batch/cases.js'
import { batch } from '../src/batch/run.js'
import { generatedBatch } from '../test/support/batch-scenario.js'
import { startEsploraServer } from '../test/support/esplora-server.js'

export type BatchBenchOptions = {
  cases?: number | undefined
  rps?: number | undefined
  latencyMs?: number | undefined
  log?: ((line: string) => void) | undefined
  /**
   * The client's own pace. Default 90% of the server's limit: the server
   * shares this process's event loop, and a stall while a report renders
   * bunches arrivals so a client at exactly the limit draws 429s.
   */
  clientRps?: number | undefined
}

export type BatchBenchResult = {
  cases: number
  complete: number
  requests: number
  distinct: number
  /** Look-ups the cases made in total: what separate runs would fetch. */
  lookups: number
  wallMs: number
  casesPerMinute: number
}

export async function runBatchBench(
  options: BatchBenchOptions = {},
): Promise<BatchBenchResult> {
  const n = options.cases ?? 50
  const rps = options.rps ?? 10
  const latencyMs = options.latencyMs ?? 20
  const clientRps = options.clientRps ?? rps * 0.9
  const log = options.log ?? console.log
  const scenario = generatedBatch(n)
  const server = await startEsploraServer(scenario.fixtures, { rps, latencyMs })
  const dir = mkdtempSync(join(tmpdir(), 'fundtrace-bench-batch-'))
  try {
    const labels = join(dir, 'labels.csv')
    writeFileSync(labels, scenario.fixtures.labelsCsv)
    const csv = [
      'case_id,chain,tx,victim',
      ...scenario.cases.map((c) => `${c.id},bitcoin,${c.tx},${c.victim}`),
    ]
    const { cases } = parseCases(csv.join('\n'), { file: 'bench.csv' })
    log(
      `fundtrace bench — batch of ${n} cases sharing intermediates and deposits, server latency ${latencyMs} ms, limit ${rps} req/s (client paced at ${clientRps} req/s)`,
    )
    const retries: string[] = []
    const started = performance.now()
    const result = await batch(cases, {
      outDir: join(dir, 'out'),
      cacheDir: join(dir, 'cache'),
      esploraUrl: server.url,
      rps: clientRps,
      concurrency: 8,
      onEvent: (e) => {
        if (e.type === 'retry') retries.push(e.reason)
      },
      labelFiles: [labels],
      bundledLabels: false,
      minAmount: '0',
    })
    const wallMs = performance.now() - started
    const requests = server.requestCount()
    const distinct = Object.keys(server.requestsByPath()).length
    const lookups = result.cases.reduce((a, c) => a + c.lookups, 0)
    const complete = result.cases.filter((c) => c.status === 'complete').length
    const casesPerMinute = (n / wallMs) * 60_000
    log(
      `cases complete        ${complete}/${n}; ${result.links.sharedAddresses.length} shared addresses; ${result.links.exchanges.length} exchanges`,
    )
    log(
      `requests              ${requests} for ${distinct} distinct look-ups — ${requests === distinct ? 'equal: nothing fetched twice' : `${requests - distinct} REPEATED (429s or refetches)`}`,
    )
    if (retries.length)
      log(
        `retries               ${retries.length} (${[...new Set(retries)].join('; ')})`,
      )
    for (const c of result.cases.filter((c) => c.status !== 'complete'))
      log(
        `  ${c.id}: ${c.status} ${c.error ?? c.report?.unexplored.map((u) => u.detail).join('; ') ?? ''}`,
      )
    log(
      `look-ups by the cases ${lookups} (what ${n} separate traces would fetch); shared store saved ${lookups - distinct}`,
    )
    log(
      `wall time             ${(wallMs / 1000).toFixed(2)} s; rate-limit bound ${(distinct / rps).toFixed(2)} s at ${rps}/s, ${(distinct / clientRps).toFixed(2)} s at ${clientRps}/s; ${casesPerMinute.toFixed(1)} cases/minute`,
    )
    return {
      cases: n,
      complete,
      requests,
      distinct,
      lookups,
      wallMs,
      casesPerMinute,
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runBatchBench()
