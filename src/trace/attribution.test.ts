/**
 * The deposit-sweep rule on both chain models, from one table of label
 * cases: whatever the labels on the swept-to wallets say, the hit is the
 * deposit address, it names every exchange the labels name with their
 * sources, and a disputed operator costs one level of confidence, reaches
 * the report's conflict field and is said plainly in the freeze requests.
 */
import { describe, expect, test } from 'vitest'
import {
  createFakeAdapter,
  type FakeTx,
} from '../../test/support/fake-utxo-adapter.js'
import type {
  AccountChainAdapter,
  AccountTransfer,
  Asset,
  Confidence,
  Label,
} from '../core/types.js'
import { createLabelIndex } from '../labels/memory.js'
import { buildReport } from '../report/build.js'
import { freezeRequests } from '../report/freeze.js'
import { renderHtml } from '../report/html/html.js'
import type { Report } from '../report/types.js'
import { walkAccount } from './account/walk.js'
import { trace } from './engine.js'

type LabelRow = readonly [
  entity: string,
  category: string,
  source: string,
  confidence: Confidence,
]

type Case = {
  name: string
  /** The labels on each wallet the deposit is swept into. */
  wallets: readonly (readonly LabelRow[])[]
  entity: string
  confidence: Confidence
  /** [entity, its sources], best-supported first. */
  candidates: readonly (readonly [string, readonly string[]])[]
}

// biome-ignore format: a table reads better one case a block
const CASES: readonly Case[] = [
  {
    name: 'one exchange label: no conflict',
    wallets: [[['ExchangeZ', 'exchange', 'lists/z.csv', 'high']]],
    entity: 'ExchangeZ', confidence: 'medium',
    candidates: [['ExchangeZ', ['lists/z.csv']]],
  },
  {
    name: 'two conflicting exchange labels on the hot wallet',
    wallets: [[
      ['ExchangeZ', 'exchange', 'lists/2026.csv', 'high'],
      ['ExchangeQ', 'exchange', 'lists/2019-old.csv', 'medium'],
    ]],
    entity: 'ExchangeZ', confidence: 'low',
    candidates: [['ExchangeZ', ['lists/2026.csv']], ['ExchangeQ', ['lists/2019-old.csv']]],
  },
  {
    name: 'conflicting labels across two sweep outputs',
    wallets: [
      [['ExchangeZ', 'exchange', 'lists/a.csv', 'high']],
      [['ExchangeQ', 'exchange', 'lists/b.csv', 'high']],
    ],
    entity: 'ExchangeQ', confidence: 'low',
    candidates: [['ExchangeQ', ['lists/b.csv']], ['ExchangeZ', ['lists/a.csv']]],
  },
  {
    name: 'one exchange label and one non-exchange label: no conflict',
    wallets: [[
      ['ExchangeZ', 'exchange', 'lists/a.csv', 'high'],
      ['Lucky Dice', 'gambling', 'lists/b.csv', 'high'],
    ]],
    entity: 'ExchangeZ', confidence: 'medium',
    candidates: [['ExchangeZ', ['lists/a.csv']]],
  },
  {
    name: 'one exchange under two spellings from two lists: no conflict',
    wallets: [[
      ['Binance 14', 'exchange', 'lists/a.csv', 'high'],
      ['Binance hot wallet', 'exchange', 'lists/b.csv', 'high'],
    ]],
    entity: 'Binance 14', confidence: 'medium',
    candidates: [['Binance 14', ['lists/a.csv', 'lists/b.csv']]],
  },
  {
    name: 'the exchange more lists name comes first',
    wallets: [
      [['ExchangeA', 'exchange', 'lists/a.csv', 'medium']],
      [
        ['ExchangeZ', 'exchange', 'lists/b.csv', 'medium'],
        ['ExchangeZ', 'exchange-hot', 'lists/c.csv', 'medium'],
      ],
    ],
    entity: 'ExchangeZ', confidence: 'low',
    candidates: [['ExchangeZ', ['lists/b.csv', 'lists/c.csv']], ['ExchangeA', ['lists/a.csv']]],
  },
]

const conflicted = (c: Case) => c.candidates.length > 1
const sourcesOf = (c: Case) =>
  c.wallets.flat().filter(([, category]) => category.startsWith('exchange'))

/** What each model's trace and report say about the deposit. */
type Outcome = {
  deposit: string
  hotWallets: readonly string[]
  /** Tainted base units paid into the deposit address. */
  amount: bigint
  hits: readonly {
    address: string
    entity: string
    confidence: Confidence
    amount: bigint
    candidates?: readonly { entity: string; sources: string[] }[] | undefined
  }[]
  report: Report
}

const bitcoinLabel =
  (address: string) =>
  ([entity, category, source, confidence]: LabelRow): Label => ({
    chain: 'bitcoin',
    address,
    entity,
    category,
    source,
    confidence,
  })

/** Theft S → T1 → deposit DEP; SW sweeps DEP into the hot wallet(s). */
async function bitcoin(c: Case): Promise<Outcome> {
  const hot = c.wallets.map((_, i) => `HOT${i + 1}`)
  const share = 1_998_000n / BigInt(hot.length)
  const fakes: FakeTx[] = [
    {
      txid: 'S',
      height: 100,
      inputs: [['fund', 0, 'V', 2_001_000n]],
      outputs: [['T1', 2_000_000n]],
    },
    {
      txid: 'D1',
      height: 101,
      inputs: [['S', 0]],
      outputs: [['DEP', 1_999_000n]],
    },
    {
      txid: 'SW',
      height: 105,
      inputs: [['D1', 0]],
      outputs: hot.map((address) => [address, share] as const),
    },
  ]
  const labels = c.wallets.flatMap((rows, i) =>
    rows.map(bitcoinLabel(hot[i] ?? '')),
  )
  const result = await trace({
    adapter: createFakeAdapter(fakes),
    labels: createLabelIndex(labels),
    seeds: [{ kind: 'tx', txid: 'S' }],
    victims: ['V'],
    policy: 'haircut',
  })
  const report = buildReport(result, {
    seeds: [{ kind: 'tx', txid: 'S' }],
    victims: ['V'],
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0', policy: 'haircut' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    toolVersion: '0.0.0',
    sources: [],
  })
  return {
    deposit: 'DEP',
    hotWallets: hot,
    amount: 1_999_000n,
    hits: result.hits,
    report,
  }
}

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const E = 10n ** 18n
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, DEPOSIT] = [addr(1), addr(2), addr(5)]

function transfer(
  n: number,
  block: number,
  from: string,
  to: string,
  value: bigint,
): AccountTransfer {
  return {
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
    fee: 0n,
  }
}

function accountAdapter(all: readonly AccountTransfer[]): AccountChainAdapter {
  return {
    model: 'account',
    chain: 'ethereum',
    chainId: 1,
    asset: ETH,
    limitations: [],
    explorer: { tx: (h) => h, address: (a) => a },
    parseAddress: (a) => a.toLowerCase(),
    parseTxid: (h) => h.toLowerCase(),
    getTxTransfers: async (h) => all.filter((t) => t.txHash === h),
    getAddressTransfers: async (a, { fromBlock }) =>
      all.filter(
        (t) => (t.from === a || t.to === a) && t.block.height >= fromBlock,
      ),
    getTipHeight: async () => 1000,
  }
}

/** Theft victim → thief → deposit; the deposit forwards to the hot wallet(s) within the window. */
async function account(c: Case): Promise<Outcome> {
  const hot = c.wallets.map((_, i) => addr(0x60 + i))
  const share = (4n * E) / BigInt(hot.length)
  const transfers = [
    transfer(1, 10, VICTIM, THIEF, 4n * E),
    transfer(2, 20, THIEF, DEPOSIT, 4n * E),
    ...hot.map((to, i) => transfer(3 + i, 30 + i, DEPOSIT, to, share)),
  ]
  const labels = c.wallets.flatMap((rows, i) =>
    rows.map((row) => ({
      ...bitcoinLabel(hot[i] ?? '')(row),
      chain: 'ethereum',
    })),
  )
  const walked = await walkAccount({
    adapter: accountAdapter(transfers),
    labels: createLabelIndex(labels),
    seeds: [{ txHash: hash(1) }],
    victims: [VICTIM],
    policy: 'haircut',
  })
  const report = buildReport(walked, {
    seeds: [{ kind: 'tx', txid: hash(1) }],
    victims: [VICTIM],
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0', policy: 'haircut' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    toolVersion: '0.0.0',
    sources: [],
    tipHeight: 1000,
  })
  return {
    deposit: DEPOSIT,
    hotWallets: hot,
    amount: 4n * E,
    hits: walked.hits,
    report,
  }
}

const MODELS = [
  ['bitcoin (UTXO)', bitcoin],
  ['ethereum (account)', account],
] as const

describe.each(MODELS)('deposit-sweep rule on %s', (_model, walk) => {
  test.each(CASES)(
    '$name: the hit is the deposit address, with every candidate',
    async (c) => {
      const { deposit, hotWallets, amount, hits } = await walk(c)
      expect(hits.map((h) => h.address)).toEqual([deposit])
      expect(hits.map((h) => h.address)).not.toContain(hotWallets[0])
      const [hit] = hits
      expect(hit).toMatchObject({
        entity: c.entity,
        confidence: c.confidence,
        amount,
      })
      expect(hit?.candidates?.map((k) => [k.entity, k.sources])).toEqual(
        c.candidates,
      )
    },
  )

  test.each(CASES.filter(conflicted))(
    '$name: the report carries the conflict and every label with its source',
    async (c) => {
      const { deposit, report } = await walk(c)
      const [hit] = report.hits
      expect(report.hits).toHaveLength(1)
      expect(hit).toMatchObject({
        address: deposit,
        entity: c.entity,
        attribution: 'deposit-sweep',
        category: 'exchange-deposit',
        confidence: c.confidence,
      })
      expect(hit?.conflict?.entities).toEqual(
        c.candidates.map(([entity]) => entity),
      )
      for (const [entity, sources] of c.candidates)
        expect(hit?.conflict?.note).toContain(
          `${entity} (${sources.join(', ')})`,
        )
      const labelled = (hit?.basis ?? []).filter((b) => b.kind === 'label')
      expect(labelled.map((b) => [b.entity, b.source]).sort()).toEqual(
        sourcesOf(c)
          .map(([entity, , source]) => [entity, source])
          .sort(),
      )
      expect(report.reconciliation.balanced).toBe(true)
    },
  )

  test.each(CASES.filter(conflicted))(
    '$name: a freeze request goes to each candidate and says the operator is disputed',
    async (c) => {
      const { deposit, report } = await walk(c)
      const requests = freezeRequests(report)
      expect(requests.map((r) => r.entity)).toEqual(
        c.candidates.map(([entity]) => entity),
      )
      for (const request of requests) {
        expect(request.text).toContain(`Deposit address: ${deposit}`)
        const named = c.candidates.map(
          ([entity, sources]) => `${entity} (${sources.join(', ')})`,
        )
        expect(request.text).toContain(
          `Operator disputed: labels name ${named.join(' and ')}; confirm the account holder before acting.`,
        )
        expect(request.text).toContain('OPERATOR DISPUTED')
        expect(request.disputedWith).toEqual(
          c.candidates
            .map(([entity]) => entity)
            .filter((e) => e !== request.entity),
        )
      }
    },
  )

  test.each(CASES.filter(conflicted))(
    '$name: the HTML summary and freeze blocks say the operator is disputed',
    async (c) => {
      const { report } = await walk(c)
      const html = await renderHtml(report, { audience: 'police' })
      const freeze = html.slice(html.indexOf('<section id="freeze"'))
      const steps = html.slice(html.indexOf('Next step for each recipient'))
      for (const [entity] of c.candidates) {
        expect(freeze).toContain(
          `<span class="free">${entity}</span> — <code>freeze-requests/`,
        )
        expect(steps).toContain(
          `Police → <span class="free">${entity}</span>:</strong>`,
        )
      }
      expect(freeze).toContain('Operator disputed: labels name')
      expect(steps).toContain('<strong>Operator disputed:</strong>')
    },
  )
})

describe('a deposit swept twice, into wallets of different exchanges', () => {
  test('one hit at the deposit, both candidates, confidence lowered once', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['fund', 0, 'V', 2_002_000n]],
        outputs: [
          ['T1', 1_000_000n],
          ['T2', 1_000_000n],
        ],
      },
      {
        txid: 'D1',
        height: 101,
        inputs: [['S', 0]],
        outputs: [['DEP', 999_000n]],
      },
      {
        txid: 'D2',
        height: 102,
        inputs: [['S', 1]],
        outputs: [['DEP', 999_000n]],
      },
      {
        txid: 'SW1',
        height: 103,
        inputs: [['D1', 0]],
        outputs: [['HOTZ', 998_000n]],
      },
      {
        txid: 'SW2',
        height: 104,
        inputs: [['D2', 0]],
        outputs: [['HOTQ', 998_000n]],
      },
    ]
    const result = await trace({
      adapter: createFakeAdapter(fakes),
      labels: createLabelIndex([
        bitcoinLabel('HOTZ')(['ExchangeZ', 'exchange', 'lists/a.csv', 'high']),
        bitcoinLabel('HOTQ')([
          'ExchangeQ',
          'exchange',
          'lists/b.csv',
          'medium',
        ]),
      ]),
      seeds: [{ kind: 'tx', txid: 'S' }],
      victims: ['V'],
      policy: 'haircut',
    })
    expect(result.hits).toHaveLength(1)
    expect(result.hits[0]).toMatchObject({
      address: 'DEP',
      entity: 'ExchangeZ',
      confidence: 'low',
      amount: 1_998_000n,
      evidence: ['SW1', 'SW2'],
    })
    expect(
      result.hits[0]?.candidates?.map((c) => [c.entity, c.sources]),
    ).toEqual([
      ['ExchangeZ', ['lists/a.csv']],
      ['ExchangeQ', ['lists/b.csv']],
    ])
  })
})
