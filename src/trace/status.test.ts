import { describe, expect, test } from 'vitest'
import { createFakeAccountAdapter } from '../../test/support/fake-account-adapter.js'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import { run } from '../../test/support/trace-harness.js'
import type { AccountTransfer, Asset, Label } from '../core/types.js'
import { createLabelIndex } from '../labels/memory.js'
import { walkAccount } from './account/walk.js'
import { reconcile } from './reconcile.js'
import { assertBalanced, traceStatus, UnbalancedBooksError } from './status.js'

/** S pays T, T pays A; A pays the exchange or mixer, or sits. */
const chain = (last: [string, bigint][]): FakeTx[] => [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 1_000n]],
    outputs: [['T', 1_000n]],
  },
  { txid: 'H1', height: 101, inputs: [['S', 0]], outputs: [['A', 990n]] },
  { txid: 'H2', height: 102, inputs: [['H1', 0]], outputs: last },
]

const EX = ['EXD', 'Binance', 'exchange'] as const
const MIX = ['MIX', 'Wasabi', 'mixer'] as const

describe('UTXO status: complete only when every coin is accounted for', () => {
  test.each([
    ['exchange hit', chain([['EXD', 980n]]), {}, 'complete'],
    ['labelled service', chain([['MIX', 980n]]), {}, 'complete'],
    ['funds at rest', chain([['Z', 980n]]), {}, 'complete'],
    ['cut by --max-hops', chain([['EXD', 980n]]), { maxHops: 2 }, 'incomplete'],
    [
      'cut by --max-nodes',
      chain([['EXD', 980n]]),
      { maxNodes: 2 },
      'incomplete',
    ],
    [
      'failed fetch',
      chain([['EXD', 980n]]),
      { fake: { failTx: ['H2'] } },
      'incomplete',
    ],
    // Dust the user chose not to chase does not make the trail cut.
    [
      'dust under --min-amount',
      chain([
        ['EXD', 975n],
        ['D', 5n],
      ]),
      { minAmount: 10n },
      'complete',
    ],
  ] as const)('%s', async (_name, txs, options, status) => {
    const { result } = await run(txs, { ...options, labels: [EX, MIX] })
    expect(result.status).toBe(status)
  })

  test('a CoinJoin with outside inputs stops the trail: incomplete', async () => {
    const txs: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['fund', 0, 'V', 1_000n]],
        outputs: [['T', 1_000n]],
      },
      {
        txid: 'CJ',
        height: 101,
        inputs: [
          ['S', 0],
          ['o1', 0, 'O1', 1_000n],
          ['o2', 0, 'O2', 1_000n],
        ],
        outputs: [
          ['A', 990n],
          ['B', 990n],
          ['C', 990n],
        ],
      },
    ]
    const { result } = await run(txs)
    expect(result.endpoints.map((e) => e.reason)).toContain('coinjoin')
    expect(result.status).toBe('incomplete')
  })
})

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, HOT, MIXER, REST] = [1, 2, 3, 4, 5].map(addr) as [
  string,
  string,
  string,
  string,
  string,
]
const t = (
  n: number,
  from: string,
  to: string,
  value: bigint,
): AccountTransfer => ({
  chain: 'ethereum',
  asset: ETH,
  kind: 'native',
  txHash: hash(n),
  block: { height: 10 + n, time: (10 + n) * 12 },
  txIndex: 0,
  logIndex: -1,
  from,
  to,
  value,
  fee: 0n,
})
const label = (address: string, entity: string, category: string): Label => ({
  chain: 'ethereum',
  address,
  entity,
  category,
  source: 'test',
  confidence: 'high',
})
const labels = createLabelIndex([
  label(HOT, 'Binance', 'exchange'),
  label(MIXER, 'Tornado Cash', 'mixer'),
])

describe('account status: complete only when every coin is accounted for', () => {
  const to = (dest: string) => [
    t(1, VICTIM, THIEF, 10n),
    t(2, THIEF, REST, 10n),
    t(3, REST, dest, 10n),
  ]
  test.each([
    ['exchange hit', to(HOT), {}, 'complete'],
    ['labelled mixer', to(MIXER), {}, 'complete'],
    [
      'at rest',
      [t(1, VICTIM, THIEF, 10n), t(2, THIEF, REST, 10n)],
      {},
      'complete',
    ],
    ['cut by --max-hops', to(HOT), { maxHops: 1 }, 'incomplete'],
    ['cut by --max-nodes', to(HOT), { maxNodes: 1 }, 'incomplete'],
    // The thief deals with the victim and two others: over a threshold of 2 he reads as a service.
    [
      'likely service (heuristic)',
      [...to(HOT), t(4, THIEF, MIXER, 1n)],
      { serviceThreshold: 2 },
      'incomplete',
    ],
    ['dust under --min-amount', to(HOT), { minAmount: 100n }, 'complete'],
  ] as const)('%s', async (_name, transfers, options, status) => {
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(transfers),
      labels,
      seeds: [{ txHash: hash(1) }],
      victims: [VICTIM],
      policy: 'haircut',
      ...options,
    })
    for (const r of reconcile(result)) expect(r.balanced).toBe(true)
    expect(result.status).toBe(status)
  })
})

describe('books', () => {
  const asset = ETH
  const base = {
    asset,
    stolen: 10n,
    absorbed: 0n,
    atExchanges: 7n,
    atServices: 0n,
    atRest: 0n,
    returnedToVictim: 0n,
    fees: 1n,
    unexplored: 0n,
  }
  test('books that do not balance are an error naming asset and difference', () => {
    const r = { ...base, balanced: false }
    expect(() => assertBalanced([r])).toThrow(UnbalancedBooksError)
    try {
      assertBalanced([r])
    } catch (err) {
      expect((err as UnbalancedBooksError).exitCode).toBe(1)
      expect((err as UnbalancedBooksError).difference).toBe(-2n)
      expect((err as Error).message).toMatch(
        /ETH.*0\.000000000000000002 ETH less/,
      )
    }
  })
  test('a discrepancy between sources is incomplete', () => {
    const ok = { endpoints: [], reconciliations: [{ balanced: true }] }
    expect(traceStatus(ok)).toBe('complete')
    expect(traceStatus({ ...ok, discrepancies: 1 })).toBe('incomplete')
    expect(traceStatus({ ...ok, reconciliations: [{ balanced: false }] })).toBe(
      'incomplete',
    )
  })
})
