/** The bundled evidence cases replay offline to the report they were recorded with. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { utc } from '../src/core/time.js'
import type { Report } from '../src/report/types.js'
import { comparable, runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-replay-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const CASES = [
  {
    dir: 'fixtures/cases/satoshi-hal',
    // README's first command: the real 2009 P2PK chain, output 1 taken as stolen
    argv: [
      '--tx',
      'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1',
    ],
  },
  {
    dir: 'fixtures/cases/demo-peel-chain',
    argv: [
      '--tx',
      '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210',
      '--victim',
      'bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u',
      '--labels',
      'fixtures/cases/demo-peel-chain.labels.csv',
      '--no-bundled-labels',
    ],
  },
]

test.each(CASES)('$dir replays to the same report, offline', async (c) => {
  const out = join(tmp, c.dir.replaceAll('/', '_'))
  const failingFetch = () => Promise.reject(new Error('network used'))
  const { code, stderr } = await runCli(
    ['trace', '--replay', c.dir, ...c.argv, '--out', out, '--no-progress'],
    { fetch: failingFetch },
  )
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const read = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report
  const replayed = read(out)
  expect(comparable(replayed)).toEqual(comparable(read(c.dir)))
  expect(replayed.sources[0]?.requests).toBe(0)
  expect(replayed.reconciliation.balanced).toBe(true)
  // The cover says it is a replay, and of evidence recorded when.
  const recorded = read(c.dir).sources[0]?.firstRetrievedAt
  expect(recorded).toMatch(/^\d{4}-\d\d-\d\dT/)
  expect(replayed.provenance?.replay).toEqual({ recordedAt: recorded })
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
    `Replayed offline from evidence recorded ${utc(recorded)}`,
  )
})

test('a replay without --labels uses the label files its bundle carries: same hits, same report', async () => {
  const demo = CASES[1]!
  const first = join(tmp, 'labels-carried-1')
  const second = join(tmp, 'labels-carried-2')
  const failingFetch = () => Promise.reject(new Error('network used'))
  const run = (argv: string[]) =>
    runCli(['trace', ...argv, '--no-progress'], { fetch: failingFetch })
  expect(
    (await run(['--replay', demo.dir, ...demo.argv, '--out', first])).code,
  ).toBe(0)
  const seeds = demo.argv.slice(0, 4)
  const again = await run(['--replay', first, ...seeds, '--out', second])
  expect(again.stderr).toBe('')
  expect(again.code).toBe(0)
  const read = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report
  expect(
    read(second)
      .hits.map((h) => h.entity)
      .sort(),
  ).toEqual(['Binance', 'Kraken'])
  expect(comparable(read(second))).toEqual(comparable(read(first)))
  expect(readFileSync(join(second, 'labels/labels.json'), 'utf8')).toContain(
    '"builtIn": false',
  )
})

test('the demo case is marked synthetic, recorded and replayed, and links no public explorer', async () => {
  const demo = CASES[1]!
  const out = join(tmp, 'demo-synthetic')
  const failingFetch = () => Promise.reject(new Error('network used'))
  const { code } = await runCli(
    [
      'trace',
      '--replay',
      demo.dir,
      ...demo.argv,
      '--out',
      out,
      '--no-progress',
    ],
    { fetch: failingFetch },
  )
  expect(code).toBe(0)
  for (const dir of [demo.dir, out]) {
    const report = JSON.parse(
      readFileSync(join(dir, 'report.json'), 'utf8'),
    ) as Report
    expect(report.provenance?.synthetic).toBe(true)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain(
      'Synthetic demonstration case — these transactions do not exist on the real chain.',
    )
    // The one link left is the bundle's own explorer page, never a public chain explorer.
    expect(html.replace(/href="explore.html"/g, '')).not.toMatch(/href=/)
    expect(readFileSync(join(dir, 'hops.csv'), 'utf8')).not.toContain(
      'mempool.space',
    )
    for (const letter of ['kraken.txt', 'binance.txt']) {
      const text = readFileSync(join(dir, 'freeze-requests', letter), 'utf8')
      expect(text.split('\n')[0]).toMatch(/^SYNTHETIC DEMONSTRATION CASE/)
      expect(text).not.toContain('mempool.space')
    }
  }
})

test('a live recording (satoshi-hal) carries no provenance: nothing is marked', async () => {
  const satoshi = CASES[0]!
  const report = JSON.parse(
    readFileSync(join(satoshi.dir, 'report.json'), 'utf8'),
  ) as Report
  expect(report.provenance).toBeUndefined()
})
