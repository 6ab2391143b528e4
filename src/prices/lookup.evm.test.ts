import { describe, expect, test } from 'vitest'
import {
  EVM,
  evmSampleReport,
  HOSTILE,
} from '../../test/support/sample-report.js'
import { createFilePriceSource, parsePriceFile } from './file.js'
import { applyFiat } from './lookup.js'

// evmSampleReport: 10 ETH + 5,000 USDT stolen on 04-01; hits on 04-02;
// 1,000 of a hostile-named token rest at an unlabelled address.
const PRICES = `asset,time_or_date,price_usd,source
ETH,2026-04-01,3000.00,ETH close
ETH,2026-04-02,3100.50,ETH close
USDT,2026-04-01,1.0002,USDT close
USDT,2026-04-02,0.9998,USDT close
`
const file = (extra = '') =>
  createFilePriceSource(parsePriceFile(PRICES + extra))
const report = await applyFiat(evmSampleReport(), file())

describe('applyFiat on an EVM trace: each asset at its own price and decimals', () => {
  test.each([
    // [hit entity, asset, USD, price]
    ['Binance', 'USDT', '4999.00', '0.9998'],
    [HOSTILE.label, 'ETH', '30974.00', '3100.50'],
  ])('hit %s (%s) -> USD %s at %s', (entity, asset, usd, price) => {
    const hit = report.hits.find((h) => h.entity === entity)
    expect(hit?.asset).toBe(asset)
    expect(hit?.usd?.value).toBe(usd)
    expect(hit?.usd?.price).toBe(price)
  })

  test.each([
    ['e1', '30000.00'],
    ['e2', '5001.00'],
    ['e3', '4999.00'],
    ['e4', '30974.00'],
    ['e5', null],
  ])('edge %s -> USD %s', (id, usd) => {
    expect(report.graph.edges.find((e) => e.id === id)?.usd?.value).toBe(usd)
  })

  test('a token that is not the canonical contract is not priced by its symbol', () => {
    const e5 = report.graph.edges.find((e) => e.id === 'e5')
    expect(e5?.usd?.note).toContain(EVM.evilToken)
  })

  test('total loss: ETH and USDT at the theft time; the unpriced token is named, not guessed', () => {
    expect(report.fiat?.totalLoss.value).toBe('35001.00')
    expect(report.fiat?.totalLoss.note).toContain('not included, no price')
    expect(report.fiat?.totalLoss.note).toContain(EVM.evilToken)
    expect(report.fiat?.unknown).toBe(1)
  })

  test('an impostor called USDT gets no USDT price', async () => {
    const base = evmSampleReport()
    const spoofed = {
      ...base,
      graph: {
        ...base.graph,
        edges: base.graph.edges.map((e) =>
          e.id === 'e5' ? { ...e, asset: 'USDT' } : e,
        ),
      },
      reconciliations: base.reconciliations?.map((r) =>
        r.contract === EVM.evilToken ? { ...r, asset: 'USDT' } : r,
      ),
    }
    const out = await applyFiat(spoofed, file())
    const e5 = out.graph.edges.find((e) => e.id === 'e5')
    expect(e5?.usd?.value).toBeNull()
    expect(out.fiat?.totalLoss.value).toBe('35001.00')
  })

  test('a price file row keyed by contract address prices any token', async () => {
    const out = await applyFiat(
      evmSampleReport(),
      file(
        `${EVM.evilToken},2026-04-01,0.0015,DEX quote\n${EVM.evilToken},2026-04-02,0.001,DEX quote\n`,
      ),
    )
    expect(out.graph.edges.find((e) => e.id === 'e5')?.usd?.value).toBe('1.00')
    // 30000 + 5001 + 1000 x 0.0015 at the first theft time
    expect(out.fiat?.totalLoss.value).toBe('35002.50')
    expect(out.fiat?.unknown).toBe(0)
  })
})
