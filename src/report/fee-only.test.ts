/**
 * The hop table's fee column adds up to the reconciliation's fees even when a
 * tx's tainted fee has no edge to sit on (Bitcoin: all its tainted value went
 * to the fee). EVM: fee-only.evm.test.ts.
 */
import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import { run } from '../../test/support/trace-harness.js'
import type { PolicyName } from '../trace/types.js'
import { buildReport, serializeReport } from './build.js'
import { hopsCsv } from './csv.js'
import { hopTableTracedFees } from './fee-only.js'
import { hopsSection } from './html/sections/hops.js'
import type { Report } from './types.js'

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(
  JSON.parse(
    readFileSync(
      new URL('../../schema/report.schema.json', import.meta.url),
      'utf8',
    ),
  ),
)

const BURN = 'b0'.repeat(32)
const MERGE = 'c0'.repeat(32)
/** The thief's 600 000 sat from S. */
const theft: FakeTx = {
  txid: 'S',
  height: 100,
  inputs: [['fund', 0, 'V', 1_000_000n]],
  outputs: [
    ['T1', 600_000n],
    ['V', 399_000n],
  ],
}
/** All of it to the miner: the only output is a zero-value OP_RETURN. */
const burn: FakeTx = {
  txid: BURN,
  height: 101,
  inputs: [['S', 0]],
  outputs: [[null, 0n]],
}
/** A clean coin first, the tainted one second, one output as large as the clean coin. */
const merge: FakeTx = {
  txid: MERGE,
  height: 101,
  inputs: [
    ['ext', 0, 'C', 1_000_000n],
    ['S', 0],
  ],
  outputs: [['C2', 1_000_000n]],
}

type Case = {
  name: string
  fakes: FakeTx[]
  /** Per policy: the fee-only rows [txHash, from, tracedFeeBase] expected. */
  want: Record<PolicyName, [string, string[], string][]>
}

const cases: Case[] = [
  {
    name: 'a burn: every tainted satoshi goes to the fee',
    fakes: [theft, burn],
    want: {
      haircut: [[BURN, ['T1'], '600000']],
      poison: [[BURN, ['T1'], '600000']],
      fifo: [[BURN, ['T1'], '600000']],
    },
  },
  {
    // fifo lays the clean coin first, so the output is clean and the fee is
    // all tainted; haircut and poison taint the output, which carries the fee.
    name: 'a merge whose output fifo fills with the clean coin',
    fakes: [theft, merge],
    want: {
      haircut: [],
      poison: [],
      fifo: [[MERGE, ['T1'], '600000']],
    },
  },
]

const policies = ['haircut', 'poison', 'fifo'] as const
const table = cases.flatMap((c) => policies.map((p) => [c.name, p, c] as const))

async function reportOf(fakes: FakeTx[], policy: PolicyName) {
  const { result } = await run(fakes, { policy, victims: ['V'] })
  return buildReport(result, {
    seeds: [{ kind: 'tx', txid: 'S' }],
    victims: ['V'],
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0', policy },
    generatedAt: '2025-01-01T00:00:00.000Z',
    toolVersion: '0.1.0',
    sources: [],
  })
}

describe('fee-only txs in the hop table (Bitcoin)', () => {
  test.each(table)(
    '%s, %s: Σ traced fee over edges and fee-only rows = reconciliation fees',
    async (_name, policy, c) => {
      const report = await reportOf(c.fakes, policy)
      expect(validate(JSON.parse(serializeReport(report)))).toBe(true)
      expect(validate.errors ?? []).toEqual([])
      expect(report.reconciliation.balanced).toBe(true)
      expect(
        hopTableTracedFees(report.graph.edges, report.feeOnly).toString(),
      ).toBe(report.reconciliation.fees.amountBase)
      const want = c.want[policy]
      expect(
        (report.feeOnly ?? []).map((f) => [f.txHash, f.from, f.tracedFeeBase]),
      ).toEqual(want)
      // Absent, not empty, when there is none: such reports keep their shape.
      expect('feeOnly' in report).toBe(want.length > 0)
      for (const [tx] of want)
        expect(report.graph.edges.some((e) => e.txHash === tx)).toBe(false)
    },
  )

  test('a burn row: block, time, coin, fee and traced fee as exact decimals', async () => {
    const report = await reportOf([theft, burn], 'haircut')
    expect(report.feeOnly).toEqual([
      {
        chain: 'bitcoin',
        txHash: BURN,
        hop: 2,
        block: 101,
        // The fake adapter's block time: 1 600 000 000 s + 600 s per block.
        time: new Date((1_600_000_000 + 101 * 600) * 1000).toISOString(),
        asset: 'BTC',
        from: ['T1'],
        feeBase: '600000',
        fee: '0.006',
        tracedFeeBase: '600000',
        tracedFee: '0.006',
      },
    ])
  })

  test('hops.csv and the HTML hop table show it after the edges, amounts 0', async () => {
    const report = await reportOf([theft, burn], 'haircut')
    const csv = hopsCsv(report).trimEnd().split('\r\n')
    const header = csv[0]?.split(',') ?? []
    const row = csv.at(-1)?.split(',') ?? []
    const cell = (name: string) => row[header.indexOf(name)]
    expect(csv).toHaveLength(report.graph.edges.length + 2)
    expect(cell('tx_hash')).toBe(BURN)
    expect(cell('to')).toBe('(network fee)')
    expect([cell('amount'), cell('traced')]).toEqual(['0', '0'])
    expect([cell('fee'), cell('traced_fee_base')]).toEqual(['0.006', '600000'])
    expect(cell('note')).toBe('fee only: no traced output')
    expect(cell('explorer_url')).toBe(`https://mempool.space/tx/${BURN}`)
    const html = hopsSection({
      report,
      audience: 'police',
      reportId: 'x',
      bundleSha256: undefined,
      freeze: [],
    })
    const last = html.slice(html.lastIndexOf('<tr'))
    expect(last).toContain(`https://mempool.space/tx/${BURN}`)
    expect(last).toContain('(network fee)')
    expect(last).toContain('0.006 (0.006)')
    expect(last).toContain('fee only: no traced output')
  })
})
