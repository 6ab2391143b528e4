import { describe, expect, test } from 'vitest'
import { sampleReport, TX } from '../../test/support/sample-report.js'
import { renderHtml } from '../report/html/html.js'
import { createFilePriceSource, parsePriceFile } from './file.js'
import { applyFiat, chainPriceSources } from './lookup.js'
import type { PriceSource } from './types.js'

// The sample trace runs 2026-03-01 10:00Z .. 2026-03-02 09:15Z; 03-02 has no price.
const PRICES = `asset,time_or_date,price_usd,source
BTC,2026-03-01,65000.12,CoinGecko daily close
BTC,2026-03-01T10:00:00Z,64000.50,Kraken trade at the theft
`
const file = createFilePriceSource(parsePriceFile(PRICES))
const report = await applyFiat(sampleReport(), file)

describe('applyFiat with a price file', () => {
  test('total loss: the stolen amount at the theft tx time (exact row)', () => {
    expect(report.fiat).toEqual({
      currency: 'USD',
      source: 'price file prices.csv',
      method: expect.stringContaining('half-up'),
      totalLoss: {
        value: '64000.50',
        price: '64000.50',
        priceSource: 'Kraken trade at the theft (prices.csv:3)',
        priceAt: '2026-03-01T10:00:00.000Z',
        txTime: '2026-03-01T10:00:00.000Z',
      },
      unknown: 1,
    })
  })

  test('each hit: traced amount at firstSeen (date row)', () => {
    expect(
      report.hits.map((h) => [h.amount, h.usd?.value, h.usd?.priceSource]),
    ).toEqual([
      ['0.35', '22750.04', 'CoinGecko daily close (prices.csv:2)'],
      ['0.25', '16250.03', 'CoinGecko daily close (prices.csv:2)'],
    ])
  })

  test('each edge: traced part at its time; a missing price is unknown, not guessed', () => {
    const byTx = report.graph.edges.map((e) => [
      e.txHash,
      e.tainted,
      e.usd?.value ?? null,
    ])
    expect(byTx).toEqual([
      [TX.theft, '1', '64000.50'],
      [TX.t2, '0.6', '39000.07'],
      [TX.t2, '0.3999', '25993.55'],
      [TX.t3, '0.35', '22750.04'],
      [TX.t3, '0.2499', '16243.53'],
      [TX.t4, '0.25', '16250.03'],
      [TX.t4, '0.1498', '9737.02'],
      [TX.t5, '0.2', '13000.02'],
      [TX.t5, '0.0498', '3237.01'],
      [TX.t6, '0.1497', '9730.52'],
      [TX.t7, '0.1496', null],
    ])
    expect(report.graph.edges.at(-1)?.usd).toEqual({
      value: null,
      price: null,
      priceSource: null,
      priceAt: null,
      txTime: '2026-03-02T09:15:00.000Z',
      note: 'no BTC price for 2026-03-02T09:15:00.000Z in price file prices.csv',
    })
  })

  test('the input report is untouched', () => {
    const plain = sampleReport()
    expect(plain.fiat).toBeUndefined()
    expect(plain.hits[0]?.usd).toBeUndefined()
  })

  test('HTML shows USD with its source, and unknown where there is no price', async () => {
    const html = await renderHtml(report, { audience: 'police' })
    expect(html).toContain('USD 64,000.50')
    expect(html).toContain('Kraken trade at the theft (prices.csv:3)')
    expect(html).toContain('USD 22,750.04')
    expect(html).toContain('Traced, USD at the time')
    expect(html).toMatch(
      /<td>unknown<br><span class="note">no BTC price for 2026-03-02T09:15:00.000Z/,
    )
    expect(html).not.toContain('USD value not computed')
  })
})

describe('applyFiat edge cases', () => {
  const none: PriceSource = { name: 'empty', priceAt: async () => null }

  test('no price at all: everything unknown, nothing invented', async () => {
    const out = await applyFiat(sampleReport(), none)
    expect(out.fiat?.totalLoss.value).toBeNull()
    expect(out.fiat?.unknown).toBe(2 + 11 + 1)
    const html = await renderHtml(out, { audience: 'police' })
    expect(html).toContain(
      '(USD value unknown: no BTC price for 2026-03-01T10:00:00.000Z in empty)',
    )
  })

  test('a failing source becomes unknown with the reason', async () => {
    const broken: PriceSource = {
      name: 'broken',
      priceAt: async () => {
        throw new Error('HTTP 503\nmore')
      },
    }
    const out = await applyFiat(sampleReport(), broken)
    expect(out.fiat?.totalLoss.note).toBe('price lookup failed: HTTP 503')
  })

  test('each distinct time is looked up once', async () => {
    const seen: string[] = []
    const counting: PriceSource = {
      name: 'counting',
      priceAt: async (_asset, time) => {
        seen.push(time.toISOString())
        return { price: '1', source: 'x', at: time.toISOString() }
      },
    }
    await applyFiat(sampleReport(), counting)
    expect(seen.sort()).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T12:30:00.000Z',
      '2026-03-01T14:00:00.000Z',
      '2026-03-02T09:15:00.000Z',
    ])
  })

  test('several theft txs: summed at their own prices, rounded once', async () => {
    const base = sampleReport()
    const edges = base.graph.edges.map((e) =>
      e.txHash === TX.t2 ? { ...e, hop: 1 } : e,
    )
    const stolen = { amount: '1.9999', amountBase: '199990000' }
    const twoTheft = {
      ...base,
      reconciliation: { ...base.reconciliation, stolen },
      graph: { ...base.graph, edges },
    }
    const out = await applyFiat(twoTheft, file)
    // 1 x 64000.50 + 0.9999 x 65000.12 = 64000.50 + 64993.619988 = 128994.119988
    expect(out.fiat?.totalLoss.value).toBe('128994.12')
    expect(out.fiat?.totalLoss.price).toBeNull()
    expect(out.fiat?.totalLoss.note).toBe(
      'sum of 2 theft transfers, each at its own price',
    )
  })

  test('chainPriceSources: the first source with a price wins', async () => {
    const fallback: PriceSource = {
      name: 'fallback',
      priceAt: async () => ({ price: '1.5', source: 'fb', at: 'x' }),
    }
    const both = chainPriceSources(file, fallback)
    expect(both.name).toBe('price file prices.csv, then fallback')
    expect(
      (await both.priceAt('BTC', new Date('2026-03-01T10:00:00Z')))?.price,
    ).toBe('64000.50')
    expect(
      (await both.priceAt('BTC', new Date('2026-03-05T10:00:00Z')))?.price,
    ).toBe('1.5')
  })
})
