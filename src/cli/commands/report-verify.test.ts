/** `fundtrace report DIR` and `fundtrace verify DIR`, driven through commander as main() does. */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import { afterAll, describe, expect, test } from 'vitest'
import { sampleReport } from '../../../test/support/sample-report.js'
import { BaseError } from '../../core/errors.js'
import { writeReportBundles } from '../../report/bundles.js'
import { SUMS_FILE } from '../../report/sums.js'
import { registerReportCommand } from './report.js'
import { registerVerifyCommand } from './verify.js'

/** The same exit-code mapping as src/cli/main.ts. */
async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  let code = 0
  const io = {
    stdout: (t: string) => {
      stdout += t
    },
    stderr: (t: string) => {
      stderr += t
    },
    env: {},
    isTTY: false,
  }
  const program = new Command('fundtrace').exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
  })
  registerVerifyCommand(program, io, (c) => {
    code = c
  })
  registerReportCommand(program, io, (c) => {
    code = c
  })
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (err) {
    if (err instanceof CommanderError) code = 2
    else if (err instanceof BaseError) {
      code = err.exitCode
      stderr += `fundtrace: ${err.shortMessage}\n`
    } else throw err
  }
  return { code, stdout, stderr }
}

const dirs: string[] = []
async function bundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-cli-report-'))
  dirs.push(dir)
  await writeReportBundles(sampleReport(), {
    outDir: dir,
    evidence: [{ key: 'cd'.repeat(32), json: '{"status":200}\n' }],
  })
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('fundtrace verify', () => {
  test('exit 0 on an untouched bundle', async () => {
    const dir = await bundle()
    const out = await cli(['verify', dir])
    expect(out).toMatchObject({ code: 0, stderr: '' })
    expect(out.stdout).toMatch(/^OK: \d+ files match MANIFEST\.sha256\n$/)
  })
  test('exit 1 with one line per problem', async () => {
    const dir = await bundle()
    await writeFile(join(dir, 'report.json'), '{}')
    await rm(join(dir, 'hops.csv'))
    await writeFile(join(dir, 'extra\u001b[31m.txt'), 'x')
    const out = await cli(['verify', dir])
    expect(out.code).toBe(1)
    expect(out.stdout.trimEnd().split('\n')).toEqual([
      'missing: hops.csv',
      'changed: report.json',
      'extra: extra\ufffd[31m.txt',
    ])
  })
  test('exit 2 for a folder that does not exist', async () => {
    const out = await cli(['verify', '/nonexistent/fundtrace-dir'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('no such folder')
  })
})

describe('fundtrace report', () => {
  test('re-renders byte-identical outputs from report.json and evidence', async () => {
    const dir = await bundle()
    const before = await readFile(join(dir, SUMS_FILE), 'utf8')
    await rm(join(dir, 'report.html'))
    await rm(join(dir, 'graph.gexf'))
    const out = await cli(['report', dir])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain(`fundtrace verify ${dir}`)
    expect(await readFile(join(dir, SUMS_FILE), 'utf8')).toBe(before)
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test('--redact-victim adds a victim copy covered by the manifest', async () => {
    const dir = await bundle()
    const out = await cli(['report', dir, '--redact-victim'])
    expect(out.code).toBe(0)
    const html = await readFile(join(dir, 'victim-copy', 'report.html'), 'utf8')
    expect(html).toContain('VICTIM COPY')
    expect(await readFile(join(dir, SUMS_FILE), 'utf8')).toContain(
      'victim-copy/report.html',
    )
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test('re-rendering a victim copy keeps it a victim copy', async () => {
    const dir = await bundle()
    await cli(['report', dir, '--redact-victim'])
    const victim = join(dir, 'victim-copy')
    expect((await cli(['report', victim])).code).toBe(0)
    const html = await readFile(join(victim, 'report.html'), 'utf8')
    expect(html).toContain('VICTIM COPY')
  })
  test('--pdf without Chromium: exact message, exit 1, the rest still written', async () => {
    const dir = await bundle()
    await rm(join(dir, 'report.html'))
    const out = await cli([
      'report',
      dir,
      '--pdf',
      '--chromium',
      '/nonexistent/chromium',
    ])
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(
      'fundtrace: Chromium not found; install it, or open report.html and print it\n',
    )
    expect(existsSync(join(dir, 'report.html'))).toBe(true)
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test.each([
    [
      'a missing field',
      (r: Record<string, unknown>) => delete r.hits,
      /report schema: hits: must have required property 'hits'/,
    ],
    [
      'a bad amount',
      (r: Record<string, unknown>) => {
        const rec = r.reconciliation as Record<string, { amountBase: string }>
        rec.stolen!.amountBase = '1.5'
      },
      /reconciliation\.stolen\.amountBase/,
    ],
    [
      'an unknown field',
      (r: Record<string, unknown>) => {
        r.surprise = 1
      },
      /surprise/,
    ],
  ])(
    '%s in report.json is a usage error naming the field',
    async (_n, edit, field) => {
      const dir = await bundle()
      const report = JSON.parse(
        await readFile(join(dir, 'report.json'), 'utf8'),
      )
      edit(report)
      await writeFile(join(dir, 'report.json'), JSON.stringify(report))
      const out = await cli(['report', dir])
      expect(out.code).toBe(2)
      expect(out.stderr).toMatch(field)
    },
  )
  test('not JSON, or no report.json, is a usage error', async () => {
    const dir = await bundle()
    await writeFile(join(dir, 'report.json'), '{nope')
    expect(await cli(['report', dir])).toMatchObject({ code: 2 })
    await rm(join(dir, 'report.json'))
    const out = await cli(['report', dir])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('not found')
  })
})
