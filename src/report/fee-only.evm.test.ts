/**
 * EVM: a tx that moves no tainted value but pays its gas from a tainted
 * balance (an `approve`) has a traced fee and no edge; the hop table still
 * shows it, so its fee column adds up to the native reconciliation's fees.
 */
import { describe, expect, test } from 'vitest'
import { createFakeAccountAdapter } from '../../test/support/fake-account-adapter.js'
import type { AccountTransfer, Asset } from '../core/types.js'
import { createLabelIndex } from '../labels/memory.js'
import { walkAccount } from '../trace/account/walk.js'
import type { PolicyName } from '../trace/types.js'
import { buildReport } from './build.js'
import { hopTableTracedFees } from './fee-only.js'

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const E = 10n ** 18n
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, TOKEN, HOT, CLEAN] = [1, 2, 3, 4, 5].map(addr) as [
  string,
  string,
  string,
  string,
  string,
]

/** A native row of tx n: value from → to, gas paid by `from`. */
const native = (
  n: number,
  block: number,
  from: string,
  to: string,
  value: bigint,
  fee: bigint,
): AccountTransfer => ({
  chain: 'ethereum',
  asset: ETH,
  kind: 'native',
  txHash: hash(n),
  block: { height: block, time: 1_700_000_000 + block * 12 },
  txIndex: 0,
  logIndex: -1,
  from,
  to,
  value,
  fee,
})

/**
 * The thief holds 5 clean ETH, receives 5 stolen ETH, sends an approve
 * (value 0, gas 2000 wei), then 9 ETH to an exchange (gas 3000 wei).
 */
const chain = [
  native(10, 5, CLEAN, THIEF, 5n * E, 0n),
  native(1, 10, VICTIM, THIEF, 5n * E, 1000n),
  native(2, 11, THIEF, TOKEN, 0n, 2000n),
  native(3, 12, THIEF, HOT, 9n * E, 3000n),
]

/**
 * The approve's traced gas per policy, base units and ETH: haircut half (the
 * balance is half stolen), poison all, fifo none (the clean ETH goes first).
 */
const cases: [PolicyName, [string, string] | null][] = [
  ['haircut', ['1000', '0.000000000000001']],
  ['poison', ['2000', '0.000000000000002']],
  ['fifo', null],
]

async function reportOf(policy: PolicyName) {
  const walked = await walkAccount({
    adapter: createFakeAccountAdapter(chain),
    labels: createLabelIndex([
      {
        chain: 'ethereum',
        address: HOT,
        entity: 'Binance',
        category: 'exchange',
        source: 'test',
        confidence: 'high',
      },
    ]),
    seeds: [{ txHash: hash(1) }],
    victims: [VICTIM],
    policy,
  })
  return buildReport(walked, {
    seeds: [{ kind: 'tx', txid: hash(1) }],
    victims: [VICTIM],
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0', policy },
    generatedAt: '2025-01-01T00:00:00.000Z',
    toolVersion: '0.1.0',
    sources: [],
    tipHeight: 1000,
  })
}

describe('fee-only txs in the hop table (EVM)', () => {
  test.each(cases)(
    '%s: an approve paid with tainted gas; Σ traced fee over edges and fee-only rows = native fees',
    async (policy, traced) => {
      const report = await reportOf(policy)
      const eth = report.reconciliations?.find((r) => !r.contract)
      expect(eth?.balanced).toBe(true)
      expect(
        hopTableTracedFees(report.graph.edges, report.feeOnly).toString(),
      ).toBe(eth?.fees.amountBase)
      expect(report.graph.edges.some((e) => e.txHash === hash(2))).toBe(false)
      expect(report.feeOnly).toEqual(
        traced === null
          ? undefined
          : [
              {
                chain: 'ethereum',
                txHash: hash(2),
                hop: 2,
                block: 11,
                time: new Date((1_700_000_000 + 11 * 12) * 1000).toISOString(),
                asset: 'ETH',
                from: [THIEF],
                feeBase: '2000',
                fee: '0.000000000000002',
                tracedFeeBase: traced[0],
                tracedFee: traced[1],
              },
            ],
      )
    },
  )
})
