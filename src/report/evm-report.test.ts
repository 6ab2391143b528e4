/** Token hits (EVM) are shown in their own asset and contract, never the headline asset's. */
import { describe, expect, test } from 'vitest'
import { EVM, evmSampleReport } from '../../test/support/sample-report.js'
import { endpoints } from './endpoints.js'
import { freezeRequests } from './freeze.js'
import { renderHtml } from './html/html.js'

const report = evmSampleReport()
const html = await renderHtml(report, { audience: 'police' })
const summary = html.slice(
  html.indexOf('id="summary"'),
  html.indexOf('</section>', html.indexOf('id="summary"')),
)
const rowsOf = (section: string, cls: string) => {
  const start = section.indexOf(`<table class="${cls}"`)
  return section
    .slice(start, section.indexOf('</table>', start))
    .split('<tr class="hit">')
    .slice(1)
}

describe('action summary', () => {
  const [binance, kraken] = rowsOf(summary, 'small hits')
  test('one row per hit', () => {
    expect(rowsOf(summary, 'small hits')).toHaveLength(report.hits.length)
  })
  test('the USDT hit shows USDT and the token contract, not ETH', () => {
    expect(binance).toContain('USDT')
    expect(binance).toContain(EVM.usdt)
    expect(binance).toContain('5000 USDT')
    expect(binance).not.toContain('ETH')
  })
  test('the native hit says native coin and ETH', () => {
    expect(kraken).toContain('native coin')
    expect(kraken).toContain('9.99 ETH')
    expect(kraken).not.toContain('contract')
  })
  test('totals per asset', () => {
    expect(summary).toContain('<strong>5000 USDT</strong>')
    expect(summary).toContain('<strong>10 ETH</strong>')
  })
  test('explorer links go to etherscan', () => {
    expect(html).toContain(`https://etherscan.io/tx/${EVM.toBinance}`)
  })
})

describe('freeze requests', () => {
  const [binance, kraken] = freezeRequests(report)
  test('the token request names the asset, the contract and the token amount', () => {
    expect(binance?.text).toContain(`Asset: USDT (token contract ${EVM.usdt})`)
    expect(binance?.text).toContain(
      `Freeze up to 5000 USDT (token contract ${EVM.usdt})`,
    )
    expect(binance?.text).toContain(
      'Amount traced to the victim (fifo policy): 5000 USDT',
    )
    expect(binance?.text).not.toMatch(/5000 ETH|ETH deposit/)
  })
  test('the native request says there is no token contract', () => {
    expect(kraken?.text).toContain('ETH (native coin, no token contract)')
    expect(kraken?.text).toContain('Freeze up to 9.99 ETH')
  })
  test('several hits of one asset at one venue are summed in that asset', () => {
    const two = evmSampleReport()
    const first = two.hits[0]
    if (!first) throw new Error('fixture')
    two.hits.push({
      ...first,
      address: '0x7777777777777777777777777777777777777777',
      amount: '0.5',
      amountBase: '500000',
    })
    const [req] = freezeRequests(two)
    expect(req?.text).toContain(
      `Freeze up to 5000.5 USDT (token contract ${EVM.usdt})`,
    )
  })
})

describe('reconciliation and endpoints', () => {
  test('one identity per asset, each balanced', () => {
    const section = html.slice(html.indexOf('id="reconciliation"'))
    expect(section.match(/balanced: true/g)).toHaveLength(3)
    expect(section).toContain(`USDT (token contract ${EVM.usdt})`)
  })
  test('every endpoint carries its own asset and contract', () => {
    const rows = endpoints(report)
    expect(rows.map((r) => [r.stop, r.asset, r.contract])).toEqual([
      ['exchange', 'USDT', EVM.usdt],
      ['exchange', 'ETH', undefined],
      ['unspent', '<img src=x onerror=alert(1)>', EVM.evilToken],
    ])
  })
  test('funds at rest in an unknown token do not promise an issuer freeze', () => {
    const rest = endpoints(report).find((r) => r.stop === 'unspent')
    expect(rest?.action).toContain('only its issuer could freeze it')
    expect(rest?.action).not.toMatch(/Tether|Circle/)
  })
})
