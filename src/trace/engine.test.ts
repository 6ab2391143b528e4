import { describe, expect, test } from 'vitest'
import type { FakeTx } from '../../test/support/fake-utxo-adapter.js'
import {
  reconcileOne,
  rows,
  run,
  total,
} from '../../test/support/trace-harness.js'

const EX = [['EXD', 'Binance', 'exchange'] as const]

/**
 * The victim V loses 600 000 sat to T1, which peels twice, then pays an
 * exchange and sends the rest back to V (with a single output P3 would look
 * like a deposit sweep).
 */
const peel: FakeTx[] = [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 1_000_000n]],
    outputs: [
      ['T1', 600_000n],
      ['V', 399_000n],
    ],
  },
  {
    txid: 'P1',
    height: 101,
    inputs: [['S', 0]],
    outputs: [
      ['X1', 100_000n],
      ['T2', 499_000n],
    ],
  },
  {
    txid: 'P2',
    height: 102,
    inputs: [['P1', 1]],
    outputs: [
      ['X2', 200_000n],
      ['T3', 298_000n],
    ],
  },
  {
    txid: 'P3',
    height: 103,
    inputs: [['P2', 1]],
    outputs: [
      ['EXD', 200_000n],
      ['V', 97_000n],
    ],
  },
]

describe('peel chain', () => {
  test('follows to the exchange and leaves the peels at rest', async () => {
    const { result, adapter } = await run(peel, { victims: ['V'], labels: EX })
    expect(result.status).toBe('complete')
    expect(total(result.stolen)).toBe(600_000n)
    expect(total(result.fees)).toBe(3_000n)
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'P1:0', 'X1', 100_000n],
      ['unspent', 'P2:0', 'X2', 200_000n],
      ['exchange', 'P3:0', 'EXD', 200_000n],
      ['victim', 'P3:1', 'V', 97_000n],
    ])
    expect(result.hits).toMatchObject([
      {
        address: 'EXD',
        entity: 'Binance',
        attribution: 'label',
        amount: 200_000n,
        received: 200_000n,
        hops: 4,
      },
    ])
    expect(result.stats.hops).toBe(4)
    expect(result.stats.txs).toBe(4)
    // P3 pays only an exchange and the victim: its spend status is never needed.
    expect([...adapter.calls.getOutspends].sort()).toEqual(['P1', 'P2', 'S'])
    expect([...adapter.calls.getTx].sort()).toEqual(['P1', 'P2', 'P3', 'S'])
  })

  test('max-hops stops the output whose spender would be hop 3', async () => {
    const { result, adapter } = await run(peel, {
      victims: ['V'],
      labels: EX,
      maxHops: 2,
    })
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'P1:0', 'X1', 100_000n],
      ['max-hops', 'P1:1', 'T2', 499_000n],
    ])
    expect(result.endpoints[1]?.spentBy).toBe('P2')
    expect(adapter.calls.getTx).not.toContain('P2')
  })

  test('min-amount stops dust without asking for its spend status', async () => {
    const { result } = await run(peel, {
      victims: ['V'],
      labels: EX,
      minAmount: 150_000n,
    })
    expect(rows(result.endpoints)).toEqual([
      ['min-amount', 'P1:0', 'X1', 100_000n],
      ['unspent', 'P2:0', 'X2', 200_000n],
      ['exchange', 'P3:0', 'EXD', 200_000n],
      ['victim', 'P3:1', 'V', 97_000n],
    ])
    expect(
      result.endpoints.find((e) => e.reason === 'min-amount')?.detail,
    ).toBe('taint 0.001 BTC is below min-amount 0.0015 BTC')
  })

  test('max-nodes stops the first tx over budget, unfetched', async () => {
    const { result, adapter } = await run(peel, {
      victims: ['V'],
      labels: EX,
      maxNodes: 2,
    })
    expect(result.stats.txs).toBe(2)
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'P1:0', 'X1', 100_000n],
      ['max-nodes', 'P1:1', 'T2', 499_000n],
    ])
    expect(adapter.calls.getTx).not.toContain('P2')
    expect(result.status).toBe('incomplete')
  })
})

/** 1 000 000 stolen sat merge with 500 000 outside sat; B pays an exchange. */
const merge: FakeTx[] = [
  {
    txid: 'S',
    height: 100,
    inputs: [['fund', 0, 'V', 1_001_000n]],
    outputs: [['T1', 1_000_000n]],
  },
  {
    txid: 'M',
    height: 101,
    inputs: [
      ['S', 0],
      ['ext', 0, 'O', 500_000n],
    ],
    outputs: [
      ['A', 900_000n],
      ['EXK', 598_000n],
    ],
  },
]
const KRAKEN = [['EXK', 'Kraken', 'exchange'] as const]

describe('merge with outside funds', () => {
  test.each([
    // haircut: floor(900000·2/3), floor(598000·2/3), remainder to fee
    {
      policy: 'haircut',
      atRest: 600_000n,
      hit: 398_666n,
      fees: 1_334n,
      absorbed: 0n,
    },
    {
      policy: 'poison',
      atRest: 900_000n,
      hit: 598_000n,
      fees: 2_000n,
      absorbed: 500_000n,
    },
    // fifo: stolen first on the line: A takes 900 000, EXK the last 100 000
    { policy: 'fifo', atRest: 900_000n, hit: 100_000n, fees: 0n, absorbed: 0n },
  ] as const)('$policy', async ({ policy, atRest, hit, fees, absorbed }) => {
    const { result } = await run(merge, { policy, labels: KRAKEN })
    expect(total(result.stolen)).toBe(1_000_000n)
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'M:0', 'A', atRest],
      ['exchange', 'M:1', 'EXK', hit],
    ])
    expect(result.hits[0]).toMatchObject({ amount: hit, received: 598_000n })
    expect(total(result.fees)).toBe(fees)
    expect(total(result.absorbed)).toBe(absorbed)
    const edges = result.flow.edges.map((e) => [
      e.txHash,
      e.outputIndex,
      e.tainted,
      e.policy,
    ])
    expect(edges).toContainEqual(['M', 1, hit, policy])
  })
})

describe('deposit sweeps', () => {
  const HOT = [['HOT', 'Binance', 'exchange'] as const]

  test('hit at the deposit address, not the hot wallet, counted once', async () => {
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
        outputs: [['HOT', 1_998_000n]],
      },
    ]
    const { result, adapter } = await run(fakes, { labels: HOT })
    expect(result.hits).toHaveLength(1)
    expect(result.hits[0]).toMatchObject({
      address: 'DEP',
      entity: 'Binance',
      category: 'exchange-deposit',
      attribution: 'deposit-sweep',
      confidence: 'medium',
      evidence: ['SW'],
      amount: 1_999_000n,
      hops: 2,
    })
    expect(reconcileOne(result)).toMatchObject({
      atExchanges: 1_999_000n,
      fees: 1_000n,
    })
    expect(result.heuristics).toContainEqual(
      expect.objectContaining({ rule: 'deposit-sweep', txHash: 'SW' }),
    )
    expect(adapter.calls.getOutspends).not.toContain('SW')
    expect(result.flow.nodes.some((n) => n.id === 'HOT')).toBe(false)
    expect(result.flow.nodes.find((n) => n.id === 'DEP')).toMatchObject({
      role: 'exchange',
      entity: 'Binance',
    })
  })

  test('a sweep co-spending two tainted deposits gives two hits', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['fund', 0, 'V', 3_002_000n]],
        outputs: [
          ['T1', 1_000_000n],
          ['T2', 2_000_000n],
        ],
      },
      {
        txid: 'D1',
        height: 101,
        inputs: [['S', 0]],
        outputs: [['DEP1', 999_000n]],
      },
      {
        txid: 'D2',
        height: 101,
        inputs: [['S', 1]],
        outputs: [['DEP2', 1_999_000n]],
      },
      {
        txid: 'SW',
        height: 110,
        inputs: [
          ['D1', 0],
          ['D2', 0],
          ['other', 0, 'DEP3', 500_000n],
        ],
        outputs: [['HOT', 3_497_000n]],
      },
    ]
    const { result } = await run(fakes, { labels: HOT })
    expect(result.hits.map((h) => [h.address, h.amount, h.evidence])).toEqual([
      ['DEP2', 1_999_000n, ['SW']],
      ['DEP1', 999_000n, ['SW']],
    ])
    expect(
      result.heuristics.filter((h) => h.rule === 'deposit-sweep'),
    ).toHaveLength(1)
    expect(total(result.fees)).toBe(2_000n)
  })

  test('a labelled input means it is not a sweep: followed as a payment', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['fund', 0, 'V', 1_001_000n]],
        outputs: [['T1', 1_000_000n]],
      },
      {
        txid: 'N',
        height: 101,
        inputs: [
          ['S', 0],
          ['h', 0, 'HOT', 5_000n],
        ],
        outputs: [['HOT', 1_004_000n]],
      },
    ]
    const { result } = await run(fakes, { labels: HOT })
    expect(result.hits[0]).toMatchObject({
      address: 'HOT',
      attribution: 'label',
    })
  })
})

describe('seeds', () => {
  test("the victim's own exchange change is not tainted and not a hit", async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['w', 0, 'CBHOT1', 10_000_000n]],
        outputs: [
          ['T1', 1_000_000n],
          ['CBHOT2', 8_999_000n],
        ],
      },
    ]
    const labels = [
      ['CBHOT1', 'Coinbase', 'exchange'],
      ['CBHOT2', 'Coinbase', 'exchange'],
    ] as const
    const { result } = await run(fakes, { labels })
    expect(total(result.stolen)).toBe(1_000_000n)
    expect(result.hits).toEqual([])
    expect(rows(result.endpoints)).toEqual([
      ['unspent', 'S:0', 'T1', 1_000_000n],
    ])
    expect(result.heuristics).toContainEqual({
      rule: 'seed-exclusion',
      txHash: 'S',
      detail:
        'output 1 not counted as stolen: pays Coinbase, the same entity as the sender',
    })
  })

  test('a labelled sender paying several outputs warns of a batched withdrawal', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['w', 0, 'CBHOT1', 10_000_000n]],
        outputs: [
          ['T1', 1_000_000n],
          ['OTHER', 2_000_000n],
          ['CBHOT1', 6_999_000n],
        ],
      },
    ]
    const labels = [['CBHOT1', 'Coinbase', 'exchange']] as const
    const { result } = await run(fakes, { labels })
    expect(total(result.stolen)).toBe(3_000_000n)
    expect(result.heuristics).toContainEqual({
      rule: 'seed-batch-warning',
      txHash: 'S',
      detail:
        "the sender is labelled Coinbase and 2 outputs were taken as stolen; if this is a batched withdrawal, pin the victim's output with --tx S:VOUT",
    })
  })

  test('change back to an input address is excluded; a pinned output is taken as given', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S',
        height: 100,
        inputs: [['f', 0, 'V', 1_000_000n]],
        outputs: [
          ['T1', 300_000n],
          ['T9', 200_000n],
          ['V', 499_000n],
        ],
      },
    ]
    const all = await run(fakes)
    expect(total(all.result.stolen)).toBe(500_000n)
    const pinned = await run(fakes, {
      seeds: [{ kind: 'tx', txid: 'S', outputs: [1] }],
    })
    expect(total(pinned.result.stolen)).toBe(200_000n)
    expect(rows(pinned.result.endpoints)).toEqual([
      ['unspent', 'S:1', 'T9', 200_000n],
    ])
  })

  test('an address seed takes every spend from the address, the address as victim', async () => {
    const fakes: FakeTx[] = [
      {
        txid: 'S1',
        height: 100,
        inputs: [['f', 0, 'V', 1_000_000n]],
        outputs: [
          ['T1', 300_000n],
          ['V', 699_000n],
        ],
      },
      {
        txid: 'S2',
        height: 101,
        inputs: [['S1', 1]],
        outputs: [['T2', 698_000n]],
      },
      {
        txid: 'IN',
        height: 99,
        inputs: [['g', 0, 'Z', 5_000n]],
        outputs: [['V', 4_000n]],
      },
    ]
    const { result } = await run(fakes, {
      seeds: [{ kind: 'address', address: 'V', since: 0 }],
      fake: { addressTxids: { V: ['IN', 'S1', 'S2'] } },
    })
    expect(result.seedTxs).toEqual(['S1', 'S2'])
    expect(result.victims).toEqual(['V'])
    expect(total(result.stolen)).toBe(998_000n)
  })

  test('an unknown seed tx rethrows NotFoundError', async () => {
    await expect(
      run([], { seeds: [{ kind: 'tx', txid: 'nope' }] }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    })
  })
})
