import { describe, expect, test } from 'vitest'
import type { FlowEdge } from '../../graph/flow.js'
import type { Endpoint, PolicyName } from '../types.js'
import { combineEdge, combineEndpoints, combineHits } from './claims.js'

const USDT = {
  chain: 'ethereum',
  symbol: 'USDT',
  decimals: 6,
  contract: '0xdac17f958d2ee523a2206206994597c13d831ec7',
}
const thief = '0x2000000000000000000000000000000000000002'
const kraken = '0x6000000000000000000000000000000000000006'
const T4 = `0x${'b4'.repeat(32)}`

const endpoint = (over: Partial<Endpoint>): Endpoint => ({
  reason: 'exchange',
  asset: USDT,
  txid: T4,
  vout: 0,
  address: kraken,
  value: 9_990n,
  taint: 0n,
  hop: 2,
  block: null,
  detail: '',
  entity: 'Kraken',
  category: 'exchange',
  labels: [],
  flags: [],
  attribution: 'label',
  confidence: 'high',
  evidence: [],
  spentBy: null,
  ...over,
})

type Row = {
  name: string
  policy: PolicyName
  claims: Partial<Endpoint>[]
  taints: bigint[]
  twice: bigint
}

// Two walks' claims on one payment of 9,990 (or one address at rest).
const rows: Row[] = [
  {
    name: 'poison: each walk claims the whole payment, counted once',
    policy: 'poison',
    claims: [{ taint: 9_990n }, { taint: 9_990n, hop: 1 }],
    taints: [9_990n],
    twice: 9_990n,
  },
  {
    name: 'haircut: the walks hold disjoint shares, which add',
    policy: 'haircut',
    claims: [{ taint: 6_000n }, { taint: 3_747n }],
    taints: [9_747n],
    twice: 0n,
  },
  {
    name: 'fifo: the same',
    policy: 'fifo',
    claims: [{ taint: 6_000n }, { taint: 3_739n }],
    taints: [9_739n],
    twice: 0n,
  },
  {
    name: 'two payments to one address stay two',
    policy: 'poison',
    claims: [{ taint: 5n }, { taint: 7n, vout: 1 }],
    taints: [5n, 7n],
    twice: 0n,
  },
  {
    name: 'an account address at rest is one place, whichever inflow each walk saw last',
    policy: 'poison',
    claims: [
      {
        reason: 'unspent',
        address: thief,
        txid: `0x${'b1'.repeat(32)}`,
        taint: 9_990n,
      },
      {
        reason: 'unspent',
        address: thief,
        txid: `0x${'b3'.repeat(32)}`,
        taint: 9_990n,
      },
    ],
    taints: [9_990n],
    twice: 9_990n,
  },
]

describe('combineEndpoints', () => {
  test.each(rows)('$name', ({ policy, claims, taints, twice }) => {
    const { byKey, claimedTwice } = combineEndpoints(
      claims.map((c) => ({ endpoint: endpoint(c), model: 'account' })),
      policy,
    )
    expect([...byKey.values()].map((e) => e.taint)).toEqual(taints)
    expect(claimedTwice.reduce((s, a) => s + a.amount, 0n)).toBe(twice)
  })

  test('UTXO outputs at rest are told apart by outpoint', () => {
    const { byKey } = combineEndpoints(
      [
        { endpoint: endpoint({ reason: 'unspent', vout: 0 }), model: 'utxo' },
        { endpoint: endpoint({ reason: 'unspent', vout: 1 }), model: 'utxo' },
      ],
      'poison',
    )
    expect(byKey.size).toBe(2)
  })
})

describe('combineHits', () => {
  test('one hit per deposit address, each payment once, at its combined taint', () => {
    const a = endpoint({ taint: 6_000n })
    const b = endpoint({ taint: 3_747n, hop: 1 })
    const { byKey } = combineEndpoints(
      [a, b].map((endpoint) => ({ endpoint, model: 'account' as const })),
      'haircut',
    )
    const hit = (outputs: Endpoint[], hops: number) => ({
      address: kraken,
      asset: USDT,
      entity: 'Kraken',
      category: 'exchange',
      attribution: 'label' as const,
      confidence: 'high' as const,
      labels: [],
      evidence: [],
      amount: outputs.reduce((s, e) => s + e.taint, 0n),
      received: 9_990n,
      outputs,
      hops,
      flags: [],
      model: 'account' as const,
    })
    const hits = combineHits([hit([a], 2), hit([b], 1)], byKey)
    expect(
      hits.map((h) => [h.amount, h.received, h.outputs.length, h.hops]),
    ).toEqual([[9_747n, 9_990n, 1, 1]])
  })
})

describe('combineEdge', () => {
  const edge = (tainted: bigint, hop: number): FlowEdge => ({
    id: 'e',
    source: thief,
    target: kraken,
    txHash: T4,
    outputIndex: 0,
    amount: 9_990n,
    tainted,
    block: 40,
    time: null,
    hop,
    policy: 'haircut',
  })
  test.each([
    ['poison', 9_990n, 9_990n, 9_990n],
    ['haircut', 6_000n, 3_747n, 9_747n],
    // Never more than the edge moved, whatever the walks claimed.
    ['fifo', 6_000n, 4_000n, 9_990n],
  ] as const)('%s: %i and %i make %i', (policy, a, b, expected) => {
    const one = combineEdge(edge(a, 3), edge(b, 2), policy)
    expect([one.tainted, one.hop]).toEqual([expected, 2])
  })
})
