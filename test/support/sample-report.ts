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

/** The hostile token name and label the safety tests feed. */
export const HOSTILE = {
  token: '<img src=x onerror=alert(1)>',
  label: '=HYPERLINK("http://x","y")',
} as const

const evmTx = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`
export const EVM = {
  theftEth: evmTx(0xa1),
  theftUsdt: evmTx(0xa2),
  toBinance: evmTx(0xb1),
  toKraken: evmTx(0xb2),
  toRest: evmTx(0xb3),
  victim: '0x1111111111111111111111111111111111111111',
  a1: '0x2222222222222222222222222222222222222222',
  binance: '0x3333333333333333333333333333333333333333',
  kraken: '0x4444444444444444444444444444444444444444',
  rest: '0x5555555555555555555555555555555555555555',
  usdt: '0xdac17f958d2ee523a2206206994597c13d831ec7',
  evilToken: '0xbadbadbadbadbadbadbadbadbadbadbadbadbad0',
} as const

const units = (whole: string, base: string) => ({
  amount: whole,
  amountBase: base,
})
const zero = units('0', '0')

function recon(
  stolen: ReturnType<typeof units>,
  parts: Partial<Record<'atExchanges' | 'atRest' | 'fees', typeof stolen>>,
) {
  return {
    stolen,
    atExchanges: parts.atExchanges ?? zero,
    atServices: zero,
    atRest: parts.atRest ?? zero,
    returnedToVictim: zero,
    fees: parts.fees ?? zero,
    unexplored: zero,
    absorbed: zero,
    balanced: true,
  }
}

function evmEdge(
  id: string,
  from: string,
  to: string,
  txHash: string,
  amount: ReturnType<typeof units>,
  hop: number,
  asset: { kind: 'native' | 'erc20'; symbol: string; contract?: string },
): GraphEdge {
  return {
    id,
    source: `addr:${from}`,
    target: `addr:${to}`,
    txHash,
    outputIndex: asset.kind === 'native' ? 0 : 3,
    amountBase: amount.amountBase,
    taintedBase: amount.amountBase,
    amount: amount.amount,
    tainted: amount.amount,
    block: 21_000_000 + hop,
    time: `2026-04-0${hop}T12:00:00.000Z`,
    hop,
    policy: 'fifo',
    kind: asset.kind,
    asset: asset.symbol,
    ...(asset.contract ? { contract: asset.contract } : {}),
  }
}

/**
 * An EVM trace: 10 ETH and 5,000 USDT stolen; the USDT reaches a Binance
 * deposit (a token hit, with its contract), 9.99 ETH reaches a deposit
 * labelled with a spreadsheet formula, and a hostile-named token rests at an
 * unlabelled address. The headline asset is ETH, so anything that shows
 * report.asset for a token hit is wrong.
 */
export function evmSampleReport(): Report {
  const base = sampleReport()
  const eth = { kind: 'native' as const, symbol: 'ETH' }
  const usdt = { kind: 'erc20' as const, symbol: 'USDT', contract: EVM.usdt }
  const evil = {
    kind: 'erc20' as const,
    symbol: HOSTILE.token,
    contract: EVM.evilToken,
  }
  const ten = units('10', '10000000000000000000')
  const ethHit = units('9.99', '9990000000000000000')
  const fee = units('0.01', '10000000000000000')
  const fiveK = units('5000', '5000000000')
  const evil1k = units('1000', '1000000000000000000000')
  const hit = (
    address: string,
    entity: string,
    amount: typeof ten,
    txHash: string,
    asset: string,
    contract?: string,
  ): Report['hits'][number] => ({
    ...amount,
    chain: 'ethereum',
    address,
    entity,
    category: 'exchange',
    attribution: 'label',
    confidence: 'high',
    labels: [
      {
        entity,
        category: 'exchange',
        source: 'https://example.org/labels/evm.csv',
        confidence: 'high',
        retrieved: '2026-03-30',
      },
    ],
    evidence: [],
    asset,
    received: amount.amount,
    receivedBase: amount.amountBase,
    txHashes: [txHash],
    outputs: [{ txHash, outputIndex: contract ? 3 : 0, block: 21_000_002 }],
    firstSeen: '2026-04-02T12:00:00.000Z',
    hops: 2,
    flags: [],
    ...(contract ? { contract } : {}),
  })
  const node = (
    address: string,
    hop: number,
    role: GraphNode['role'],
    entity?: string,
  ): GraphNode => ({
    id: `addr:${address}`,
    kind: 'address',
    address,
    hop,
    role,
    ...(entity ? { entity, category: 'exchange' } : {}),
  })
  return {
    ...base,
    case: {
      chain: 'ethereum',
      seeds: [
        { kind: 'tx', txid: EVM.theftEth },
        { kind: 'tx', txid: EVM.theftUsdt },
      ],
      victims: [EVM.victim],
      options: { ...base.case.options, policy: 'fifo' },
    },
    policy: { name: 'fifo', description: 'FIFO: first in, first out.' },
    asset: { symbol: 'ETH', decimals: 18 },
    status: 'complete',
    reconciliation: recon(ten, { atExchanges: ethHit, fees: fee }),
    reconciliations: [
      {
        ...recon(ten, { atExchanges: ethHit, fees: fee }),
        asset: 'ETH',
        decimals: 18,
      },
      {
        ...recon(fiveK, { atExchanges: fiveK }),
        asset: 'USDT',
        decimals: 6,
        contract: EVM.usdt,
      },
      {
        ...recon(evil1k, { atRest: evil1k }),
        asset: HOSTILE.token,
        decimals: 18,
        contract: EVM.evilToken,
      },
    ],
    hits: [
      hit(EVM.binance, 'Binance', fiveK, EVM.toBinance, 'USDT', EVM.usdt),
      hit(EVM.kraken, HOSTILE.label, ethHit, EVM.toKraken, 'ETH'),
    ],
    atRest: [
      {
        ...evil1k,
        chain: 'ethereum',
        address: EVM.rest,
        asset: HOSTILE.token,
        contract: EVM.evilToken,
        txHash: EVM.toRest,
        outputIndex: 3,
        value: '1000',
        asOfBlock: 21_000_100,
        hops: 2,
      },
    ],
    unexplored: [],
    heuristics: [],
    graph: {
      nodes: [
        node(EVM.victim, 0, 'victim'),
        node(EVM.a1, 1, 'seed'),
        node(EVM.binance, 2, 'exchange', 'Binance'),
        node(EVM.kraken, 2, 'exchange', HOSTILE.label),
        node(EVM.rest, 2, 'endpoint'),
      ],
      edges: [
        evmEdge('e1', EVM.victim, EVM.a1, EVM.theftEth, ten, 1, eth),
        evmEdge('e2', EVM.victim, EVM.a1, EVM.theftUsdt, fiveK, 1, usdt),
        evmEdge('e3', EVM.a1, EVM.binance, EVM.toBinance, fiveK, 2, usdt),
        evmEdge('e4', EVM.a1, EVM.kraken, EVM.toKraken, ethHit, 2, eth),
        evmEdge('e5', EVM.a1, EVM.rest, EVM.toRest, evil1k, 2, evil),
      ],
    },
    sources: [
      {
        baseUrl: 'https://api.etherscan.io/v2/api',
        requests: 12,
        cacheHits: 0,
        tipHeight: 21_000_100,
        firstRetrievedAt: '2026-04-05T08:00:00.000Z',
        lastRetrievedAt: '2026-04-05T08:01:00.000Z',
      },
    ],
    stats: { hops: 2, txs: 5, requests: 12, addresses: 5 },
    limitations: ['Bridge transfers are not followed across chains.'],
  }
}

/** The Ethereum side of crossChainSampleReport. */
export const CROSS = {
  router: '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146',
  thief: '0x2000000000000000000000000000000000000002',
  kraken: '0x4000000000000000000000000000000000000004',
  /** THORChain's payout (router TransferOut, memo OUT:<TX.t5>). */
  payout: `0x${'e1'.repeat(32)}`,
  toKraken: `0x${'e2'.repeat(32)}`,
  memo: `=:e:0x2000000000000000000000000000000000000002:0/1/0:t:0${NASTY.script}`,
} as const

/**
 * The sample trace crossing to Ethereum: the 0.0498 BTC paid to the mixer's
 * address (here a THORChain vault) is swapped to 1.5 ETH, paid out by the
 * router to the thief's Ethereum address and deposited whole at Kraken.
 * The inbound memo carries a script tag: memos are chosen by the thief.
 */
export function crossChainSampleReport(): Report {
  const report = sampleReport()
  const wei = (eth: string, base: string) => ({ amount: eth, amountBase: base })
  const onEth = (
    id: string,
    hop: number,
    role: GraphNode['role'],
    extra: Partial<GraphNode> = {},
  ): GraphNode => ({
    id,
    kind: 'address',
    address: id,
    hop,
    role,
    chain: 'ethereum',
    ...extra,
  })
  const ethEdge = (
    source: string,
    target: string,
    txHash: string,
    hop: number,
  ): GraphEdge => ({
    id: `${txHash}:0`,
    source,
    target,
    txHash,
    outputIndex: 0,
    ...wei('1.5', '1500000000000000000'),
    taintedBase: '1500000000000000000',
    tainted: '1.5',
    block: 20_000_000 + hop,
    time: `2026-03-02T1${hop}:00:00.000Z`,
    hop,
    policy: 'haircut',
    kind: 'native',
    asset: 'ETH',
  })
  report.graph.nodes = [
    ...report.graph.nodes.map((n) =>
      n.address === ADDR.mixer
        ? {
            ...n,
            entity: 'THORChain vault',
            category: 'swap',
            chain: 'bitcoin',
          }
        : { ...n, chain: 'bitcoin' },
    ),
    onEth(CROSS.router, 4, 'service', { entity: 'THORChain router' }),
    onEth(CROSS.thief, 5, 'intermediate'),
    onEth(CROSS.kraken, 6, 'exchange', {
      entity: 'Kraken',
      category: 'exchange',
    }),
  ]
  report.graph.edges.push(
    ethEdge(CROSS.router, CROSS.thief, CROSS.payout, 5),
    ethEdge(CROSS.thief, CROSS.kraken, CROSS.toKraken, 6),
  )
  const side = (
    chain: string,
    txHash: string,
    index: number,
    address: string,
    asset: string,
    decimals: number,
    amount: { amount: string; amountBase: string },
  ) => ({ chain, txHash, index, address, asset, decimals, ...amount })
  const btcIn = sat(4_980_000)
  const ethOut = wei('1.5', '1500000000000000000')
  report.swaps = [
    {
      protocol: 'thorchain',
      match: 'memo-out',
      memo: CROSS.memo,
      outMemo: `OUT:${TX.t5.toUpperCase()}`,
      inbound: {
        ...side('bitcoin', TX.t5, 1, ADDR.mixer, 'BTC', 8, btcIn),
        time: times[3] ?? null,
      },
      outbound: {
        ...side('ethereum', CROSS.payout, 0, CROSS.thief, 'ETH', 18, ethOut),
        time: '2026-03-02T15:00:00.000Z',
      },
      taintIn: btcIn,
      taintOut: ethOut,
    },
  ]
  report.chains = ['bitcoin', 'ethereum']
  const btc = { ...report.reconciliation, asset: 'BTC', decimals: 8 }
  const none = wei('0', '0')
  report.reconciliations = [
    btc,
    {
      ...btc,
      asset: 'ETH',
      decimals: 18,
      stolen: none,
      atExchanges: ethOut,
      atServices: none,
      atRest: none,
      fees: none,
      unexplored: none,
      receivedBySwap: ethOut,
    },
  ]
  const [binance] = report.hits
  if (binance)
    report.hits.push({
      ...binance,
      ...ethOut,
      chain: 'ethereum',
      address: CROSS.kraken,
      entity: 'Kraken',
      attribution: 'label',
      confidence: 'high',
      labels: [],
      evidence: [],
      asset: 'ETH',
      received: '1.5',
      receivedBase: ethOut.amountBase,
      txHashes: [CROSS.toKraken],
      outputs: [{ txHash: CROSS.toKraken, outputIndex: 0, block: 20_000_006 }],
      hops: 6,
    })
  return report
}
