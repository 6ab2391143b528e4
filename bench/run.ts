/**
 * `npm run bench`: request economy, wall time against the rate-limit bound,
 * and memory, for a generated peel chain served over real HTTP.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { trace } from '../src/api/trace.js'
import { startEsploraServer } from '../test/support/esplora-server.js'
import { runAdaptiveBench } from './adaptive.js'
import { runBatchBench } from './batch.js'
import { runEvmBench } from './evm.js'
import { runExplorerBench } from './explorer.js'
import { runLabelsBench } from './labels.js'
import { buildPeelChain } from './peel.js'

const args = new Map(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('=') as [string, string]),
)
const HOPS = Number(args.get('hops') ?? 500)
const RPS = Number(args.get('rps') ?? 10)
const LATENCY = Number(args.get('latency') ?? 20)

/** Full GCs across a few turns: one alone leaves what WeakRefs and finalizers still hold. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    global.gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage().heapUsed
}

async function runOnce(
  hops: number,
  opts: { rps?: number; latencyMs?: number; live?: boolean },
) {
  const peel = buildPeelChain(hops)
  const server = await startEsploraServer(peel.fixtures, {
    ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}),
    ...(opts.rps ? { rps: opts.rps } : {}),
  })
  const dir = mkdtempSync(join(tmpdir(), 'fundtrace-bench-'))
  const labels = join(dir, 'labels.csv')
  writeFileSync(labels, peel.labelsCsv)
  let peak = 0
  let ticks = 0
  const base = await settledHeap()
  const sampler = setInterval(() => {
    // live: every 100 ms, after a full GC, so garbage V8 has not yet collected does not count.
    if (opts.live) {
      if (++ticks % 5 !== 0) return
      global.gc?.()
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed - base)
  }, 20)
  const started = performance.now()
  // What the CLI keeps of a trace (run-trace.ts): the report and the client.
  const { report, http } = await trace({
    txs: [peel.seedTxid],
    labelFiles: [labels],
    bundledLabels: false,
    esploraUrl: server.url,
    cache: false,
    rps: opts.rps ?? 10_000,
    concurrency: 4,
    maxHops: hops + 5,
    maxNodes: hops * 3,
    minAmount: '0',
  })
  const wallMs = performance.now() - started
  clearInterval(sampler)
  // What the finished trace keeps alive: the report, and the keys and hashes
  // of the evidence for its bundle (the bodies wait in a temp-file spool).
  const retainedMb = ((await settledHeap()) - base) / 2 ** 20
  const evidenceRecords = http.touched().size
  await http.close()
  const requests = server.requestCount()
  const distinct = Object.keys(server.requestsByPath()).length
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  return {
    report,
    wallMs,
    requests,
    distinct,
    peakMb: peak / 2 ** 20,
    retainedMb,
    evidenceRecords,
    txs: report.stats.txs,
  }
}

/** The timed run: one peel chain at the rate limit, with server latency. */
async function timed(): Promise<void> {
  console.log(
    `fundtrace bench — peel chain of ${HOPS} hops, server latency ${LATENCY} ms, limit ${RPS} req/s\n`,
  )
  const r = await runOnce(HOPS, { rps: RPS, latencyMs: LATENCY })
  const bound = (r.requests / RPS) * 1000
  const minimum = 2 * r.txs + 2 // raw tx + outspends per tx; the seed adds its JSON, plus the tip
  console.log(
    `txs traced            ${r.txs} (${r.report.hits.length} exchange hits, ${r.report.atRest.length} outputs at rest)`,
  )
  console.log(
    `requests              ${r.requests} (${(r.requests / r.txs).toFixed(3)} per tx; minimum ${minimum}, ${(minimum / r.txs).toFixed(3)} per tx)`,
  )
  console.log(
    `distinct look-ups     ${r.distinct} — ${r.requests === r.distinct ? 'no request made twice' : `${r.requests - r.distinct} REPEATED`}`,
  )
  console.log(
    `wall time             ${(r.wallMs / 1000).toFixed(2)} s; rate-limit bound ${(bound / 1000).toFixed(2)} s → ${(r.wallMs / bound).toFixed(3)}× (target ≤ 1.2×)`,
  )
  console.log(
    `reconciliation        ${r.report.reconciliation.balanced ? 'balanced' : 'NOT BALANCED'}\n`,
  )
}

/**
 * Heap retained after the trace, the peak heap with garbage V8 has not yet
 * collected (a short trace runs no full GC at all), and, in a second run
 * with a full GC every 100 ms, the peak of what the trace really holds.
 */
async function memory(): Promise<void> {
  console.log(
    'memory (no rate limit, no latency): heap retained after the trace (report + evidence refs), peak heap incl. garbage, live peak',
  )
  // Warm-up: code compiled on first use would otherwise count as retained.
  await runOnce(Math.min(HOPS, 200), {})
  for (const hops of [HOPS, HOPS * 2, HOPS * 4]) {
    const m = await runOnce(hops, {})
    const live = await runOnce(hops, { live: true })
    console.log(
      `  ${String(hops).padStart(5)} hops  retained ${m.retainedMb.toFixed(1).padStart(6)} MB (${((m.retainedMb * 1024) / hops).toFixed(1)} KB/hop)  peak ${m.peakMb.toFixed(1).padStart(6)} MB  live peak ${live.peakMb.toFixed(1).padStart(5)} MB  ${(m.wallMs / 1000).toFixed(2)} s`,
    )
  }
}

async function main(): Promise<void> {
  // --memory-only: the memory section alone, in seconds (no rate-limited run).
  const only = args.has('memory-only')
  if (args.has('speed-only')) {
    await runAdaptiveBench([400, 2000])
    return
  }
  if (!only) await runAdaptiveBench([400, 2000])
  if (!only) console.log('')
  if (!only) await timed()
  await memory()
  if (!only && !args.has('skip-batch')) {
    console.log('\nbatch: 50 cases sharing intermediate and deposit addresses')
    await runBatchBench()
  }
  if (!only && !args.has('skip-evm')) {
    console.log('\nEVM: ~300 addresses behind a 5 req/s explorer')
    await runEvmBench()
  }
  if (!only && !args.has('skip-explorer')) {
    console.log(
      '\nexplorer: explore.html with 5,000 nodes in headless Chromium',
    )
    await runExplorerBench(Number(args.get('explorer-nodes') ?? 5000))
  }
  if (!only && !args.has('skip-labels')) {
    console.log('\nlabel store')
    await runLabelsBench({
      count: Number(args.get('labels-count') ?? 1_000_000),
    })
  }
}

void main()
