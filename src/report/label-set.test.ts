import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { LabelSet } from '../labels/label-set.js'
import { LABELS_INDEX, labelSetFiles, readBundleLabelSet } from './label-set.js'
import { TamperedBundleError } from './verify-bundle.js'

const EVM = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
const KRAKEN = `chain,address,entity,category\nethereum,${EVM},Kraken,exchange\n`

const SET: LabelSet = {
  builtIn: false,
  files: [
    { name: '/home/officer/case 17/My Labels (v2).csv', text: KRAKEN },
    { name: 'ofac.csv', text: `${KRAKEN}# é ünïcode\n` },
  ],
}

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-label-set-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let n = 0

/** The files labelSetFiles makes, written into a fresh folder. */
function bundleOf(files: Map<string, string>): string {
  const dir = join(tmp, String(++n))
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

test('the set written and read back: same switch, names as given, same text', async () => {
  const files = labelSetFiles(SET)
  // Only a safe file name inside labels/; the folder it came from stays in the index.
  expect([...files.keys()]).toEqual([
    'labels/1-My_Labels__v2_.csv',
    'labels/2-ofac.csv',
    LABELS_INDEX,
  ])
  expect(await readBundleLabelSet(bundleOf(files))).toEqual(SET)
})

test('a bundle written before bundles carried labels has none', async () => {
  expect(
    await readBundleLabelSet(bundleOf(new Map([['report.json', '{}']]))),
  ).toBeUndefined()
})

const broken: { name: string; change: (files: Map<string, string>) => void }[] =
  [
    {
      name: 'a label file edited after the trace',
      change: (f) => f.set('labels/2-ofac.csv', `${KRAKEN}\nextra`),
    },
    {
      name: 'a label file removed',
      change: (f) => f.delete('labels/1-My_Labels__v2_.csv'),
    },
    {
      name: 'an index pointing outside labels/',
      change: (f) =>
        f.set(
          LABELS_INDEX,
          JSON.stringify({
            version: 1,
            builtIn: true,
            files: [{ path: 'labels/../report.json', name: 'x', sha256: '0' }],
          }),
        ),
    },
    {
      name: 'an index that is not JSON',
      change: (f) => f.set(LABELS_INDEX, '{'),
    },
    {
      name: 'an index without the built-in switch',
      change: (f) => f.set(LABELS_INDEX, JSON.stringify({ files: [] })),
    },
  ]

describe('a label set that is not what the trace used is refused', () => {
  test.each(broken)('$name', async ({ change }) => {
    const files = labelSetFiles(SET)
    change(files)
    await expect(readBundleLabelSet(bundleOf(files))).rejects.toThrow(
      TamperedBundleError,
    )
  })
})
