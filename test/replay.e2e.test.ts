/** The bundled evidence cases replay offline to the report they were recorded with. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
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
})
