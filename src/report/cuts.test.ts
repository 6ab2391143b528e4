import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import { type RunOptions, run } from '../../test/support/trace-harness.js'
import { formatSummary } from '../cli/summary.js'
import { buildReport, serializeReport } from './build.js'
import { summarySection } from './html/sections/summary.js'
import type { Report } from './types.js'

const schema = JSON.parse(
  readFileSync(
    new URL('../../schema/report.schema.json', import.meta.url),
    'utf8',
  ),
)
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(schema)

/** S → T → A → exchange, with a dust peel at A and an outside-coin CoinJoin branch. */
const fakes: FakeTx[] = [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 2_000n]],
    outputs: [
      ['T', 1_000n],
      ['J', 1_000n],
    ],
  },
  {
    txid: 'H1',
    height: 101,
    inputs: [['S', 0]],
    outputs: [
      ['A', 985n],
      ['DUST', 5n],
    ],
  },
  { txid: 'H2', height: 102, inputs: [['H1', 0]], outputs: [['EXD', 975n]] },
  {
    txid: 'CJ',
    height: 101,
    inputs: [
      ['S', 1],
      ['o1', 0, 'O1', 1_000n],
      ['o2', 0, 'O2', 1_000n],
    ],
    outputs: [
      ['M1', 990n],
      ['M2', 990n],
      ['M3', 990n],
    ],
  },
]

async function built(options: RunOptions): Promise<Report> {
  const { result } = await run(fakes, {
    labels: [['EXD', 'Binance', 'exchange']],
    ...options,
  })
  return buildReport(result, {
    seeds: [{ kind: 'tx', txid: 'S' }],
    victims: [],
    options: {
      maxHops: options.maxHops ?? 12,
      maxNodes: 2000,
      minAmount: '0.0000001',
      policy: 'haircut',
    },
    generatedAt: '2025-01-01T00:00:00.000Z',
    toolVersion: '0.1.0',
    sources: [],
  })
}

describe('cuts: what was cut, named in report.json, report.html and the summary', () => {
  test.each([
    [
      'a CoinJoin and dust',
      { minAmount: 10n },
      'incomplete',
      [
        ['coinjoin', 'J', '0.00001', 'coinjoin: not followed by design'],
        [
          'min-amount',
          'DUST',
          '0.00000005',
          '--min-amount below 0.0000001 (dust you chose not to follow; the trace stays complete)',
        ],
      ],
    ],
    [
      'max-hops too',
      { maxHops: 2 },
      'incomplete',
      [
        ['coinjoin', 'J', '0.00001', 'coinjoin: not followed by design'],
        ['max-hops', 'A', '0.00000985', '--max-hops N, N above 2'],
      ],
    ],
  ] as const)('%s', async (_name, options, status, cuts) => {
    const report = await built(options)
    expect(report.status).toBe(status)
    expect(
      (report.cuts ?? []).map((c) => [c.reason, c.address, c.amount, c.flag]),
    ).toEqual(expect.arrayContaining(cuts.map((c) => [...c])))
    expect(report.cuts).toHaveLength(cuts.length)
    expect(validate(JSON.parse(serializeReport(report)))).toBe(true)
    const summary = formatSummary(report)
    expect(summary).toContain('INCOMPLETE: the trail was cut')
    for (const c of cuts) expect(summary).toContain(c[3])
    const page1 = summarySection({
      report,
      audience: 'police',
      reportId: 'test',
      bundleSha256: undefined,
      freeze: [],
    })
    expect(page1).toContain('Where the trail was cut')
    expect(page1).toContain('coinjoin: not followed by design')
  })
})
