import { describe, expect, test } from 'vitest'
import {
  ADDR,
  CROSS,
  crossChainSampleReport,
  NASTY,
  sampleReport,
  TX,
} from '../../../test/support/sample-report.js'
import type { Report, SwapRow } from '../types.js'
import { swapEnds } from '../views/graph.js'
import { exploreData } from './data.js'
import { swapMatch } from './data-swaps.js'
import { NO_FILTER, nodeTotals, pathTo, search, visibleSet } from './model.js'

const data = (report: Report) =>
  exploreData('t', [
    { report, caseId: '', reportHref: 'report.html', evidence: new Map() },
  ])

const MIXER = `addr:${ADDR.mixer}`

describe('a trace across chains as explorer data', () => {
  const d = data(crossChainSampleReport())
  const swap = d.edges.find((e) => e.swap)

  test('the chains in report order, each node and transfer on its own', () => {
    expect(d.chains).toEqual(['bitcoin', 'ethereum'])
    const chainOf = new Map(d.nodes.map((n) => [n.id, n.chain]))
    expect(chainOf.get(CROSS.kraken)).toBe('ethereum')
    expect(chainOf.get(MIXER)).toBe('bitcoin')
    const payout = d.edges.find((e) => e.txHash === CROSS.payout)
    expect(payout).toMatchObject({
      chain: 'ethereum',
      asset: 'ETH',
      decimals: 18,
      feeAsset: 'ETH',
      url: `https://etherscan.io/tx/${CROSS.payout}`,
    })
    const theft = d.edges.find((e) => e.txHash === TX.theft)
    expect(theft).toMatchObject({ chain: 'bitcoin', asset: 'BTC' })
  })

  test('the swap is an edge from the vault to the payout recipient, with both sides and their links', () => {
    expect(swap).toMatchObject({ source: MIXER, target: CROSS.thief })
    expect(swap?.swap).toEqual({
      protocol: 'thorchain',
      matched: 'the outbound memo (OUT:) names the inbound tx hash',
      confidence: 'high',
      // Kept as written: the page shows it as text.
      memo: CROSS.memo,
      outMemo: `OUT:${TX.t5.toUpperCase()}`,
      inbound: {
        chain: 'bitcoin',
        txHash: TX.t5,
        url: `https://mempool.space/tx/${TX.t5}`,
        index: 1,
        address: ADDR.mixer,
        asset: 'BTC',
        decimals: 8,
        amount: '0.0498',
        amountBase: '4980000',
        tainted: '0.0498',
        taintedBase: '4980000',
        time: '2026-03-01T14:00:00.000Z',
      },
      outbound: {
        chain: 'ethereum',
        txHash: CROSS.payout,
        url: `https://etherscan.io/tx/${CROSS.payout}`,
        index: 0,
        address: CROSS.thief,
        asset: 'ETH',
        decimals: 18,
        amount: '1.5',
        amountBase: '1500000000000000000',
        tainted: '1.5',
        taintedBase: '1500000000000000000',
        time: '2026-03-02T15:00:00.000Z',
      },
      crossCheck: null,
    })
    expect(CROSS.memo).toContain(NASTY.script)
  })

  test("a THORChain API's word on the match is carried, as text", () => {
    const report = crossChainSampleReport()
    const [row] = report.swaps ?? []
    if (!row) throw new Error('no swap')
    row.crossCheck = {
      source: 'thornode',
      verdict: 'disputed',
      detail: `thornode names another outbound ${NASTY.script}\u001b[2J`,
    }
    expect(data(report).edges.find((e) => e.swap)?.swap?.crossCheck).toEqual({
      source: 'thornode',
      verdict: 'disputed',
      detail: `thornode names another outbound ${NASTY.script}`,
    })
  })

  test('the hit on the far chain links its tx on that chain', () => {
    const kraken = d.nodes.find((n) => n.id === CROSS.kraken)
    expect(kraken?.hit).toMatchObject({ entity: 'Kraken', asset: 'ETH' })
    const binance = d.nodes.find((n) => n.address === ADDR.deposit)
    expect(binance?.hit?.evidenceTxs[0]?.url).toBe(
      `https://mempool.space/tx/${TX.sweep}`,
    )
  })

  test('the path from the theft to the Ethereum deposit crosses the swap', () => {
    const path = pathTo(d, CROSS.kraken)
    expect(path.nodes).toContain(`addr:${ADDR.victim}`)
    expect(path.nodes).toContain(MIXER)
    expect(path.edges).toContain(swap?.id)
    // Every way into the thief is on it: the router's payout as well.
    expect(path.nodes).toContain(CROSS.router)
  })

  test.each([
    { name: 'ETH keeps the swap that paid it', asset: 'ETH', chain: null },
    { name: 'BTC keeps the swap it went into', asset: 'BTC', chain: null },
    { name: 'bitcoin keeps it', asset: null, chain: 'bitcoin' },
    { name: 'ethereum keeps it', asset: null, chain: 'ethereum' },
  ])('filters: $name', ({ asset, chain }) => {
    const shown = visibleSet(d, { ...NO_FILTER, asset, chain })
    expect(shown.edges).toContain(swap?.id)
    expect(shown.nodes).toContain(MIXER)
    expect(shown.nodes).toContain(CROSS.thief)
  })

  test('filters: an amount compares each side in its own decimals', () => {
    // 1 is above the 0.0498 BTC that went in but below the 1.5 ETH out.
    const one = visibleSet(d, { ...NO_FILTER, minAmount: '1' })
    expect(one.edges).toContain(swap?.id)
    const btcOne = visibleSet(d, { ...NO_FILTER, minAmount: '1', asset: 'BTC' })
    expect(btcOne.edges).not.toContain(swap?.id)
    const two = visibleSet(d, { ...NO_FILTER, minAmount: '2' })
    expect(two.edges).not.toContain(swap?.id)
  })

  test('amounts stay with the transfers: the thief received 1.5 ETH once, not twice', () => {
    expect(nodeTotals(d, CROSS.thief)).toEqual([
      { asset: 'ETH', in: '1.5', out: '1.5' },
    ])
    expect(nodeTotals(d, MIXER)).toEqual([
      { asset: 'BTC', in: '0.0498', out: '0' },
    ])
  })

  test('search finds the swap by either hash', () => {
    for (const hash of [TX.t5, CROSS.payout]) {
      const ids = search(d, hash.slice(0, 12)).map((m) => m.id)
      expect(ids).toContain(swap?.id)
    }
  })

  test('a single-chain report has one chain and no swap', () => {
    const one = data(sampleReport())
    expect(one.chains).toEqual(['bitcoin'])
    expect(one.edges.some((e) => e.swap)).toBe(false)
  })
})

describe('swapEnds', () => {
  test('an inbound whose address is not drawn starts at the service its tx paid (a router paid, the vault named)', () => {
    const report = crossChainSampleReport()
    const row = report.swaps?.[0] as SwapRow
    // As on EVM: the Deposit event names a vault, the tx paid someone drawn.
    row.inbound = { ...row.inbound, address: 'bc1qvaultnotdrawn' }
    expect(swapEnds(report, row)?.source.id).toBe(MIXER)
    // TX.t5 also paid an address at rest (output 0): not a service, never the vault.
    row.inbound = { ...row.inbound, index: 0 }
    expect(swapEnds(report, row)?.source.id).toBe(MIXER)
  })

  test('an outbound stands at the output its tx paid to the named address', () => {
    const report = crossChainSampleReport()
    const row = report.swaps?.[0] as SwapRow
    // The payout tx's edge to the thief is found by hash and address.
    row.outbound = { ...row.outbound, address: CROSS.thief, index: 7 }
    expect(swapEnds(report, row)?.target.id).toBe(CROSS.thief)
  })

  test('a swap with an end not in the graph is not drawn', () => {
    const report = crossChainSampleReport()
    const row = report.swaps?.[0] as SwapRow
    row.outbound = {
      ...row.outbound,
      address: '0x9999999999999999999999999999999999999999',
      txHash: `0x${'99'.repeat(32)}`,
    }
    expect(swapEnds(report, row)).toBeNull()
    report.swaps = [row]
    expect(data(report).edges.some((e) => e.swap)).toBe(false)
  })
})

test.each([
  ['memo-out', undefined, 'the outbound memo (OUT:) names the inbound tx hash'],
  [
    'memo-refund',
    undefined,
    'the refund memo (REFUND:) names the inbound tx hash',
  ],
  [
    'same-tx',
    'weth-deposit',
    'both payments are in one tx (rule weth-deposit)',
  ],
] as const)('swapMatch %s', (match, rule, how) => {
  const row = { match, ...(rule ? { rule } : {}) } as SwapRow
  expect(swapMatch(row)).toEqual({ how, confidence: 'high' })
})
