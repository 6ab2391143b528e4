/** Runs the CLI in-process (captured io) or as a child process (for signal tests). */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'
import type { Report } from '../../src/report/types.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url))

export type CliResult = { code: number; stdout: string; stderr: string }

export type RunOptions = {
  env?: Record<string, string | undefined> | undefined
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
  /** Pretend stderr is a terminal (redrawn progress lines). */
  isTTY?: boolean | undefined
}

/** main() with captured stdout/stderr and, unless asked, no progress terminal. */
export async function runCli(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    fetch: options.fetch,
    signal: options.signal,
  })
  return { code, stdout, stderr }
}

export type SpawnedCli = {
  child: ChildProcess
  /** Resolves when the child exits: its code (null when killed) and signal. */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>
  /** Everything written to stderr so far. */
  stderr(): string
}

/** `node --import tsx test/support/cli-entry.ts ...argv`: the real process, real signals. */
export function spawnCli(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined> } = {},
): SpawnedCli {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject)
      child.once('close', (code, signal) =>
        resolve({ code: code ?? -1, signal, stdout, stderr }),
      )
    },
  )
  return { child, done, stderr: () => stderr }
}

export type ScenarioCase = {
  scenario: string
  seedTxid: string
  victims: string[]
}

/** `trace` argv for a fixtures/esplora scenario against `url`. */
export function traceArgv(
  scenario: ScenarioCase,
  url: string,
  extra: readonly string[] = [],
): string[] {
  return [
    'trace',
    '--tx',
    scenario.seedTxid,
    ...scenario.victims.flatMap((victim) => ['--victim', victim]),
    '--labels',
    `${ROOT}fixtures/esplora/${scenario.scenario}/labels.csv`,
    '--no-bundled-labels',
    '--min-amount',
    '0',
    '--no-progress',
    '--esplora-url',
    url,
    ...extra,
  ]
}

export function readReport(outDir: string): Report {
  return JSON.parse(readFileSync(`${outDir}/report.json`, 'utf8')) as Report
}

/**
 * A report minus what legitimately differs between runs: time, request
 * counts, and that a replay says it is one (what it says is tested apart).
 */
export function comparable(report: Report): unknown {
  const { generatedAt: _time, sources: _sources, stats, ...rest } = report
  const { replay: _replay, ...provenance } = report.provenance ?? {}
  return {
    ...rest,
    provenance: Object.keys(provenance).length > 0 ? provenance : undefined,
    stats: { ...stats, requests: 0 },
  }
}
