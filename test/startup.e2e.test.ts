/**
 * `--help`, `--version` and every subcommand's `--help` must start at once:
 * they load no chain library, store or validator. Checked by the modules the
 * process really resolves (test/support/module-log.mjs), not by timing.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { ROOT } from './support/run-cli.js'

const ENTRY = fileURLToPath(new URL('./support/cli-entry.ts', import.meta.url))
const LOGGER = fileURLToPath(
  new URL('./support/module-log.mjs', import.meta.url),
)
const HEAVY =
  /node_modules\/(viem|ox|abitype|bitcoinjs-lib|better-sqlite3|zod|graphology[^/]*|@noble\/[^/]+|yaml|p-limit|env-paths)\//
const dir = mkdtempSync(join(tmpdir(), 'fundtrace-startup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function loadedBy(argv: string[], log: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', LOGGER, ENTRY, ...argv],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, FUNDTRACE_MODULE_LOG: log },
      stdio: 'ignore',
    },
  )
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve(code ?? -1))
  })
}

describe('start-up loads no chain library', () => {
  test.concurrent.each(
    [
      ['--help'],
      ['--version'],
      ['trace', '--help'],
      ['batch', '--help'],
      ['labels', '--help'],
      ['labels', 'import', '--help'],
      ['labels', 'lookup', '--help'],
      ['case', '--help'],
      ['report', '--help'],
      ['verify', '--help'],
    ].map((argv) => ({ argv, shown: argv.join(' ') })),
  )('fundtrace $shown', async ({ argv }) => {
    const log = join(dir, `${argv.join('_')}.log`)
    expect(await loadedBy(argv, log)).toBe(0)
    const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    // The hook saw the CLI itself: an empty log would prove nothing.
    expect(urls.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true)
    expect(urls.filter((url) => HEAVY.test(url))).toEqual([])
  })
})
