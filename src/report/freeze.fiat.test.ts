/**
 * Freeze requests give the USD value at the time next to each
 * deposit amount and the total loss in USD with the price source; a missing
 * price reads "unknown", never a guess. Without fiat nothing changes.
 */
import { describe, expect, test } from 'vitest'
import { ADDR, sampleReport } from '../../test/support/sample-report.js'
import { createFilePriceSource, parsePriceFile } from '../prices/file.js'
import { applyFiat } from '../prices/lookup.js'
import { freezeRequests } from './freeze.js'
import type { Report } from './types.js'

const HEADER = 'asset,time_or_date,price_usd,source\n'
const PRICES = `${HEADER}BTC,2026-03-01,65000.12,CoinGecko daily close
BTC,2026-03-01T10:00:00Z,64000.50,Kraken trade at the theft
`
// A price for the deposits' day only: the theft at 10:00 is on the same
// date, so give an exact row for a different time to leave the theft unpriced.
const NO_THEFT = `${HEADER}BTC,2026-03-01T12:30:00Z,70000,Bitstamp trade
`
const HOSTILE = `${HEADER}BTC,2026-03-01,65000.12,<script>x</script>\tfeed
`

const priced = (text: string) =>
  applyFiat(sampleReport(), createFilePriceSource(parsePriceFile(text)))

const texts = async (report: Report) =>
  new Map(freezeRequests(report).map((r) => [r.slug, r.text]))

const full = await texts(await priced(PRICES))
const noTheft = await texts(await priced(NO_THEFT))
const none = await texts(await priced(HEADER))
const plain = await texts(sampleReport())

const BINANCE = 'binance'
const HOSTILE_VENUE = 'script-alert-1-script'
const LOSS =
  '  Total loss in USD at the time of the theft (theft tx 2026-03-01 10:00:00 UTC): '

describe('freeze requests with USD values', () => {
  test.each([
    [
      'priced: value, rate, date and source next to the deposit',
      full,
      BINANCE,
      '     Value of the traced amount when credited: USD 22,750.04 (at 65,000.12 USD/BTC for 2026-03-01; price: CoinGecko daily close (prices.csv:2))',
    ],
    [
      'priced: the other venue',
      full,
      HOSTILE_VENUE,
      '     Value of the traced amount when credited: USD 16,250.03 (at 65,000.12 USD/BTC for 2026-03-01; price: CoinGecko daily close (prices.csv:2))',
    ],
    [
      'priced: the freeze line gives the value next to the amount',
      full,
      BINANCE,
      '2. Freeze up to 0.35 BTC (native coin, no token contract), worth USD 22,750.04 when credited — the amount traced',
    ],
    [
      'priced: total loss at the theft, exact-time row',
      full,
      BINANCE,
      `${LOSS}USD 64,000.50 (at 64,000.50 USD/BTC for 2026-03-01T10:00:00.000Z; price: Kraken trade at the theft (prices.csv:3))`,
    ],
    [
      'priced: the source is named and the rule stated',
      full,
      HOSTILE_VENUE,
      '  USD price source: price file prices.csv. A missing price is shown as unknown, never estimated',
    ],
    [
      'exact-time row for the deposits',
      noTheft,
      BINANCE,
      'USD 24,500.00 (at 70,000.00 USD/BTC for 2026-03-01T12:30:00.000Z; price: Bitstamp trade (prices.csv:2))',
    ],
    [
      'no theft price: the loss is unknown with the reason',
      noTheft,
      BINANCE,
      `${LOSS}unknown (no BTC price for 2026-03-01T10:00:00.000Z in price file prices.csv); not estimated`,
    ],
    [
      'no price at all: the deposit value is unknown',
      none,
      BINANCE,
      '     Value of the traced amount when credited: unknown (no BTC price for 2026-03-01T12:30:00.000Z in price file prices.csv); not estimated',
    ],
    [
      'no price at all: the freeze line says unknown',
      none,
      BINANCE,
      '2. Freeze up to 0.35 BTC (native coin, no token contract), USD value when credited unknown for 1 of 1 deposit — the amount traced',
    ],
  ])('%s', (_name, requests, slug, line) => {
    expect(requests.get(slug)).toContain(line)
  })

  test('an unknown value never shows a USD figure', () => {
    for (const text of none.values()) {
      expect(text).not.toMatch(/USD [\d,]+\.\d\d/)
      expect(text).toContain('unknown')
    }
  })

  test('the USD line sits right after the traced amount of each deposit', () => {
    const lines = (full.get(BINANCE) ?? '').split('\n')
    const i = lines.findIndex((l) =>
      l.includes(`Deposit address: ${ADDR.deposit}`),
    )
    expect(lines[i + 5]).toMatch(/Amount traced to the victim .*: 0\.35 BTC$/)
    expect(lines[i + 6]).toMatch(
      /^ {5}Value of the traced amount when credited: USD 22,750\.04 /,
    )
  })

  test('several deposits at one venue: the freeze line sums their values', async () => {
    const report = await priced(PRICES)
    const [first, second] = report.hits
    if (!first || !second) throw new Error('sample has two hits')
    const both = { ...report, hits: [first, { ...second, entity: 'Binance' }] }
    const text = (await texts(both)).get(BINANCE) ?? ''
    expect(text).toContain('worth USD 39,000.07 in total when credited')
    const half = {
      ...both,
      hits: [
        first,
        {
          ...second,
          entity: 'Binance',
          usd: {
            ...second.usd,
            value: null,
            price: null,
            priceSource: null,
            priceAt: null,
            txTime: null,
          },
        },
      ],
    }
    expect((await texts(half)).get(BINANCE)).toContain(
      'USD value when credited unknown for 1 of 2 deposits',
    )
  })

  test('a hostile price source stays plain text', async () => {
    const text = (await texts(await priced(HOSTILE))).get(BINANCE) ?? ''
    expect(text).toContain('price: ‹script›x‹/script› feed (prices.csv:2)')
    expect(text).not.toMatch(/[<>\t]/)
  })
})

describe('without fiat values', () => {
  test.each([...plain.entries()])('%s: no USD text at all', (_slug, text) => {
    expect(text).not.toMatch(/USD|worth|Value of the traced/)
  })

  test.each([...plain.entries()])(
    '%s: the fiat text is the plain text plus the USD additions only',
    (slug, text) => {
      const stripped = (full.get(slug) ?? '')
        .split('\n')
        .filter(
          (l) =>
            !/Value of the traced amount when credited|Total loss in USD|USD price source/.test(
              l,
            ),
        )
        .join('\n')
        .replace(/, worth USD [\d,.]+ (in total )?when credited/, '')
        // The report id hashes report.json, which now carries the prices.
        .replace(/Report id: \w+/, '')
      expect(stripped).toBe(text.replace(/Report id: \w+/, ''))
    },
  )
})
