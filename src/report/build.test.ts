import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import { reconcileOne, run, total } from '../../test/support/trace-harness.js'
import {
  type BuildReportContext,
  buildReport,
  serializeReport,
} from './build.js'
import type { Report } from './types.js'

const schema = JSON.parse(
  readFileSync(
    new URL('../../schema/report.schema.json', import.meta.url),
    'utf8',
  ),
)
// ajv is CommonJS: under NodeNext the default import is module.exports, the class itself.
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
})
const validate = ajv.compile<Report>(schema)

/** Two branches: one pays an exchange and a mixer, one is swept; outside funds merge in. */
const fakes: FakeTx[] = [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 3_003_000n]],
    outputs: [
      ['T1', 1_000_000n],
      ['T2', 2_000_000n],
      ['V', 1_000n],
    ],
  },
  {
    txid: 'M',
    height: 101,
    inputs: [
      ['S', 0],
      ['ext', 0, 'O', 500_000n],
    ],
    outputs: [
      ['EXK', 700_000n],
      ['MIX', 300_000n],
      ['R', 498_000n],
    ],
  },
  {
    txid: 'D',
    height: 102,
    inputs: [['S', 1]],
    outputs: [['DEP', 1_999_000n]],
  },
  {
    txid: 'SW',
    height: 103,
    inputs: [['D', 0]],
    outputs: [['HOT', 1_998_000n]],
  },
]
const labels = [
  ['EXK', 'Kraken', 'exchange'],
  ['MIX', 'Sinbad', 'mixer'],
  ['MIX', 'OFAC', 'sanctioned'],
  ['HOT', 'Binance', 'exchange'],
] as const

function context(policy: 'poison' | 'haircut' | 'fifo'): BuildReportContext {
  return {
    seeds: [{ kind: 'tx', txid: 'S' }],
    victims: ['V'],
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0.00001', policy },
    generatedAt: '2025-01-01T00:00:00.000Z',
    toolVersion: '0.1.0',
    sources: [
      {
        baseUrl: 'https://example.test/api',
        requests: 7,
        cacheHits: 0,
        tipHeight: 1000,
        firstRetrievedAt: '2025-01-01T00:00:00.000Z',
        lastRetrievedAt: '2025-01-01T00:00:01.000Z',
      },
    ],
  }
}

async function report(policy: 'poison' | 'haircut' | 'fifo', delay = 0) {
  const { result } = await run(fakes, {
    policy,
    victims: ['V'],
    labels,
    fake: { delay },
  })
  return { result, report: buildReport(result, context(policy)) }
}

describe('buildReport', () => {
  test.each(['haircut', 'poison', 'fifo'] as const)(
    '%s report validates against the schema',
    async (policy) => {
      const { report: built } = await report(policy)
      const ok = validate(JSON.parse(serializeReport(built)))
      expect(validate.errors ?? []).toEqual([])
      expect(ok).toBe(true)
      expect(built.reconciliation.balanced).toBe(true)
    },
  )

  test('haircut numbers, hit order and formatting', async () => {
    const { report: built } = await report('haircut')
    // M: T = 1 000 000 of V = 1 500 000 → EXK 466 666, MIX 200 000, R 332 000, fee 1 334
    expect(
      built.hits.map((h) => [h.address, h.amount, h.amountBase, h.attribution]),
    ).toEqual([
      ['DEP', '0.01999', '1999000', 'deposit-sweep'],
      ['EXK', '0.00466666', '466666', 'label'],
    ])
    expect(built.hits[0]).toMatchObject({
      evidence: ['SW'],
      received: '0.01999',
      firstSeen: '2020-09-14T05:26:40.000Z',
    })
    expect(built.reconciliation).toMatchObject({
      stolen: { amountBase: '3000000' },
      atExchanges: { amountBase: '2465666' },
      atServices: { amountBase: '200000' },
      atRest: { amountBase: '332000' },
      fees: { amountBase: '2334' },
      unexplored: { amountBase: '0' },
      balanced: true,
    })
    expect(built.unexplored).toEqual([
      expect.objectContaining({
        address: 'MIX',
        reason: 'service',
        entity: 'Sinbad',
        detail: 'labelled Sinbad (mixer, high); flagged sanctioned',
        amountBase: '200000',
      }),
    ])
    expect(built.atRest).toEqual([
      expect.objectContaining({
        address: 'R',
        amount: '0.00332',
        value: '0.00498',
        asOfBlock: 1000,
        hops: 2,
      }),
    ])
    expect(built.case.options.minAmount).toBe('0.00001')
    expect(built.stats).toEqual({ hops: 2, txs: 3, requests: 7 })
    expect(built.policy.description).toMatch(/^Haircut/)
  })

  test('the same evidence gives byte-identical JSON, whatever the timing', async () => {
    const a = serializeReport((await report('fifo', 0)).report)
    const b = serializeReport((await report('fifo', 3)).report)
    expect(a).toBe(b)
    expect(a.endsWith('}\n')).toBe(true)
    expect(a).toContain('\n  "schemaVersion": "1.0.0"')
  })

  test('an incomplete trace with address-less outputs still validates', async () => {
    const partial: FakeTx[] = [
      {
        txid: 'S',
        height: null,
        inputs: [['fund', 0, 'V', 1_002_000n]],
        outputs: [
          [null, 600_000n],
          ['T2', 400_000n],
        ],
      },
      {
        txid: 'Q',
        height: null,
        inputs: [['S', 0]],
        outputs: [[null, 599_000n]],
      },
      {
        txid: 'L',
        height: null,
        inputs: [['S', 1]],
        outputs: [['Y', 399_000n]],
      },
    ]
    const { result } = await run(partial, { fake: { failTx: ['L'] } })
    const built = buildReport(result, context('haircut'))
    expect(built.status).toBe('incomplete')
    expect(validate(JSON.parse(serializeReport(built)))).toBe(true)
    expect(built.atRest).toEqual([
      expect.objectContaining({
        address: null,
        txHash: 'Q',
        amountBase: '599000',
      }),
    ])
    expect(built.unexplored).toEqual([
      expect.objectContaining({
        reason: 'fetch-failed',
        detail: 'HTTP 503 for getTx L',
        amountBase: '400000',
      }),
    ])
  })

  test('the schema rejects a report that breaks the contract', async () => {
    const { report: built } = await report('haircut')
    const broken = JSON.parse(serializeReport(built))
    broken.hits[0].amountBase = '-5'
    delete broken.reconciliation.balanced
    expect(validate(broken)).toBe(false)
    expect(validate.errors?.length).toBeGreaterThanOrEqual(2)
  })
})

describe('reconcile', () => {
  test('balanced is computed: a lost endpoint unbalances it', async () => {
    const { result } = await report('haircut')
    expect(reconcileOne(result).balanced).toBe(true)
    const lossy = { ...result, endpoints: result.endpoints.slice(1) }
    expect(reconcileOne(lossy).balanced).toBe(false)
    const fees = result.fees.map((f) => ({ ...f, amount: f.amount + 1n }))
    expect(reconcileOne({ ...result, fees }).balanced).toBe(false)
  })

  test('poison: absorbed outside funds close the books', async () => {
    const { result, report: built } = await report('poison')
    expect(total(result.absorbed)).toBe(500_000n)
    expect(built.reconciliation.absorbed).toEqual({
      amount: '0.005',
      amountBase: '500000',
    })
    expect(built.reconciliation.balanced).toBe(true)
  })
})
