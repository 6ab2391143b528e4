/** The terminal summary of the bundled cases fits 100 columns; --full prints every hash whole. */
import { describe, expect, test } from 'vitest'
import { readReport, runCli } from './support/run-cli.js'

const CASES = [
  {
    name: 'satoshi-hal',
    argv: [
      '--replay',
      'fixtures/cases/satoshi-hal',
      '--tx',
      'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1',
    ],
  },
  {
    name: 'demo-peel-chain',
    argv: [
      '--replay',
      'fixtures/cases/demo-peel-chain',
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

/** Every hash and address the summary names, as the report spells it. */
function namedValues(dir: string): string[] {
  const report = readReport(dir)
  return [
    ...report.hits.flatMap((h) => [h.address, ...h.txHashes.slice(0, 1)]),
    ...report.atRest.flatMap((a) => [
      a.txHash,
      ...(a.address ? [a.address] : []),
    ]),
  ]
}

describe.each(CASES)('$name', ({ argv }) => {
  test('every summary line is at most 100 columns; --full gives whole hashes', async () => {
    const { code, stdout, stderr } = await runCli([
      'trace',
      ...argv,
      '--no-progress',
    ])
    expect(code, stderr).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines)
      expect([...line].length, line).toBeLessThanOrEqual(100)
    expect(stdout).toContain('--full prints them whole')

    const full = await runCli(['trace', ...argv, '--no-progress', '--full'])
    expect(full.code, full.stderr).toBe(0)
    const replayDir = argv[1] ?? ''
    const values = namedValues(replayDir)
    expect(values.length).toBeGreaterThan(0)
    for (const value of values) {
      expect(full.stdout).toContain(value)
      // Shortened in the default summary: its head and tail, not the whole.
      if (value.length <= 21) continue
      expect(stdout).not.toContain(value)
      expect(stdout).toContain(`${value.slice(0, 10)}…${value.slice(-8)}`)
    }
    expect(full.stdout).not.toContain('…')
  })
})
