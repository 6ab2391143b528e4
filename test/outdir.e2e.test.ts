/** `--out`: refused before any network work when unusable, and replaced whole, never mixed. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { listFiles } from '../src/report/sums.js'
import { ROOT, runCli } from './support/run-cli.js'

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

describe('`--out .`: the folder the user stands in', () => {
  const absolute = (args: string[]) =>
    args.map((a) => (a.startsWith('fixtures/') ? join(ROOT, a) : a))

  test('is kept (same folder, still listable) and its contents replaced whole', async () => {
    const dir = place('dot', (p) => mkdirSync(p))
    const inode = statSync(dir).ino
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const first = await runCli([
        'trace',
        ...absolute(PEEL),
        '--redact-victim',
        '--out',
        '.',
        '--no-progress',
      ])
      expect(first.code, first.stderr).toBe(0)
      expect(existsSync('victim-copy')).toBe(true)
      const second = await runCli([
        'trace',
        ...absolute(SATOSHI),
        '--out',
        '.',
        '--no-progress',
      ])
      expect(second.code, second.stderr).toBe(0)
      // Seen from the shell that ran it: the folder it stands in holds the report.
      expect(readdirSync('.')).toContain('report.json')
      expect(existsSync('victim-copy')).toBe(false)
      expect(readdirSync('.').filter((n) => n.includes('fundtrace-'))).toEqual(
        [],
      )
      expect(statSync(dir).ino).toBe(inode)
      expect((await runCli(['verify', '.'])).code).toBe(0)
    } finally {
      process.chdir(cwd)
    }
    expect(readdirSync(tmp).filter((n) => n.includes('fundtrace-'))).toEqual([])
  })
})

describe('batch case folders follow the --out rules', () => {
  const CASES = 'fixtures/cases/satoshi-hal.cases.csv'
  const batchArgv = (out: string) => [
    'batch',
    CASES,
    '--replay',
    'fixtures/cases/satoshi-hal',
    '--out',
    out,
    '--no-progress',
  ]

  test.each([
    {
      what: 'a file',
      setup: (caseDir: string) => writeFileSync(caseDir, 'mine'),
      message: /satoshi-hal: is a file/,
    },
    {
      what: 'a non-empty folder that is no bundle',
      setup: (caseDir: string) => {
        mkdirSync(caseDir)
        writeFileSync(join(caseDir, 'thesis.docx'), 'mine')
      },
      message: /satoshi-hal: folder is not empty and holds no fundtrace report/,
    },
  ])('a case folder that is $what is refused, exit 2, and kept', async (c) => {
    const out = place(`batch-${c.what.replace(/\W+/g, '-')}`, mkdirSync)
    const caseDir = join(out, 'satoshi-hal')
    c.setup(caseDir)
    const before = statSync(caseDir).isFile()
      ? readFileSync(caseDir, 'utf8')
      : readdirSync(caseDir)
    const { code, stderr } = await runCli(batchArgv(out))
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(c.message)
    expect(
      statSync(caseDir).isFile()
        ? readFileSync(caseDir, 'utf8')
        : readdirSync(caseDir),
    ).toEqual(before)
  })

  test('an unfinished earlier case folder is replaced whole', async () => {
    const out = join(tmp, 'batch-rerun')
    expect((await runCli(batchArgv(out))).code).toBe(0)
    const caseDir = join(out, 'satoshi-hal')
    // Unfinished (no done marker), with a file the new run does not write.
    rmSync(join(caseDir, 'done'))
    writeFileSync(join(caseDir, 'report.pdf'), 'old pdf')
    const again = await runCli(batchArgv(out))
    expect(again.code, again.stderr).toBe(0)
    expect(existsSync(join(caseDir, 'report.pdf'))).toBe(false)
    expect(existsSync(join(caseDir, 'done'))).toBe(true)
    expect(readdirSync(out).filter((n) => n.includes('fundtrace-'))).toEqual([])
  })
})
