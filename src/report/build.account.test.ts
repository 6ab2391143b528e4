import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import type { Asset } from '../core/types.js'
import { emitAccountResult } from '../trace/account/emit.js'
import type { AccountEdge, Settlement } from '../trace/account/types.js'
import { type BuildReportContext, buildReport } from './build.js'
import { headlineAsset } from './reconciliation.js'
import type { Report } from './types.js'

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(
  JSON.parse(
    readFileSync(
      new URL('../../schema/report.schema.json', import.meta.url),
      'utf8',
    ),
  ),
)

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const USDT: Asset = {
  chain: 'ethereum',
  symbol: 'USDT',
  decimals: 6,
  contract: '0xdac17f958d2ee523a2206206994597c13d831ec7',
}
/** What an RPC-only read gives a token whose contract does not answer symbol()/decimals(). */
const USDT_RAW: Asset = { ...USDT, symbol: USDT.contract ?? '', decimals: 0 }
const DAI: Asset = {
  chain: 'ethereum',
  symbol: 'DAI',
  decimals: 18,
  contract: '0x6b175474e89094c44da98b954eedeac495271d0f',
}
const [V, A, D, M, S, H] = ['01', '0a', '0d', '0e', '05', '0f'].map(
  (n) => `0x${n.repeat(20)}`,
) as [string, string, string, string, string, string]
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`

function edge(
  n: number,
  from: string,
  to: string,
  asset: Asset,
  value: bigint,
  kind: AccountEdge['kind'],
  logIndex: number,
  hop: number,
): AccountEdge {
  return {
    key: `${hash(n)}:${kind}:${logIndex}`,
    txHash: hash(n),
    kind,
    logIndex,
    from,
    to,
    asset,
    value,
    tainted: value,
    ranges: [[0n, value]],
    block: 100 + n,
    time: 1_700_000_000 + n,
    hop,
  }
}

const label = {
  chain: 'ethereum',
  address: H,
  entity: 'Binance',
  category: 'exchange',
  source: 'test',
  confidence: 'high' as const,
}

/** 5 ETH and 100 USDT stolen; USDT → deposit D (swept), 40 to a mixer, 10 to a likely service. */
const result: Settlement = {
  stolen: [
    { asset: ETH, amount: 5n * 10n ** 18n },
    { asset: USDT_RAW, amount: 100_000000n },
  ],
  hits: [
    {
      address: D,
      asset: USDT_RAW,
      amount: 50_000000n,
      received: 50_000000n,
      entity: 'Binance',
      category: 'exchange',
      attribution: 'deposit-forward',
      confidence: 'medium',
      labels: [label],
      evidence: [hash(9)],
      hop: 2,
    },
  ],
  stops: [
    {
      address: M,
      asset: USDT,
      amount: 40_000000n,
      reason: 'mixer',
      entity: 'Tornado Cash',
      category: 'mixer',
      flags: ['sanctioned'],
      labels: [],
      hop: 2,
    },
  ],
  atRest: [{ address: A, asset: ETH, amount: 5n * 10n ** 18n, hop: 1 }],
  unexplored: [
    {
      address: S,
      asset: USDT,
      amount: 10_000000n,
      reason: 'likely-service',
      detail: '5000 transfers, over the 1000 threshold',
      hop: 2,
    },
  ],
  edges: [
    edge(1, V, A, ETH, 5n * 10n ** 18n, 'native', -1, 1),
    edge(2, V, A, USDT_RAW, 100_000000n, 'erc20', 7, 1),
    edge(3, A, D, USDT, 50_000000n, 'erc20', 3, 2),
    edge(4, A, M, USDT, 40_000000n, 'erc20', 0, 2),
    edge(5, A, S, USDT, 10_000000n, 'erc20', 1, 2),
    edge(9, D, H, USDT, 50_000000n, 'erc20', 2, 3),
  ],
  fees: [],
  absorbed: [],
  txFees: [],
  heuristics: [
    { rule: 'deposit-forward', txHash: hash(9), detail: 'swept' },
    { rule: 'unseen-balance', txHash: '', detail: `${A} spent more` },
  ],
  limitations: ['internal transfers were not read'],
  addresses: 4,
}

const traced = emitAccountResult(result, {
  chain: 'ethereum',
  nativeAsset: ETH,
  policy: 'fifo',
  seedTxs: [hash(1), hash(2)],
  victims: [V],
})

const ctx: BuildReportContext = {
  seeds: [
    { kind: 'tx', txid: hash(1) },
    { kind: 'tx', txid: hash(2) },
  ],
  victims: [V],
  options: {
    maxHops: 12,
    maxNodes: 2000,
    minAmount: '0.00001',
    policy: 'fifo',
  },
  generatedAt: '2026-01-01T00:00:00.000Z',
  toolVersion: '0.0.0',
  sources: [],
  tipHeight: 500,
}

describe('buildReport from an account walk', () => {
  const report = buildReport(traced, ctx)

  test('validates against the schema', () => {
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
  })

  test('one hit per deposit address and asset, in the asset decimals, with its contract', () => {
    expect(report.hits).toHaveLength(1)
    expect(report.hits[0]).toMatchObject({
      address: D,
      asset: 'USDT',
      contract: USDT.contract,
      amount: '50',
      amountBase: '50000000',
      attribution: 'deposit-sweep',
      evidence: [hash(9)],
      outputs: [{ txHash: hash(3), outputIndex: 3, block: 103 }],
    })
  })

  test('services, likely services and their reconciliation bucket', () => {
    expect(
      report.unexplored.map((u) => [u.address, u.reason, u.category, u.entity]),
    ).toEqual([
      [M, 'service', 'mixer', 'Tornado Cash'],
      [S, 'service', 'likely-service', undefined],
    ])
    const usdt = report.reconciliations?.find((r) => r.asset === 'USDT')
    expect(usdt).toMatchObject({
      decimals: 6,
      atServices: { amount: '50' },
      unexplored: { amount: '0' },
      balanced: true,
    })
  })

  test('headline is the native coin; every asset is reconciled', () => {
    expect(report.asset).toEqual({ symbol: 'ETH', decimals: 18 })
    expect(report.reconciliation.stolen.amount).toBe('5')
    expect(report.reconciliations?.map((r) => r.asset)).toEqual(['ETH', 'USDT'])
  })

  test('outputIndex: 0 for the native value, the log index for tokens', () => {
    expect(
      report.graph.edges.map((e) => [e.txHash, e.kind, e.outputIndex, e.asset]),
    ).toEqual([
      [hash(1), 'native', 0, 'ETH'],
      [hash(2), 'erc20', 7, 'USDT'],
      [hash(3), 'erc20', 3, 'USDT'],
      [hash(4), 'erc20', 0, 'USDT'],
      [hash(5), 'erc20', 1, 'USDT'],
    ])
    // The sweep out of the deposit (hash 9) is the hit's evidence, not a hop.
    expect(report.hits.find((h) => h.address === D)?.evidence).toEqual([
      hash(9),
    ])
    expect(report.graph.nodes.find((n) => n.id === V)?.role).toBe('victim')
    expect(report.graph.nodes.find((n) => n.id === D)?.role).toBe('exchange')
  })

  test('heuristics without a tx become limitations', () => {
    expect(report.heuristics.map((h) => h.rule)).toEqual(['deposit-forward'])
    expect(report.limitations).toEqual([
      'internal transfers were not read',
      `${A} spent more`,
    ])
  })
})

describe('headlineAsset', () => {
  const stolen = (...items: [Asset, bigint][]) =>
    items.map(([asset, amount]) => ({ asset, amount }))
  test.each([
    [
      'native when any native was stolen',
      stolen([USDT, 10n ** 12n], [ETH, 1n]),
      ETH,
    ],
    ['the only token', stolen([USDT, 5n]), USDT],
    [
      'the larger whole-unit amount',
      stolen([USDT, 2_000000n], [DAI, 10n ** 18n]),
      USDT,
    ],
    ['native when nothing was stolen', stolen(), ETH],
  ])('%s', (_, input, want) => {
    expect(headlineAsset(input, ETH)).toEqual(want)
  })
})
