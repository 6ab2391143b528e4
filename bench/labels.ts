/**
 * Label store benchmark: builds an SQLite store of generated labels,
 * then prints import time, file size, lookup latency and the end-to-end time
 * of `fundtrace labels lookup` against that store. Default 1,000,000 labels;
 * `--labels-count=10000000` for the full run. Prints figures, asserts nothing.
 *
 *   node --import tsx bench/labels.ts [--labels-count=N]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '../src/cli/main.js'
import { benchLabelStore } from '../src/labels/bench.js'

export type LabelsBenchOptions = {
  count?: number | undefined
  log?: ((line: string) => void) | undefined
}

export type LabelsBenchResult = ReturnType<typeof benchLabelStore> & {
  /** In-process `main(['labels', 'lookup', ...])`: first call, then median of the rest. */
  cliFirstMs: number
  cliMedianMs: number
  /** A fresh `fundtrace` process, Node start-up included; null if it failed. */
  processMs: number | null
  processCommand: string
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// benchLabelStore's generator: label #i sits at this address.
const addressOf = (i: number) => `0x${i.toString(16).padStart(40, '0')}`

export async function runLabelsBench(
  options: LabelsBenchOptions = {},
): Promise<LabelsBenchResult> {
  const count = options.count ?? 1_000_000
  const log = options.log ?? ((line: string) => console.log(line))
  const dir = mkdtempSync(join(tmpdir(), 'fundtrace-labels-bench-'))
  try {
    const store = benchLabelStore({ count, dir })
    const db = join(dir, 'bench-labels.sqlite')
    const address = addressOf(Math.floor(count * 0.737))
    const cli = await timeCli(db, address)
    const proc = timeProcess(db, address)
    const result = { ...store, ...cli, ...proc }
    report(result, log)
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The command as a user runs it: bundled labels plus the store, text output. */
async function timeCli(
  db: string,
  address: string,
): Promise<Pick<LabelsBenchResult, 'cliFirstMs' | 'cliMedianMs'>> {
  const times: number[] = []
  for (let i = 0; i < 11; i++) {
    let out = ''
    const start = performance.now()
    const code = await main(['labels', 'lookup', address, '--db', db], {
      stdout: (s) => {
        out += s
      },
      stderr: () => {},
      env: {},
      isTTY: false,
    })
    times.push(performance.now() - start)
    if (code !== 0 || !out.includes('bench'))
      throw new Error(`labels lookup failed (exit ${code}): ${out}`)
  }
  const [first = 0, ...rest] = times
  rest.sort((a, b) => a - b)
  return { cliFirstMs: first, cliMedianMs: rest[rest.length >> 1] ?? 0 }
}

const ENTRIES = [
  { argv: ['bin/fundtrace'], name: 'node bin/fundtrace (dist)' },
  {
    argv: ['--import', 'tsx', 'test/support/cli-entry.ts'],
    name: 'node --import tsx (source, transpiled at start)',
  },
]

/** A fresh process; the built CLI when it runs, else the source through tsx. */
function timeProcess(
  db: string,
  address: string,
): Pick<LabelsBenchResult, 'processMs' | 'processCommand'> {
  const tried: string[] = []
  for (const entry of ENTRIES) {
    if (entry.argv[0] === 'bin/fundtrace' && !existsSync(join(ROOT, 'dist')))
      continue
    const start = performance.now()
    const run = spawnSync(
      process.execPath,
      [...entry.argv, 'labels', 'lookup', address, '--db', db],
      { cwd: ROOT, encoding: 'utf8' },
    )
    const ms = performance.now() - start
    if (run.status === 0 && run.stdout.includes('bench'))
      return { processMs: ms, processCommand: entry.name }
    tried.push(`${entry.name} failed: ${run.stderr.split('\n')[0] ?? ''}`)
  }
  return { processMs: null, processCommand: tried.join('; ') }
}

function report(r: LabelsBenchResult, log: (line: string) => void): void {
  const mb = (r.bytes / 2 ** 20).toFixed(1)
  log(`labels: generated store of ${r.count.toLocaleString('en')} labels`)
  log(
    `  import            ${(r.importMs / 1000).toFixed(2)} s (${Math.round(r.count / (r.importMs / 1000)).toLocaleString('en')} labels/s)`,
  )
  log(
    `  store size        ${mb} MB (${Math.round(r.bytes / r.count)} bytes/label)`,
  )
  log(
    `  lookup latency    median ${r.lookupMedianUs} µs, p99 ${r.lookupP99Us} µs over ${r.lookupsPerRun} random look-ups`,
  )
  log(
    `  labels lookup     ${r.cliMedianMs.toFixed(1)} ms in-process (first call ${r.cliFirstMs.toFixed(1)} ms; bundled labels + store, text output)`,
  )
  log(
    `  fresh process     ${r.processMs === null ? 'FAILED' : `${r.processMs.toFixed(0)} ms`} — ${r.processCommand}, Node start-up included`,
  )
}

const isMain =
  process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const arg = process.argv.find((a) => a.startsWith('--labels-count='))
  const count = arg ? Number(arg.split('=')[1]) : undefined
  await runLabelsBench({ count })
}
