/**
 * Conservation through the one report builder: for either chain model and
 * each policy, what was stolen plus what was absorbed equals where it went,
 * per asset, in report.json's own reconciliation.
 */
import { describe, expect, test } from 'vitest'
import {
  createFakeAccountAdapter,
  ETH,
  USDT,
} from '../../test/support/fake-account-adapter.js'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import { run } from '../../test/support/trace-harness.js'
import type { AccountTransfer, Asset } from '../core/types.js'
import { createLabelIndex } from '../labels/memory.js'
import { walkAccount } from '../trace/account/walk.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import { buildReport } from './build.js'
import type { AmountText, AssetReconciliation } from './types.js'

/** Stolen coins merge with outside ones, then reach an exchange, a mixer, the victim and rest. */
const utxoTheft: FakeTx[] = [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 2_002_000n]],
    outputs: [
      ['T1', 1_200_000n],
      ['T2', 800_000n],
    ],
  },
  {
    txid: 'M',
    height: 101,
    inputs: [
      ['S', 0],
      ['ext', 0, 'O', 400_000n],
    ],
    outputs: [
      ['EXK', 900_000n],
      ['R', 699_000n],
    ],
  },
  {
    txid: 'N',
    height: 102,
    inputs: [['S', 1]],
    outputs: [
      ['MIX', 500_000n],
      ['V', 299_000n],
    ],
  },
]

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, HOT, MIXER, CLEAN, REST] = [1, 2, 3, 4, 5, 6].map(addr)
const E = 10n ** 18n

function transfer(
  n: number,
  from: string | undefined,
  to: string | undefined,
  value: bigint,
  asset: Asset = ETH,
): AccountTransfer {
  return {
    chain: 'ethereum',
    asset,
    kind: asset.contract ? 'erc20' : 'native',
    txHash: hash(n),
    block: { height: 10 * n, time: 120 * n },
    txIndex: 0,
    logIndex: asset.contract ? n : -1,
    from: from ?? '',
    to: to ?? '',
    value,
    ...(asset.contract ? {} : { fee: 1000n }),
  }
}

/** ETH and USDT stolen; the thief held clean ETH; ETH to an exchange and to rest, USDT to a mixer. */
const accountTheft = [
  transfer(1, CLEAN, THIEF, 2n * E),
  transfer(2, VICTIM, THIEF, 5n * E),
  transfer(2, VICTIM, THIEF, 900_000000n, USDT),
  transfer(3, THIEF, HOT, 4n * E),
  transfer(4, THIEF, REST, 2n * E),
  transfer(5, THIEF, MIXER, 900_000000n, USDT),
]

const label = (
  address: string | undefined,
  entity: string,
  category: string,
) => ({
  chain: 'ethereum',
  address: address ?? '',
  entity,
  category,
  source: 'test',
  confidence: 'high' as const,
})

const walks: Record<
  TraceResult['model'],
  (policy: PolicyName) => Promise<TraceResult>
> = {
  utxo: async (policy) =>
    (
      await run(utxoTheft, {
        policy,
        victims: ['V'],
        labels: [
          ['EXK', 'Kraken', 'exchange'],
          ['MIX', 'Sinbad', 'mixer'],
        ],
      })
    ).result,
  account: (policy) =>
    walkAccount({
      adapter: createFakeAccountAdapter(accountTheft),
      labels: createLabelIndex([
        label(HOT, 'Binance', 'exchange'),
        label(MIXER, 'Tornado Cash', 'mixer'),
      ]),
      seeds: [{ txHash: hash(2) }],
      victims: [VICTIM ?? ''],
      policy,
    }),
}

const base = (t: AmountText) => BigInt(t.amountBase)

/** Both sides of the equation, summed from the report's own text. */
function sides(r: AssetReconciliation): [bigint, bigint] {
  const landed =
    base(r.atExchanges) +
    base(r.atServices) +
    base(r.atRest) +
    base(r.returnedToVictim) +
    base(r.fees) +
    base(r.unexplored)
  return [base(r.stolen) + base(r.absorbed), landed]
}

const table = (['utxo', 'account'] as const).flatMap((model) =>
  (['poison', 'haircut', 'fifo'] as const).map(
    (policy) => [model, policy] as const,
  ),
)

describe('conservation through buildReport', () => {
  test.each(table)('%s, %s: every asset balances', async (model, policy) => {
    const result = await walks[model](policy)
    const report = buildReport(result, {
      seeds: result.seedTxs.map((txid) => ({ kind: 'tx', txid })),
      victims: result.victims,
      options: { maxHops: 12, maxNodes: 2000, minAmount: '0', policy },
      generatedAt: '2026-01-01T00:00:00.000Z',
      toolVersion: '0.0.0',
      sources: [],
    })
    // A single-asset (UTXO) report writes only the headline reconciliation.
    const assets = report.reconciliations ?? [
      { ...report.reconciliation, ...report.asset, asset: report.asset.symbol },
    ]
    expect(assets.map((r) => r.asset)).toEqual(
      model === 'utxo' ? ['BTC'] : ['ETH', 'USDT'],
    )
    for (const r of assets) {
      const [stolen, landed] = sides(r)
      expect(stolen, `${r.asset}`).toBe(landed)
      expect(stolen).toBeGreaterThan(0n)
      expect(r.balanced).toBe(true)
    }
    expect(report.reconciliation.balanced).toBe(true)
    expect(report.hits.length).toBeGreaterThan(0)
  })
})
