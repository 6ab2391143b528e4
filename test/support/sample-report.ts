/**
 * A hand-written, internally consistent Report for the report renderers:
 * a 1 BTC theft traced over 5 hops to two exchange deposits (one by label,
 * one by deposit-sweep), one output at rest, a mixer and a fetch failure.
 * Entity names, labels and sources carry hostile strings to prove escaping.
 * Txids and addresses are made up; amounts reconcile exactly (haircut).
 */
import type { GraphEdge, GraphNode, Report } from '../../src/report/types.js'

export const NASTY = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  formula: '=HYPERLINK("http://x","y")',
  jsUrl: 'javascript:alert(1)',
} as const

const tx = (n: number) => n.toString(16).padStart(2, '0').repeat(32)
export const TX = {
  theft: tx(0x11),
  t2: tx(0x22),
  t3: tx(0x33),
  t4: tx(0x44),
  t5: tx(0x55),
  t6: tx(0x66),
  t7: tx(0x77),
  sweep: tx(0x88),
} as const

export const ADDR = {
  victim: 'bc1qvictim0000000000000000000000000000000a',
  a1: 'bc1qhop1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  a2: 'bc1qhop2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  a3: 'bc1qhop2bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  deposit: 'bc1qdeposit0binance00000000000000000000000',
  labelled: '3KrakenLabelledHotWallet0000000000',
  a4: 'bc1qhop3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  a5: 'bc1qhop3bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  rest: 'bc1qrest0000000000000000000000000000000000',
  mixer: 'bc1qmixer000000000000000000000000000000000',
  a6: 'bc1qhop4cccccccccccccccccccccccccccccccccc',
  failed: 'bc1qfailed00000000000000000000000000000000',
} as const

const sat = (n: number) => {
  const s = n.toString().padStart(9, '0')
  const whole = s.slice(0, -8).replace(/^0+(?=\d)/, '')
  const frac = s.slice(-8).replace(/0+$/, '')
  return { amount: frac ? `${whole}.${frac}` : whole, amountBase: String(n) }
}

const node = (
  id: keyof typeof ADDR,
  hop: number,
  role: GraphNode['role'],
  extra: Partial<GraphNode> = {},
): GraphNode => ({
  id: `addr:${ADDR[id]}`,
  kind: 'address',
  address: ADDR[id],
  hop,
  role,
  ...extra,
})

const times = [
  '2026-03-01T10:00:00.000Z',
  '2026-03-01T11:00:00.000Z',
  '2026-03-01T12:30:00.000Z',
  '2026-03-01T14:00:00.000Z',
  '2026-03-02T09:15:00.000Z',
]

const edge = (
  from: keyof typeof ADDR,
  to: keyof typeof ADDR,
  txHash: string,
  outputIndex: number,
  sats: number,
  hop: number,
): GraphEdge => {
  const a = sat(sats)
  return {
    id: `${txHash}:${outputIndex}`,
    source: `addr:${ADDR[from]}`,
    target: `addr:${ADDR[to]}`,
    txHash,
    outputIndex,
    amountBase: a.amountBase,
    taintedBase: a.amountBase,
    amount: a.amount,
    tainted: a.amount,
    block: 938_000 + hop * 2,
    time: times[hop - 1] ?? null,
    hop,
    policy: 'haircut',
  }
}

const binanceLabel = {
  entity: 'Binance',
  category: 'exchange',
  source: 'https://example.org/labels/binance.csv',
  confidence: 'high' as const,
  retrieved: '2026-02-20',
}
const hostileLabel = {
  entity: NASTY.script,
  category: `exchange${NASTY.img}`,
  source: NASTY.jsUrl,
  confidence: 'high' as const,
  retrieved: '2026-02-21',
}

export function sampleReport(): Report {
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'fundtrace', version: '0.1.0' },
    generatedAt: '2026-03-03T08:00:00.000Z',
    case: {
      chain: 'bitcoin',
      seeds: [{ kind: 'tx', txid: TX.theft }],
      victims: [ADDR.victim],
      options: {
        maxHops: 12,
        minAmount: '1000',
        maxNodes: 2000,
        policy: 'haircut',
      },
    },
    policy: {
      name: 'haircut',
      description:
        'Each output carries taint in proportion to the tainted share of the tx inputs; floor remainders go to the fee.',
    },
    asset: { symbol: 'BTC', decimals: 8 },
    status: 'incomplete',
    reconciliation: {
      stolen: sat(100_000_000),
      atExchanges: sat(60_000_000),
      atServices: sat(4_980_000),
      atRest: sat(20_000_000),
      returnedToVictim: sat(0),
      fees: sat(60_000),
      unexplored: sat(14_960_000),
      absorbed: sat(0),
      balanced: true,
    },
    hits: [
      {
        ...sat(35_000_000),
        chain: 'bitcoin',
        address: ADDR.deposit,
        entity: 'Binance',
        category: 'exchange',
        attribution: 'deposit-sweep',
        confidence: 'medium',
        labels: [binanceLabel],
        evidence: [TX.sweep],
        asset: 'BTC',
        received: '0.35',
        receivedBase: '35000000',
        txHashes: [TX.t3],
        outputs: [{ txHash: TX.t3, outputIndex: 0, block: 938_006 }],
        firstSeen: times[2] ?? null,
        hops: 3,
        flags: [],
      },
      {
        ...sat(25_000_000),
        chain: 'bitcoin',
        address: ADDR.labelled,
        entity: NASTY.script,
        category: hostileLabel.category,
        attribution: 'label',
        confidence: 'high',
        labels: [hostileLabel],
        evidence: [],
        asset: 'BTC',
        received: '0.25',
        receivedBase: '25000000',
        txHashes: [TX.t4],
        outputs: [{ txHash: TX.t4, outputIndex: 0, block: 938_006 }],
        firstSeen: times[2] ?? null,
        hops: 3,
        flags: [],
      },
    ],
    atRest: [
      {
        ...sat(20_000_000),
        chain: 'bitcoin',
        address: ADDR.rest,
        asset: 'BTC',
        txHash: TX.t5,
        outputIndex: 0,
        value: '0.2',
        asOfBlock: 938_120,
        hops: 4,
      },
    ],
    unexplored: [
      {
        ...sat(4_980_000),
        chain: 'bitcoin',
        asset: 'BTC',
        address: ADDR.mixer,
        txHash: TX.t5,
        outputIndex: 1,
        reason: 'service',
        detail: NASTY.formula,
        hops: 4,
        entity: NASTY.img,
      },
      {
        ...sat(14_960_000),
        chain: 'bitcoin',
        asset: 'BTC',
        address: ADDR.failed,
        txHash: TX.t7,
        outputIndex: 0,
        reason: 'fetch-failed',
        detail: '-outspends 503 after 4 attempts',
        hops: 5,
      },
    ],
    heuristics: [
      {
        rule: 'deposit-sweep',
        txHash: TX.sweep,
        detail: `all outputs pay Binance hot wallets; <b>inputs</b> unlabelled`,
      },
    ],
    graph: {
      nodes: [
        node('victim', 0, 'victim'),
        node('a1', 1, 'seed'),
        node('a2', 2, 'intermediate'),
        node('a3', 2, 'intermediate'),
        node('deposit', 3, 'exchange', {
          entity: 'Binance',
          category: 'exchange',
        }),
        node('labelled', 3, 'exchange', {
          entity: NASTY.script,
          category: hostileLabel.category,
        }),
        node('a4', 3, 'intermediate'),
        node('a5', 3, 'intermediate'),
        node('rest', 4, 'endpoint'),
        node('mixer', 4, 'service', { entity: NASTY.img, category: 'mixer' }),
        node('a6', 4, 'intermediate'),
        node('failed', 5, 'endpoint'),
      ],
      edges: [
        edge('victim', 'a1', TX.theft, 0, 100_000_000, 1),
        edge('a1', 'a2', TX.t2, 0, 60_000_000, 2),
        edge('a1', 'a3', TX.t2, 1, 39_990_000, 2),
        edge('a2', 'deposit', TX.t3, 0, 35_000_000, 3),
        edge('a2', 'a4', TX.t3, 1, 24_990_000, 3),
        edge('a3', 'labelled', TX.t4, 0, 25_000_000, 3),
        edge('a3', 'a5', TX.t4, 1, 14_980_000, 3),
        edge('a4', 'rest', TX.t5, 0, 20_000_000, 4),
        edge('a4', 'mixer', TX.t5, 1, 4_980_000, 4),
        edge('a5', 'a6', TX.t6, 0, 14_970_000, 4),
        edge('a6', 'failed', TX.t7, 0, 14_960_000, 5),
      ],
    },
    sources: [
      {
        baseUrl: 'https://blockstream.info/api',
        requests: 41,
        cacheHits: 3,
        tipHeight: 938_120,
        firstRetrievedAt: '2026-03-03T07:58:10.000Z',
        lastRetrievedAt: '2026-03-03T07:59:40.000Z',
      },
    ],
    stats: { hops: 5, txs: 7, requests: 41 },
  }
}

/** A synthetic wide trace: one seed fanning out into `n` addresses over 4 hops. */
export function largeReport(n: number): Report {
  const base = sampleReport()
  const nodes: GraphNode[] = [
    {
      id: 'addr:victim',
      kind: 'address',
      address: ADDR.victim,
      hop: 0,
      role: 'victim',
    },
  ]
  const edges: GraphEdge[] = []
  for (let i = 0; i < n; i++) {
    const hop = 1 + (i % 4)
    const role: GraphNode['role'] = i % 50 === 49 ? 'exchange' : 'intermediate'
    const id = `addr:bc1qbulk${i.toString().padStart(6, '0')}`
    nodes.push({
      id,
      kind: 'address',
      address: id.slice(5),
      hop,
      role,
      ...(role === 'exchange'
        ? {
            entity: i % 100 === 49 ? NASTY.script : 'Binance',
            category: 'exchange',
          }
        : {}),
    })
    const source =
      hop === 1
        ? 'addr:victim'
        : `addr:bc1qbulk${(i - 1).toString().padStart(6, '0')}`
    const txHash = (i + 1).toString(16).padStart(64, '0')
    edges.push({
      id: `${txHash}:0`,
      source,
      target: id,
      txHash,
      outputIndex: 0,
      amountBase: '1000',
      taintedBase: '1000',
      amount: '0.00001',
      tainted: '0.00001',
      block: 938_000 + hop,
      time: '2026-03-01T10:00:00.000Z',
      hop,
      policy: 'haircut',
    })
  }
  return { ...base, graph: { nodes, edges } }
}
