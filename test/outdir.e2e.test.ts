/** `--out`: refused before any network work when unusable, and replaced whole, never mixed. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { listFiles } from '../src/report/sums.js'
import { runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-outdir-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const SATOSHI = [
  '--replay',
  'fixtures/cases/satoshi-hal',
  '--tx',
  'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1',
]
const PEEL = [
  '--replay',
  'fixtures/cases/demo-peel-chain',
  '--tx',
  '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210',
  '--victim',
  'bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u',
  '--labels',
  'fixtures/cases/demo-peel-chain.labels.csv',
  '--no-bundled-labels',
]

function place(name: string, setup: (path: string) => void): string {
  const path = join(tmp, name)
  setup(path)
  return path
}

describe('an unusable --out is exit 2 before any request', () => {
  const cases = [
    {
      what: 'a file',
      out: () => place('a-file', (p) => writeFileSync(p, 'x')),
      message: /is a file/,
    },
    {
      what: 'a path under a file',
      out: () =>
        join(
          place('parent-file', (p) => writeFileSync(p, 'x')),
          'sub',
          'out',
        ),
      message: /parent of it is a file/,
    },
    {
      what: 'a non-empty folder that is no bundle',
      out: () =>
        place('foreign', (p) => {
          mkdirSync(p)
          writeFileSync(join(p, 'thesis.docx'), 'mine')
        }),
      message: /holds no fundtrace report/,
    },
  ]
  test.each(cases)('$what', async (c) => {
    const out = c.out()
    let requests = 0
    const fetch = () => {
      requests++
      return Promise.reject(new Error('network used'))
    }
    const { code, stdout, stderr } = await runCli(
      [
        'trace',
        '--tx',
        'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16',
        '--esplora-url',
        'http://127.0.0.1:9',
        '--no-progress',
        '--out',
        out,
      ],
      { fetch },
    )
    expect(code).toBe(2)
    expect(requests).toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(c.message)
    if (c.what.includes('no bundle'))
      expect(await readdir(out)).toEqual(['thesis.docx'])
  })

  test('an empty folder is fine', async () => {
    const out = place('empty', (p) => mkdirSync(p))
    const { code } = await runCli([
      'trace',
      ...SATOSHI,
      '--out',
      out,
      '--no-progress',
    ])
    expect(code).toBe(0)
    expect(existsSync(join(out, 'report.json'))).toBe(true)
  })
})

describe('a folder with an earlier bundle is replaced whole', () => {
  test('no victim copy, freeze letter or evidence of the earlier case survives', async () => {
    const out = join(tmp, 'reused')
    const first = await runCli([
      'trace',
      ...PEEL,
      '--redact-victim',
      '--out',
      out,
      '--no-progress',
    ])
    expect(first.code).toBe(0)
    expect(existsSync(join(out, 'victim-copy', 'report.json'))).toBe(true)
    expect(existsSync(join(out, 'freeze-requests'))).toBe(true)
    writeFileSync(join(out, 'report.pdf'), 'old pdf')

    const second = await runCli([
      'trace',
      ...SATOSHI,
      '--out',
      out,
      '--no-progress',
    ])
    expect(second.code).toBe(0)
    const { files } = await listFiles(out)
    expect(files.filter((f) => f.startsWith('victim-copy/'))).toEqual([])
    expect(files.filter((f) => f.startsWith('freeze-requests/'))).toEqual([])
    expect(files).not.toContain('report.pdf')
    // Exactly the recorded evidence of this case, nothing of the peel chain.
    const expected = (await listFiles('fixtures/cases/satoshi-hal')).files
    expect(files.filter((f) => f.startsWith('evidence/'))).toEqual(
      expected.filter((f) => f.startsWith('evidence/')),
    )
    const sums = readFileSync(join(out, 'MANIFEST.sha256'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('  ')[1])
    expect(sums).toEqual(files.filter((f) => f !== 'MANIFEST.sha256'))
    expect((await runCli(['verify', out])).code).toBe(0)
    // No temporary siblings are left beside the folder.
    expect(
      (await readdir(tmp)).filter((n) => n.includes('fundtrace-')),
    ).toEqual([])
  })

  test('`report DIR` re-renders in place and keeps its evidence', async () => {
    const out = join(tmp, 'rerender')
    expect(
      (await runCli(['trace', ...SATOSHI, '--out', out, '--no-progress'])).code,
    ).toBe(0)
    const before = (await listFiles(out)).files
    const again = await runCli(['report', out])
    expect(again.code).toBe(0)
    expect((await listFiles(out)).files).toEqual(before)
    expect((await runCli(['verify', out])).code).toBe(0)
  })
})
