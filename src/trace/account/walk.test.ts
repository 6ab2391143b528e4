import { describe, expect, it } from 'vitest'
import {
  createFakeAccountAdapter,
  USDT,
} from '../../../test/support/fake-account-adapter.js'
import type { AccountTransfer, Asset, Label } from '../../core/types.js'
import { createLabelIndex } from '../../labels/memory.js'
import { reconcile } from '../reconcile.js'
import type { StopReason, TraceResult } from '../types.js'
import { addressSeedTxs } from './address-seed.js'
import { walkAccount } from './walk.js'

const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const VICTIM = addr(1)
const THIEF = addr(2)
const SPLIT = addr(3)
const ROUTER = addr(4)
const DEPOSIT = addr(5)
const HOT = addr(6)
const OTHER = addr(7)
const CLEAN = addr(8)
const MIXER = addr(9)
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`

let seq = 0
function t(
  txN: number,
  block: number,
  from: string,
  to: string,
  value: bigint,
  extra: Partial<AccountTransfer> = {},
): AccountTransfer {
  return {
    chain: 'ethereum',
    asset: ETH,
    kind: 'native',
    txHash: hash(txN),
    block: { height: block, time: block * 12 },
    txIndex: 0,
    logIndex: -1,
    from,
    to,
    value,
    ...extra,
    ...(extra.logIndex === undefined
      ? { logIndex: extra.kind === 'native' || !extra.kind ? -1 : seq++ }
      : {}),
  }
}

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
  label(OTHER, 'Kraken', 'exchange'),
  label(MIXER, 'Tornado Cash', 'mixer'),
])

const E = 10n ** 18n

/** Each asset's books as [symbol, balanced]: naming the assets makes an empty reconciliation fail. */
const books = (result: TraceResult) =>
  reconcile(result).map((r) => [r.asset.symbol, r.balanced])
/** victim → thief (5 ETH + 1000 USDT); thief had 5 clean ETH before; splits; a router forwards; a deposit sweeps. */
const theft = [
  t(1, 10, CLEAN, THIEF, 5n * E, { fee: 0n }),
  t(2, 20, VICTIM, THIEF, 5n * E, { fee: 1000n }),
  t(2, 20, VICTIM, THIEF, 1000_000000n, {
    kind: 'erc20',
    asset: USDT,
    logIndex: 3,
  }),
  t(3, 30, THIEF, SPLIT, 6n * E, { fee: 0n }),
  t(4, 31, THIEF, ROUTER, 4n * E, { fee: 0n }),
  t(4, 31, ROUTER, DEPOSIT, 4n * E, { kind: 'internal', logIndex: 1 }),
  t(5, 33, DEPOSIT, HOT, 4n * E, { fee: 0n }),
  t(6, 400, SPLIT, OTHER, 6n * E, { fee: 0n }), // too late to be a deposit sweep
  t(7, 35, THIEF, MIXER, 1000_000000n, {
    kind: 'erc20',
    asset: USDT,
    logIndex: 0,
  }),
]

/** Endpoints that are neither hits nor funds at rest, of one reason if given. */
function stops(result: TraceResult, reason?: StopReason) {
  return result.endpoints.filter(
    (e) =>
      e.reason !== 'exchange' &&
      e.reason !== 'unspent' &&
      (reason === undefined || e.reason === reason),
  )
}

describe('walkAccount', () => {
  it('follows native, internal and token flows; haircut with clean funds mixed in', async () => {
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(theft),
      labels,
      seeds: [{ txHash: hash(2) }],
      victims: [VICTIM],
      policy: 'haircut',
    })
    const hits = result.hits.map((h) => [
      h.address,
      h.asset.symbol,
      h.amount,
      h.attribution,
    ])
    expect(hits).toEqual([
      [OTHER, 'ETH', 3n * E, 'label'],
      [DEPOSIT, 'ETH', 2n * E, 'deposit-sweep'],
    ])
    expect(
      result.hits.find((h) => h.attribution === 'deposit-sweep')?.evidence,
    ).toEqual([hash(5)])
    expect(
      stops(result, 'service').map((s) => [s.address, s.category, s.taint]),
    ).toEqual([[MIXER, 'mixer', 1000_000000n]])
    expect(books(result)).toEqual([
      ['ETH', true],
      ['USDT', true],
    ])
    const eth = reconcile(result).find((r) => r.asset.symbol === 'ETH')
    expect(eth).toMatchObject({
      stolen: 5n * E,
      atExchanges: 5n * E,
      atRest: 0n,
    })
  })

  it('fifo spends the earlier clean funds first', async () => {
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(theft),
      labels,
      seeds: [{ txHash: hash(2) }],
      victims: [VICTIM],
      policy: 'fifo',
    })
    const eth = result.hits
      .filter((h) => h.asset.symbol === 'ETH')
      .map((h) => [h.address, h.amount])
    expect(eth).toEqual([
      [OTHER, 1n * E],
      [DEPOSIT, 4n * E],
    ])
    expect(books(result)).toEqual([
      ['ETH', true],
      ['USDT', true],
    ])
  })

  it('does not flag the victim’s own exchange as the origin, and stops at max hops', async () => {
    const withdraw = [t(9, 5, HOT, VICTIM, 5n * E), ...theft]
    const labelsWithVictim = createLabelIndex([
      label(HOT, 'Binance', 'exchange'),
      label(OTHER, 'Kraken', 'exchange'),
    ])
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(withdraw),
      labels: labelsWithVictim,
      seeds: [{ txHash: hash(9) }, { txHash: hash(2) }],
      victims: [VICTIM],
      policy: 'haircut',
      maxHops: 1,
    })
    expect(result.hits).toEqual([])
    // Every outflow of the thief (hop 1) is one hop too far.
    expect(stops(result).map((u) => [u.address, u.reason])).toEqual([
      [SPLIT, 'max-hops'],
      [ROUTER, 'max-hops'],
      [MIXER, 'max-hops'],
    ])
    expect(books(result)).toEqual([
      ['ETH', true],
      ['USDT', true],
    ])
  })

  it('records tainted edges with positions and assets', async () => {
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(theft),
      labels,
      seeds: [{ txHash: hash(2) }],
      victims: [VICTIM],
      policy: 'poison',
    })
    const internal = result.flow.edges.find((e) => e.kind === 'internal')
    expect(internal).toMatchObject({
      source: ROUTER,
      target: DEPOSIT,
      tainted: 4n * E,
      block: 31,
    })
    const poisonEth = reconcile(result).find((r) => r.asset.symbol === 'ETH')
    expect(poisonEth?.absorbed).toBe(5n * E)
    expect(poisonEth?.balanced).toBe(true)
  })

  // A thief dealing with 5 counterparties: over a threshold of 4 it is left
  // unexplored as a likely service, whether or not the source stops reading.
  it.each([
    [false, '5 counterparties, over the 4 threshold'],
    [true, '5 counterparties, over the 4 threshold'],
  ])(
    'service threshold 4 (source stops early: %s): the thief stops as likely-service',
    async (stopsEarly, detail) => {
      const result = await walkAccount({
        adapter: createFakeAccountAdapter(theft, stopsEarly),
        labels,
        seeds: [{ txHash: hash(2) }],
        victims: [VICTIM],
        policy: 'haircut',
        serviceThreshold: 4,
      })
      const thief = stops(result).filter((u) => u.address === THIEF)
      expect(
        thief.map((u) => [u.reason, u.category, u.asset.symbol, u.taint]),
      ).toEqual([
        ['service', 'likely-service', 'ETH', 5n * E],
        ['service', 'likely-service', 'USDT', 1000_000000n],
      ])
      for (const stop of thief) expect(stop.detail).toContain(detail)
      expect(result.hits).toEqual([])
      expect(books(result)).toEqual([
        ['ETH', true],
        ['USDT', true],
      ])
    },
  )

  it.each([false, true])(
    'service threshold 1000 (source stops early: %s): the thief (6 transfers) is followed',
    async (stopsEarly) => {
      const result = await walkAccount({
        adapter: createFakeAccountAdapter(theft, stopsEarly),
        labels,
        seeds: [{ txHash: hash(2) }],
        victims: [VICTIM],
        policy: 'haircut',
        serviceThreshold: 1000,
      })
      expect(stops(result).filter((u) => u.address === THIEF)).toEqual([])
      expect(result.hits).toHaveLength(2)
      expect(books(result)).toEqual([
        ['ETH', true],
        ['USDT', true],
      ])
    },
  )
})

describe('walkAccount progress', () => {
  it('reports addresses read, hops and exchange wallets reached, ending with nothing queued', async () => {
    const seen: { txs: number; hops: number; hits: number; queued: number }[] =
      []
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(theft),
      labels,
      seeds: [{ txHash: hash(2) }],
      victims: [VICTIM],
      policy: 'haircut',
      onProgress: (p) => seen.push(p),
    })
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toEqual({
      txs: result.stats.addresses,
      // The walk reached HOT through the deposit's sweep: one hop past the
      // flow, which leaves the sweep out as the hit's evidence.
      hops: Math.max(...result.flow.edges.map((e) => e.hop)) + 1,
      hits: 2, // HOT (Binance) and OTHER (Kraken) are labelled exchange wallets
      queued: 0,
    })
    // Counts only grow: each report against the one before it.
    for (const [i, p] of seen.slice(1).entries())
      expect(p.txs).toBeGreaterThanOrEqual(seen[i]!.txs)
  })
})

describe('addressSeedTxs: a drained wallet', () => {
  // The victim paid Kraken itself at block 2 (time 24), before the theft at block 20 (time 240).
  const history = [
    t(10, 2, VICTIM, OTHER, 1n * E),
    t(11, 3, OTHER, VICTIM, 2n * E),
    t(12, 25, VICTIM, THIEF, 0n, { kind: 'erc20', asset: USDT, logIndex: 1 }),
    ...theft,
  ]
  it.each([
    [0, [hash(10), hash(2)]],
    [100, [hash(2)]],
    [241, []],
  ])('since %i: outflows of value at or after it', async (since, want) => {
    const txs = await addressSeedTxs(createFakeAccountAdapter(history), {
      address: VICTIM,
      since,
    })
    expect(txs.map((x) => x.txHash)).toEqual(want)
  })

  it('names every asset that left in a tx', async () => {
    const [tx] = await addressSeedTxs(createFakeAccountAdapter(history), {
      address: VICTIM,
      since: 100,
    })
    expect(tx).toEqual({ txHash: hash(2), time: 240, assets: ['ETH', 'USDT'] })
  })

  // Anyone can send the thief a thousand transfers in one tx: spam must not
  // make him a likely service and end the trail.
  const SPAM: Asset = { ...USDT, symbol: 'SPAM', contract: addr(0x5a) }
  const spam = (value: bigint, from: (i: number) => string) =>
    Array.from({ length: 1001 }, (_, i) =>
      t(8, 25, from(i), THIEF, value, {
        kind: 'erc20',
        asset: SPAM,
        logIndex: 100 + i,
      }),
    )
  it.each([
    [
      '1,001 value-bearing transfers from one sender',
      spam(1n, () => addr(0x5b)),
    ],
    [
      '1,001 zero-value transfers from 1,001 senders',
      spam(0n, (i) => addr(0x1000 + i)),
    ],
  ])('%s do not make the thief a likely service', async (_name, extra) => {
    for (const stopsEarly of [false, true]) {
      const result = await walkAccount({
        adapter: createFakeAccountAdapter([...theft, ...extra], stopsEarly),
        labels,
        seeds: [{ txHash: hash(2) }],
        victims: [VICTIM],
        policy: 'haircut',
      })
      expect(stops(result).filter((u) => u.address === THIEF)).toEqual([])
      expect(result.hits).toHaveLength(2)
    }
  })
})

describe('walk seeded by a swap payout', () => {
  const WETH_ASSET: Asset = {
    chain: 'ethereum',
    symbol: 'WETH',
    decimals: 18,
    contract: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
  }
  const WETH9 = WETH_ASSET.contract as string
  // The wrap's token side: read off WETH9's Deposit event, in no source's lists.
  const wrapped = t(30, 30, WETH9, THIEF, 4n * E, {
    kind: 'erc20',
    asset: WETH_ASSET,
    logIndex: 0,
  })
  const onward = t(31, 400, THIEF, OTHER, 4n * E, {
    kind: 'erc20',
    asset: WETH_ASSET,
    logIndex: 1,
  })
  const listed = [t(30, 30, THIEF, WETH9, 4n * E, { fee: 0n }), onward]

  it('carries only the tainted share the seed names, and follows a payment no source lists', async () => {
    const result = await walkAccount({
      adapter: createFakeAccountAdapter(listed),
      labels,
      seeds: [
        {
          txHash: wrapped.txHash,
          from: WETH9,
          to: THIEF,
          transfer: wrapped,
          ranges: [[0n, 3n * E]],
        },
      ],
      victims: [],
      policy: 'haircut',
    })
    // Books begin with the 3 tainted WETH, not the 4 paid: 3 reach Kraken.
    expect(result.stolen).toEqual([{ asset: WETH_ASSET, amount: 3n * E }])
    expect(
      result.hits.map((h) => [h.address, h.asset.symbol, h.amount]),
    ).toEqual([[OTHER, 'WETH', 3n * E]])
    expect(books(result)).toEqual([['WETH', true]])
  })
})
