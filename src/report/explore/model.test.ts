import { describe, expect, test } from 'vitest'
import { chainNodeId, collapseChains, peelChains } from './collapse.js'
import {
  NO_FILTER,
  nodeTotals,
  pathTo,
  search,
  validAmount,
  visibleSet,
} from './model.js'
import type { ExploreData, ExploreEdge, ExploreNode } from './types.js'

function node(
  id: string,
  hop: number,
  kind: ExploreNode['kind'] = 'intermediate',
): ExploreNode {
  return {
    id,
    caseId: '',
    chain: 'bitcoin',
    address: id,
    hop,
    kind,
    entity: null,
    category: null,
    labels: [],
    hit: null,
    note: null,
    evidence: [],
  }
}

function edge(
  txHash: string,
  source: string,
  target: string,
  taintedBase: string,
  asset = 'BTC',
  decimals = 8,
): ExploreEdge {
  return {
    id: `${txHash}:0`,
    caseId: '',
    source,
    target,
    chain: 'bitcoin',
    txHash,
    outputIndex: 0,
    asset,
    decimals,
    amount: '',
    amountBase: taintedBase,
    tainted: '',
    taintedBase,
    fee: null,
    tracedFee: null,
    feeAsset: 'BTC',
    policy: 'haircut',
    block: 1,
    time: null,
    hop: 1,
    url: null,
    evidence: [],
  }
}

// victim → p1 → p2 → p3 → rest, peeling to d1 (Binance) and d2 (Kraken); a USDT side branch.
const DATA: ExploreData = {
  title: 't',
  chains: ['bitcoin'],
  cases: [],
  nodes: [
    node('victim', 0, 'victim'),
    node('p1', 1),
    node('p2', 2),
    node('d1', 2, 'exchange'),
    node('p3', 3),
    node('d2', 3, 'exchange'),
    node('rest', 4, 'rest'),
    node('tok', 1),
  ],
  edges: [
    edge('aa01', 'victim', 'p1', '100000000'),
    edge('aa02', 'p1', 'p2', '90000000'),
    edge('aa03', 'p1', 'd1', '10000000'),
    edge('aa04', 'p2', 'p3', '80000000'),
    edge('bb05', 'p2', 'd2', '10000000'),
    edge('bb06', 'p3', 'rest', '80000000'),
    edge('cc07', 'victim', 'tok', '5000000', 'USDT', 6),
  ],
}

describe('visibleSet', () => {
  test.each([
    { name: 'no filter: everything', filter: NO_FILTER, nodes: 8, edges: 7 },
    {
      name: 'min 0.5 keeps the chain, the rest and the 5 USDT',
      filter: { ...NO_FILTER, minAmount: '0.5' },
      nodes: 6,
      edges: 5,
    },
    // 0.5 in USDT's 6 decimals is 500000 base units: the 5 USDT edge passes.
    {
      name: "min 0.5 compares in each asset's decimals",
      filter: { ...NO_FILTER, minAmount: '0.5', asset: 'USDT' },
      nodes: 2,
      edges: 1,
    },
    {
      name: 'one satoshi more drops the 0.8 transfers',
      filter: { ...NO_FILTER, minAmount: '0.80000001' },
      nodes: 4,
      edges: 3,
    },
    {
      name: 'min exactly equal passes',
      filter: { ...NO_FILTER, minAmount: '0.8' },
      nodes: 6,
      edges: 5,
    },
    {
      name: 'asset BTC drops the token branch',
      filter: { ...NO_FILTER, asset: 'BTC' },
      nodes: 7,
      edges: 6,
    },
    {
      name: 'unknown chain: nothing',
      filter: { ...NO_FILTER, chain: 'ethereum' },
      nodes: 0,
      edges: 0,
    },
  ])('$name', ({ filter, nodes, edges }) => {
    const v = visibleSet(DATA, filter)
    expect([v.nodes.size, v.edges.size]).toEqual([nodes, edges])
  })

  test.each(['', '1', '0.5', '.5', ' 2.25 '])('valid amount %j', (t) =>
    expect(validAmount(t)).toBe(true),
  )
  test.each(['abc', '1e3', '-1', '1.2.3', '0x10'])('invalid amount %j', (t) =>
    expect(validAmount(t)).toBe(false),
  )
})

describe('search', () => {
  test('an address prefix finds the node, case-insensitively', () => {
    expect(search(DATA, 'VIC')).toEqual([
      { type: 'node', id: 'victim', text: 'victim' },
    ])
  })
  test('a tx prefix finds its transfers', () => {
    expect(search(DATA, 'BB0').map((m) => m.id)).toEqual(['bb05:0', 'bb06:0'])
  })
  test('fewer than three characters find nothing', () => {
    expect(search(DATA, 'aa')).toEqual([])
  })
})

test('pathTo: every address and transfer from the theft to Kraken, nothing else', () => {
  const path = pathTo(DATA, 'd2')
  expect([...path.nodes].sort()).toEqual(['d2', 'p1', 'p2', 'victim'])
  expect([...path.edges].sort()).toEqual(['aa01:0', 'aa02:0', 'bb05:0'])
})

test('nodeTotals: traced in and out per asset, exact', () => {
  expect(nodeTotals(DATA, 'p1')).toEqual([{ asset: 'BTC', in: '1', out: '1' }])
  expect(nodeTotals(DATA, 'victim')).toEqual([
    { asset: 'BTC', in: '0', out: '1' },
    { asset: 'USDT', in: '0', out: '5' },
  ])
})

describe('peel chains', () => {
  test('the run p1 → p2 → p3 is one chain; deposits and the token branch are not in it', () => {
    expect(peelChains(DATA)).toEqual([['p1', 'p2', 'p3']])
    expect(peelChains(DATA, 4)).toEqual([])
  })

  test('collapsed: one node stands for the chain, its peels hang off it, edge ids kept', () => {
    const folded = collapseChains(DATA, peelChains(DATA))
    const id = chainNodeId(['p1'])
    expect(folded.nodes.map((n) => n.id).sort()).toEqual(
      ['d1', 'd2', id, 'rest', 'tok', 'victim'].sort(),
    )
    expect(folded.nodes.find((n) => n.id === id)?.members).toEqual([
      'p1',
      'p2',
      'p3',
    ])
    expect(
      folded.edges.map((e) => `${e.id} ${e.source}>${e.target}`).sort(),
    ).toEqual(
      [
        `aa01:0 victim>${id}`,
        `aa03:0 ${id}>d1`,
        `bb05:0 ${id}>d2`,
        `bb06:0 ${id}>rest`,
        'cc07:0 victim>tok',
      ].sort(),
    )
  })

  test('a swap ends a chain: the address paid on the far side is not a peel of it', () => {
    const far = { ...node('x', 4), chain: 'ethereum' }
    const swapped = {
      ...DATA,
      chains: ['bitcoin', 'ethereum'],
      nodes: [...DATA.nodes, far],
      edges: [
        ...DATA.edges,
        {
          ...edge('ee09', 'p3', 'x', '1', 'ETH', 18),
          swap: {} as NonNullable<ExploreEdge['swap']>,
        },
      ],
    }
    expect(peelChains(swapped)).toEqual([['p1', 'p2', 'p3']])
  })

  test('an address paid by two others breaks the chain', () => {
    const merged = {
      ...DATA,
      edges: [...DATA.edges, edge('dd08', 'victim', 'p2', '1')],
    }
    expect(peelChains(merged)).toEqual([])
  })
})
