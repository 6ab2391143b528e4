/** Every "Examples:" line of every --help that needs no network runs as pasted from the repo root. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-help-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

// In run order: a trace writes the folder `report` re-renders, an import fills the db lookups read.
const COMMANDS = [
  ['case', 'init'],
  ['trace'],
  ['report'],
  ['verify'],
  ['labels'],
  ['labels', 'import'],
  ['labels', 'lookup'],
  ['labels', 'list'],
  ['labels', 'stats'],
  ['batch'],
]

/** The `fundtrace ...` lines of the help's Examples block. */
function examples(help: string): string[] {
  const block = help.split(/^Examples[^\n]*:\n/m)[1] ?? ''
  const lines: string[] = []
  for (const line of block.split('\n')) {
    if (!line.startsWith('  fundtrace ')) break
    lines.push(line.trim())
  }
  return lines
}

/** Placeholders (<txid>, 0x...), an API key or a file the repo does not have: needs a real case. */
function offline(example: string): boolean {
  if (/[<>]|\.\.\.|=/.test(example)) return false
  const args = example.split(' ').slice(1)
  if (args[0] === 'trace' && !args.includes('--replay')) return false
  return args
    .filter((a) => /\.(csv|jsonl)$/.test(a) || a.startsWith('fixtures/'))
    .every((a) => existsSync(a))
}

const helps = await Promise.all(
  COMMANDS.map(async (command) => ({
    command: command.join(' '),
    ...(await runCli([...command, '--help'])),
  })),
)

describe('--help', () => {
  test.each(helps)('$command has an Examples block', (help) => {
    expect(help.code).toBe(0)
    expect(examples(help.stdout).length).toBeGreaterThan(0)
  })

  test('trace examples use full txids', () => {
    const trace = helps.find((h) => h.command === 'trace')?.stdout ?? ''
    expect(trace).not.toMatch(/--tx [0-9a-f]{4,63}\.\.\./)
  })
})

const runnable = [
  ...new Set(helps.flatMap((h) => examples(h.stdout).filter(offline))),
]

test('most examples are runnable offline', () => {
  expect(runnable.length).toBeGreaterThanOrEqual(12)
})

test.each(runnable)('%s', { timeout: 60_000 }, async (example) => {
  const argv = example
    .split(' ')
    .slice(1)
    .map((a) =>
      a.startsWith('out/') || a.endsWith('.yaml') ? join(tmp, a) : a,
    )
  const failingFetch = () => Promise.reject(new Error('network used'))
  // Progress bars are for terminals; only trace and batch draw them.
  const quiet = ['trace', 'batch'].includes(argv[0] ?? '')
    ? ['--no-progress']
    : []
  const { code, stderr } = await runCli([...argv, ...quiet], {
    fetch: failingFetch,
    env: { HOME: tmp },
  })
  expect(stderr).not.toMatch(/internal error/)
  expect(code).toBe(0)
})
