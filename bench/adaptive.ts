/**
 * The issue's speed case: a peel chain behind a local Esplora that allows 50
 * req/s and answers 429 beyond it, traced with no --rps: requests per hop,
 * refusals, and wall time against requests ÷ 50; the same behind a server
 * without the batch outspends endpoint. And the CLI's start-up.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { trace } from '../src/api/trace.js'
import { startEsploraServer } from '../test/support/esplora-server.js'
import { buildPeelChain } from './peel.js'

const LIMIT = 50
const ROOT = fileURLToPath(new URL('../', import.meta.url))

async function peelBehindLimit(
  hops: number,
  latencyMs: number,
  limit: number | null = LIMIT,
  batch = true,
) {
  const peel = buildPeelChain(hops)
  const server = await startEsploraServer(peel.fixtures, {
    rps: limit ?? undefined,
    latencyMs,
    batch,
  })
  const dir = mkdtempSync(join(tmpdir(), 'fundtrace-bench-'))
  const labels = join(dir, 'labels.csv')
  writeFileSync(labels, peel.labelsCsv)
  const started = performance.now()
  const { report, http } = await trace({
    txs: [peel.seedTxid],
    labelFiles: [labels],
    bundledLabels: false,
    esploraUrl: server.url,
    cache: false,
    maxHops: hops + 5,
    maxNodes: hops * 3,
    minAmount: '0',
  })
  const wallMs = performance.now() - started
  await http.close()
  const requests = server.requestCount()
  const refused = server.rateLimited()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  if (limit === null) {
    // The floor this machine sets: a hop waits for the last one's answer.
    console.log(
      `  ${String(hops).padStart(5)} hops  no server limit: ${requests} requests in ${(wallMs / 1000).toFixed(2)} s (${((requests * 1000) / wallMs).toFixed(0)} req/s: latency and CPU bound)`,
    )
    return
  }
  const bound = requests / LIMIT
  const kind = batch ? '' : ' (no batch endpoint)'
  console.log(
    `  ${String(hops).padStart(5)} hops${kind}  ${requests} requests (${(requests / hops).toFixed(3)} per hop), ${refused} refused (${((100 * refused) / requests).toFixed(1)}%), ${(wallMs / 1000).toFixed(2)} s vs ${bound.toFixed(2)} s → ${(wallMs / 1000 / bound).toFixed(3)}× (target ≤ 1.2×); ${report.hits.length} hits, ${report.reconciliation.balanced ? 'balanced' : 'NOT BALANCED'}`,
  )
}

/** Wall time of `fundtrace --help` as a fresh process, the best of five. */
function helpStartup(): void {
  const built = existsSync(join(ROOT, 'dist/cli/main.js'))
  const argv = built
    ? [join(ROOT, 'bin/fundtrace'), '--help']
    : ['--import', 'tsx', join(ROOT, 'test/support/cli-entry.ts'), '--help']
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'ignore' })
    times.push(performance.now() - started)
  }
  const bare: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' })
    bare.push(performance.now() - started)
  }
  console.log(
    `  fundtrace --help ${Math.min(...times).toFixed(0)} ms (best of 5, ${built ? 'dist/' : 'from source through tsx: run `npm run build` for the shipped figure'}); node -e 0 alone ${Math.min(...bare).toFixed(0)} ms`,
  )
}

export async function runAdaptiveBench(hopsList: number[]): Promise<void> {
  console.log(
    `peel chain behind a local Esplora allowing ${LIMIT} req/s (429 beyond), no --rps, 5 ms latency`,
  )
  for (const hops of hopsList) await peelBehindLimit(hops, 5)
  await peelBehindLimit(hopsList[0] ?? 400, 5, LIMIT, false)
  await peelBehindLimit(hopsList[0] ?? 400, 5, null)
  console.log('\nstart-up')
  helpStartup()
}
