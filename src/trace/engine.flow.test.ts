import { describe, expect, test } from 'vitest'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import {
  reconcileOne,
  rows,
  run,
  total,
} from '../../test/support/trace-harness.js'
import type { TraceProgress } from './types.js'

const seed = (outputs: FakeTx['outputs'], value: bigint): FakeTx => ({
  txid: 'S',
  height: 100,
  inputs: [['fund', 0, 'V', value]],
  outputs,
})

describe('coinjoin', () => {
  test('stops at the CoinJoin and records the heuristic', async () => {
    const fakes: FakeTx[] = [
      seed([['T1', 1_000_000n]], 1_001_000n),
      {
        txid: 'CJ',
        height: 101,
        inputs: [
          ['S', 0],
          ['e1', 0, 'U1', 1_000_000n],
          ['e2', 0, 'U2', 1_000_000n],
        ],
        outputs: [
          ['M1', 900_000n],
          ['M2', 900_000n],
          ['M3', 900_000n],
          ['C1', 99_000n],
          ['C2', 100_000n],
          ['C3', 98_000n],
        ],
      },
    ]
    const { result, adapter } = await run(fakes)
    expect(rows(result.endpoints)).toEqual([
      ['coinjoin', 'S:0', 'T1', 1_000_000n],
    ])
    expect(result.endpoints[0]?.spentBy).toBe('CJ')
    expect(result.heuristics).toEqual([
      {
        rule: 'coinjoin',
        txHash: 'CJ',
        detail: '3 inputs from 3 addresses, 3 outputs of 0.009 BTC',
      },
    ])
    expect(adapter.calls.getOutspends).not.toContain('CJ')
    expect(result.stats.txs).toBe(1)
  })

  /** The seed pays the thief three outputs; the thief spends them into three equal ones. */
  const ownCoins = (third: FakeTx['inputs'][number]): FakeTx[] => [
    seed(
      [
        ['T1', 400_000n],
        ['T2', 300_000n],
        ['T3', 300_000n],
      ],
      1_001_000n,
    ),
    {
      txid: 'CJ',
      height: 101,
      inputs: [['S', 0], ['S', 1], third],
      outputs: [
        ['M1', 300_000n],
        ['M2', 300_000n],
        ['M3', 300_000n],
        ['C1', 99_000n],
      ],
    },
  ]
  test.each([
    // All three inputs are the thief's tainted coins: nobody to mix with.
    ['all inputs tainted', ownCoins(['S', 2]), 'followed'],
    // An untainted coin of a tainted owner is still the thief's own.
    ['an own clean coin', ownCoins(['x', 0, 'T1', 300_000n]), 'followed'],
    ['an outside coin', ownCoins(['x', 0, 'U1', 300_000n]), 'stopped'],
  ] as const)('a CoinJoin-shaped tx with %s is %s', async (_n, fakes, how) => {
    const { result } = await run(fakes)
    const reasons = result.endpoints.map((e) => e.reason)
    if (how === 'followed') {
      expect(reasons).not.toContain('coinjoin')
      expect(result.heuristics.map((h) => h.rule)).not.toContain('coinjoin')
      expect(result.status).toBe('complete')
      expect(result.endpoints.map((e) => e.address)).toEqual(
        expect.arrayContaining(['M1', 'M2', 'M3']),
      )
    } else {
      expect(reasons).toContain('coinjoin')
      expect(result.status).toBe('incomplete')
    }
  })
})

describe('fetch failures', () => {
  const fakes: FakeTx[] = [
    seed(
      [
        ['T1', 500_000n],
        ['T2', 500_000n],
      ],
      1_001_000n,
    ),
    { txid: 'A', height: 101, inputs: [['S', 0]], outputs: [['Y', 499_000n]] },
    {
      txid: 'B',
      height: 101,
      inputs: [['S', 1]],
      outputs: [
        ['EXB', 200_000n],
        ['Z', 299_000n],
      ],
    },
  ]
  const labels = [['EXB', 'Bitstamp', 'exchange']] as const

  test('a tx that cannot be fetched becomes fetch-failed; the rest is traced', async () => {
    const { result } = await run(fakes, { labels, fake: { failTx: ['A'] } })
    expect(result.status).toBe('incomplete')
    expect(rows(result.endpoints)).toEqual([
      ['exchange', 'B:0', 'EXB', 200_000n],
      ['unspent', 'B:1', 'Z', 299_000n],
      ['fetch-failed', 'S:0', 'T1', 500_000n],
    ])
    expect(
      result.endpoints.find((e) => e.reason === 'fetch-failed')?.detail,
    ).toBe('HTTP 503 for getTx A')
  })

  test('outspends that cannot be fetched fail only the outputs needing them', async () => {
    const { result } = await run(fakes, {
      labels,
      fake: { failOutspends: ['B'] },
    })
    expect(result.status).toBe('incomplete')
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'A:0', 'Y', 499_000n],
      ['exchange', 'B:0', 'EXB', 200_000n],
      ['fetch-failed', 'B:1', 'Z', 299_000n],
    ])
  })

  test('abort: queued work becomes interrupted and the partial result returns', async () => {
    const controller = new AbortController()
    const { result } = await run(fakes, {
      labels,
      signal: controller.signal,
      prefetch: 0,
      fake: {
        onCall: (kind, txid) =>
          kind === 'getTx' && txid === 'B' && controller.abort(),
      },
    })
    expect(result.status).toBe('incomplete')
    const interrupted = result.endpoints.filter(
      (e) => e.detail === 'interrupted',
    )
    expect(interrupted.length).toBeGreaterThan(0)
    expect(interrupted.every((e) => e.reason === 'fetch-failed')).toBe(true)
  })
})

describe('merge deferral', () => {
  /**
   * 400 000 sat go S→A→A2→M, 600 000 go S→B→M; A2 and M share block 102.
   * M is queued first with the larger taint but must wait for A2.
   * haircut at M: T = 399 000 + 598 000 = 997 000, V = 2 000 000
   *   W1 = floor(1 000 000·997 000 / 2 000 000) = 498 500
   *   W2 = floor(  999 000·997 000 / 2 000 000) = 498 001, fee taint 499
   */
  const branches = (swap: boolean): FakeTx[] => [
    seed(
      swap
        ? [
            ['T2', 600_000n],
            ['T1', 400_000n],
          ]
        : [
            ['T1', 400_000n],
            ['T2', 600_000n],
          ],
      1_002_000n,
    ),
    {
      txid: 'A',
      height: 101,
      inputs: [['S', swap ? 1 : 0]],
      outputs: [['Z1', 399_500n]],
    },
    {
      txid: 'A2',
      height: 102,
      inputs: [['A', 0]],
      outputs: [['Z3', 399_000n]],
    },
    {
      txid: 'B',
      height: 101,
      inputs: [['S', swap ? 0 : 1]],
      outputs: [['Z2', 598_000n]],
    },
    {
      txid: 'M',
      height: 102,
      inputs: [
        ['B', 0],
        ['ext', 0, 'O', 1_003_000n],
        ['A2', 0],
      ],
      outputs: [
        ['W1', 1_000_000n],
        ['W2', 999_000n],
      ],
    },
  ]

  test.each([false, true])(
    'same result whatever the discovery order (swap %s)',
    async (swap) => {
      const { result } = await run(branches(swap))
      expect(rows(result.endpoints)).toEqual([
        ['unspent', 'M:0', 'W1', 498_500n],
        ['unspent', 'M:1', 'W2', 498_001n],
      ])
      // A 500, A2 500, B 2 000, M 499
      expect(total(result.fees)).toBe(3_499n)
      const merged = result.flow.edges.find((e) => e.id === 'M:0')
      expect(merged?.inputs).toEqual(['Z2', 'Z3'])
      // Source is the address holding the largest tainted input (Z2: 598 000).
      expect(merged?.source).toBe('Z2')
    },
  )

  test('unconfirmed txs come last and still merge at once', async () => {
    const fakes = branches(false).map((tx) =>
      tx.txid === 'A2' || tx.txid === 'M' ? { ...tx, height: null } : tx,
    )
    const { result } = await run(fakes)
    expect(rows(result.endpoints).map((r) => r[3])).toEqual([
      498_500n,
      498_001n,
    ])
  })

  test('taint reaching an already processed tx is added, not lost (fifo)', async () => {
    // Q funds M inside the same block but is only discovered after M was taken.
    const fakes: FakeTx[] = [
      seed(
        [
          ['T1', 600_000n],
          ['T2', 400_000n],
        ],
        1_002_000n,
      ),
      {
        txid: 'P',
        height: 101,
        inputs: [['S', 1]],
        outputs: [['Q1', 399_000n]],
      },
      {
        txid: 'Q',
        height: 101,
        inputs: [['P', 0]],
        outputs: [['Q2', 398_000n]],
      },
      {
        txid: 'M',
        height: 101,
        inputs: [
          ['S', 0],
          ['Q', 0],
        ],
        outputs: [
          ['W1', 500_000n],
          ['W2', 497_000n],
        ],
      },
    ]
    const atRest = new Map<string, bigint>()
    for (const policy of ['haircut', 'poison', 'fifo'] as const) {
      const { result } = await run(fakes, { policy })
      const base = reconcileOne(result)
      expect(base.balanced).toBe(true)
      expect(result.endpoints.length).toBeGreaterThan(0)
      for (const e of result.endpoints) expect(e.taint <= e.value).toBe(true)
      atRest.set(policy, base.atRest)
    }
    expect(atRest.get('fifo')).toBe(997_000n)
  })
})

describe('P2PK outputs', () => {
  test('an output with no address is followed by outpoint', async () => {
    const fakes: FakeTx[] = [
      seed([[null, 1_000_000n]], 1_001_000n),
      {
        txid: 'Q',
        height: 101,
        inputs: [['S', 0]],
        outputs: [
          ['EXP', 600_000n],
          [null, 399_000n],
        ],
      },
    ]
    const { result } = await run(fakes, {
      labels: [['EXP', 'OKX', 'exchange']],
    })
    expect(rows(result.endpoints)).toEqual([
      ['exchange', 'Q:0', 'EXP', 600_000n],
      ['unspent', 'Q:1', null, 399_000n],
    ])
    const graph = result.flow
    expect(graph.nodes).toContainEqual(
      expect.objectContaining({ id: 'S:0', kind: 'script', address: null }),
    )
    expect(graph.nodes).toContainEqual(
      expect.objectContaining({
        id: 'utxo:Q:1',
        kind: 'utxo',
        address: null,
        role: 'endpoint',
      }),
    )
    expect(graph.edges.map((e) => [e.source, e.target])).toEqual([
      ['V', 'S:0'],
      ['S:0', 'EXP'],
      ['S:0', 'utxo:Q:1'],
    ])
  })
})

describe('speed', () => {
  const fan: FakeTx[] = [
    seed(
      Array.from({ length: 6 }, (_, i) => [`T${i}`, 100_000n] as const),
      601_000n,
    ),
    ...Array.from(
      { length: 6 },
      (_, i): FakeTx => ({
        txid: `F${i}`,
        height: 101 + i,
        inputs: [['S', i]],
        outputs: [[`Y${i}`, 99_000n]],
      }),
    ),
  ]

  test('prefetch keeps several requests in flight', async () => {
    const wide = await run(fan, { fake: { delay: 5 } })
    expect(wide.adapter.maxInFlight()).toBeGreaterThan(2)
    const narrow = await run(fan, { prefetch: 0, fake: { delay: 5 } })
    expect(narrow.adapter.maxInFlight()).toBe(1)
    expect(rows(wide.result.endpoints)).toEqual(rows(narrow.result.endpoints))
  })

  test('results do not depend on response timing', async () => {
    const baseline = await run(fan, { fake: { delay: 0 } })
    const jittered = await run(fan, {
      fake: { delay: (_, txid) => (txid.charCodeAt(1) * 7) % 11 },
    })
    expect(jittered.result.endpoints).toEqual(baseline.result.endpoints)
    expect(jittered.result.flow).toEqual(baseline.result.flow)
  })

  test('reports progress after every processed tx', async () => {
    const seen: TraceProgress[] = []
    await run(fan, { onProgress: (p) => seen.push(p) })
    expect(seen).toHaveLength(7)
    expect(seen.at(-1)).toEqual({ txs: 7, hops: 2, hits: 0, queued: 0 })
  })
})
