import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { evmSampleReport } from '../../../test/support/sample-report.js'
import { type LabelSet, labelsOfFiles } from '../../labels/label-set.js'
import { labelsOf, traceOptionsOf, watchLabels } from './trace-again.js'

const EVM = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-watch-labels-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const GIVEN = join(tmp, 'given.csv')
writeFileSync(
  GIVEN,
  `chain,address,entity,category,source\nethereum,${EVM},Bybit,exchange,given\n`,
)

const CARRIED: LabelSet = {
  builtIn: false,
  files: [
    {
      name: 'mine.csv',
      text: `chain,address,entity,category,source\nethereum,${EVM},Kraken,exchange,mine\n`,
    },
  ],
}

const cases: {
  name: string
  carried: LabelSet | undefined
  flags: { labelFiles?: string[]; bundledLabels?: boolean }
  builtIn: boolean
  files: string[]
  entities: string[]
}[] = [
  {
    name: "the bundle's own set, as the trace used it",
    carried: CARRIED,
    flags: {},
    builtIn: false,
    files: ['mine.csv'],
    entities: ['Kraken'],
  },
  {
    name: '--labels replaces the files, the switch stays',
    carried: CARRIED,
    flags: { labelFiles: [GIVEN] },
    builtIn: false,
    files: [GIVEN],
    entities: ['Bybit'],
  },
  {
    name: 'a switch given explicitly wins',
    carried: CARRIED,
    flags: { bundledLabels: true },
    builtIn: true,
    files: ['mine.csv'],
    entities: ['Kraken'],
  },
  {
    name: 'an older bundle: the labels its report cites, as a file of their own',
    carried: undefined,
    flags: {},
    builtIn: true,
    files: ['cited-labels.csv'],
    entities: ['Binance', '=HYPERLINK("http://x","y")'],
  },
  {
    name: 'an older bundle with --labels: both',
    carried: undefined,
    flags: { labelFiles: [GIVEN], bundledLabels: false },
    builtIn: false,
    files: [GIVEN, 'cited-labels.csv'],
    entities: ['Bybit', 'Binance', '=HYPERLINK("http://x","y")'],
  },
]

test.each(cases)('$name', ({ carried, flags, builtIn, files, entities }) => {
  const report = evmSampleReport()
  const { set, labels } = watchLabels(report, carried, flags)
  expect(set.builtIn).toBe(builtIn)
  expect(set.files.map((f) => f.name)).toEqual(files)
  expect(labels.map((l) => l.entity)).toEqual(entities)
  // What the trace is given: these labels, this switch, and no file to read again.
  const options = traceOptionsOf(
    report,
    { ...flags, explorer: false },
    {
      set,
      labels,
    },
  )
  expect(options.labels).toBe(labels)
  expect(options.bundledLabels).toBe(builtIn)
  expect(options.labelFiles).toBeUndefined()
})

test("an older bundle's cited labels: used as the report holds them, and the file the revision carries reads back the same", () => {
  const report = evmSampleReport()
  const { set, labels } = watchLabels(report, undefined, {})
  expect(labels).toEqual(labelsOf(report))
  expect(labelsOfFiles(set.files)).toEqual(labelsOf(report))
})
