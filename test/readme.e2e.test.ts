/**
 * The README's example output is what the CLI really prints: each example
 * trace or batch command followed by an output block is run as written
 * (offline, --replay) and its output compared line for line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { ROOT, runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-readme-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

type Example = { argv: string[]; output: string }

/** Each ```sh block holding a `fundtrace trace|batch`, with the plain block after it. */
function examples(readme: string): Example[] {
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? '',
    body: m[2] ?? '',
  }))
  const found: Example[] = []
  blocks.forEach((block, i) => {
    const next = blocks[i + 1]
    if (block.lang !== 'sh' || next?.lang !== '') return
    const command = block.body
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .find((line) => /fundtrace (trace|batch) /.test(line))
    if (!command) return
    const argv = command.slice(command.indexOf('fundtrace ') + 10)
    found.push({ argv: argv.trim().split(/\s+/), output: next.body })
  })
  return found
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const found = examples(readme)

test('the README has example outputs to check, the first trace example first', () => {
  expect(found.length).toBeGreaterThanOrEqual(3)
  expect(found[0]?.argv.slice(0, 3)).toEqual([
    'trace',
    '--replay',
    'fixtures/cases/satoshi-hal',
  ])
  expect(found.some((e) => e.argv[0] === 'batch')).toBe(true)
})

test.each(
  found.map((e, i) => ({
    ...e,
    name: `example ${i + 1}: ${e.argv[0]} ${e.argv[2]}`,
  })),
)('$name prints exactly what the README shows', async ({ argv, output }) => {
  // The bundle goes to a temporary folder; only that path differs.
  const at = argv.indexOf('--out')
  const shownOut = argv[at + 1] ?? ''
  const out = join(tmp, shownOut.replace(/\W+/g, '-'))
  const run = [...argv]
  run.splice(at, 2, '--out', out)
  const { code, stdout, stderr } = await runCli([...run, '--no-progress'])
  expect(code, stderr).toBe(0)
  expect(stdout.split(out).join(shownOut)).toBe(output)
})
