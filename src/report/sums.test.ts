import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { sampleReport } from '../../test/support/sample-report.js'
import { writeReportBundle } from './bundle.js'
import { writeReportBundles } from './bundles.js'
import { CHROMIUM_NOT_FOUND, ChromiumNotFoundError } from './pdf.js'
import {
  listFiles,
  parseSums,
  SUMS_FILE,
  sumsLine,
  verifySums,
} from './sums.js'

const dirs: string[] = []
async function bundle(redactVictim = false): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-sums-'))
  dirs.push(dir)
  await writeReportBundles(sampleReport(), {
    outDir: dir,
    redactVictim,
    evidence: [{ key: 'ab'.repeat(32), json: '{"status":200}\n' }],
  })
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('MANIFEST.sha256', () => {
  test('lists every file in the folder except itself, sha256sum style', async () => {
    const dir = await bundle(true)
    const text = await readFile(join(dir, SUMS_FILE), 'utf8')
    const { entries, malformed } = parseSums(text)
    expect(malformed).toEqual([])
    const { files } = await listFiles(dir)
    expect(entries.map((e) => e.path)).toEqual(
      files.filter((f) => f !== SUMS_FILE),
    )
    // The whole bundle, by name: the victim copy has its own manifest and no
    // evidence folder.
    expect(entries.map((e) => e.path)).toEqual([
      'at-rest.csv',
      'endpoints.csv',
      'evidence/ab/abababababababababababababababababababababababababababababababab.json',
      'explore.html',
      'freeze-requests/binance.txt',
      'freeze-requests/script-alert-1-script.txt',
      'graph.dot',
      'graph.gexf',
      'graph.graphml',
      'hits.csv',
      'hops.csv',
      'manifest.json',
      'report.html',
      'report.json',
      'unexplored.csv',
      'victim-copy/MANIFEST.sha256',
      'victim-copy/at-rest.csv',
      'victim-copy/endpoints.csv',
      'victim-copy/explore.html',
      'victim-copy/freeze-requests/binance.txt',
      'victim-copy/freeze-requests/script-alert-1-script.txt',
      'victim-copy/graph.dot',
      'victim-copy/graph.gexf',
      'victim-copy/graph.graphml',
      'victim-copy/hits.csv',
      'victim-copy/hops.csv',
      'victim-copy/manifest.json',
      'victim-copy/report.html',
      'victim-copy/report.json',
      'victim-copy/unexplored.csv',
    ])
    for (const line of text.trimEnd().split('\n'))
      expect(line).toMatch(/^[0-9a-f]{64} {2}\S+$/)
  })
  test.skipIf(!existsSync('/usr/bin/sha256sum'))(
    'sha256sum -c accepts it',
    async () => {
      const dir = await bundle()
      const out = execFileSync('sha256sum', ['-c', '--strict', SUMS_FILE], {
        cwd: dir,
        encoding: 'utf8',
      })
      expect(out).toContain('report.json: OK')
    },
  )
  test('verifies clean', async () => {
    const dir = await bundle(true)
    const result = await verifySums(dir)
    expect(result.problems).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.checked).toBeGreaterThan(20)
  })
  test('reports changed, missing and extra files, one problem each', async () => {
    const dir = await bundle()
    await writeFile(join(dir, 'hits.csv'), 'venue\r\nnobody\r\n')
    await unlink(join(dir, 'graph.dot'))
    await writeFile(join(dir, 'note.txt'), 'added later')
    const result = await verifySums(dir)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([
      { kind: 'missing', path: 'graph.dot' },
      { kind: 'changed', path: 'hits.csv' },
      { kind: 'extra', path: 'note.txt' },
    ])
  })
  test('a missing or malformed manifest is a problem, not a crash', async () => {
    const dir = await bundle()
    const sums = join(dir, SUMS_FILE)
    await writeFile(sums, `${await readFile(sums, 'utf8')}not a line\n`)
    const bad = await verifySums(dir)
    expect(bad.problems.map((p) => p.kind)).toEqual(['malformed'])
    await unlink(sums)
    expect((await verifySums(dir)).problems).toEqual([
      { kind: 'missing', path: SUMS_FILE },
    ])
  })
  test('paths escaping the folder are refused', async () => {
    const dir = await bundle()
    await writeFile(join(dir, SUMS_FILE), `${'0'.repeat(64)}  ../outside\n`)
    const result = await verifySums(dir)
    expect(result.problems).toContainEqual({
      kind: 'unsafe',
      path: '../outside',
    })
  })
})

describe('sumsLine / parseSums', () => {
  test.each([
    ['report.json', `${'a'.repeat(64)}  report.json\n`],
    ['odd\\name', `\\${'a'.repeat(64)}  odd\\\\name\n`],
    ['new\nline', `\\${'a'.repeat(64)}  new\\nline\n`],
  ])('%j round-trips', (path, line) => {
    expect(sumsLine('a'.repeat(64), path)).toBe(line)
    expect(parseSums(line).entries).toEqual([{ sha256: 'a'.repeat(64), path }])
  })
})

describe('--pdf without Chromium', () => {
  test('writes the rest of the bundle, then fails with the exact message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-nopdf-'))
    dirs.push(dir)
    const err = await writeReportBundle(sampleReport(), {
      outDir: dir,
      audience: 'police',
      pdf: true,
      chromium: '/nonexistent/chromium',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ChromiumNotFoundError)
    expect((err as ChromiumNotFoundError).shortMessage).toBe(CHROMIUM_NOT_FOUND)
    expect((err as ChromiumNotFoundError).exitCode).toBe(1)
    expect(existsSync(join(dir, 'report.pdf'))).toBe(false)
    expect((await verifySums(dir)).ok).toBe(true)
    expect(existsSync(join(dir, 'report.html'))).toBe(true)
  })
  test('with --redact-victim both copies are still written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-nopdf-'))
    dirs.push(dir)
    const err = await writeReportBundles(sampleReport(), {
      outDir: dir,
      redactVictim: true,
      pdf: true,
      chromium: '/nonexistent/chromium',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ChromiumNotFoundError)
    expect(existsSync(join(dir, 'victim-copy', 'report.html'))).toBe(true)
    expect((await verifySums(dir)).ok).toBe(true)
  })
})
