/**
 * USD columns in hits.csv, hops.csv and endpoints.csv — present only
 * when the report has fiat values, "unknown" (with the reason) where the
 * price file has no price, and formula-safe like every other cell.
 */
import { describe, expect, test } from 'vitest'
import { ADDR, sampleReport, TX } from '../../test/support/sample-report.js'
import { createFilePriceSource, parsePriceFile } from '../prices/file.js'
import { applyFiat } from '../prices/lookup.js'
import { hitsCsv, hopsCsv, toCsv } from './csv.js'
import { endpointsCsv } from './endpoints.js'
import type { Report } from './types.js'
import { USD_COLUMNS, usdCells } from './usd-cells.js'

// The sample trace runs 2026-03-01 10:00Z .. 2026-03-02 09:15Z; 03-02 has no price.
const PRICES = `asset,time_or_date,price_usd,source
BTC,2026-03-01,65000.12,CoinGecko daily close
BTC,2026-03-01T10:00:00Z,64000.50,Kraken trade at the theft
`
const HOSTILE_PRICES = `asset,time_or_date,price_usd,source
BTC,2026-03-01,65000.12,"=HYPERLINK(""http://x"",""y"")"
BTC,2026-03-02,66000,-2+3
`

const priced = (text: string) =>
  applyFiat(sampleReport(), createFilePriceSource(parsePriceFile(text)))
const plain = sampleReport()
const fiat = await priced(PRICES)
const hostile = await priced(HOSTILE_PRICES)

/** A minimal RFC 4180 parser (no line breaks inside the sample's cells). */
function parse(csv: string): string[][] {
  const rows: string[][] = []
  for (const line of csv.split('\r\n').filter(Boolean)) {
    const row: string[] = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = !quoted
      else if (ch === ',' && !quoted) {
        row.push(cell)
        cell = ''
      } else cell += ch
    }
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Each row's four USD cells, keyed by its first cell. */
function usdOf(csv: string, key: number): [string | undefined, string[]][] {
  return parse(csv)
    .slice(1)
    .map((row) => [row[key], row.slice(-USD_COLUMNS.length)])
}

const FILES: [string, (r: Report) => string][] = [
  ['hits.csv', hitsCsv],
  ['hops.csv', hopsCsv],
  ['endpoints.csv', endpointsCsv],
]

const DAILY = ['65000.12', 'CoinGecko daily close (prices.csv:2)', '2026-03-01']
const NO_PRICE = [
  'unknown',
  '',
  'no BTC price for 2026-03-02T09:15:00.000Z in price file prices.csv',
  '',
]

describe('USD columns appear only with fiat values', () => {
  test.each(FILES)('%s: header ends with the USD columns', (_name, render) => {
    const header = parse(render(fiat))[0] ?? []
    expect(header.slice(-4)).toEqual([...USD_COLUMNS])
    expect(parse(render(plain))[0]).not.toContain('usd_value')
  })

  test.each(FILES)(
    '%s: without the USD columns the fiat file is the plain file, byte for byte',
    (_name, render) => {
      const [header = [], ...rows] = parse(render(fiat))
      const strip = (row: string[]) => row.slice(0, -USD_COLUMNS.length)
      // Re-serialising the parsed cells would re-quote; compare parsed cells
      // and the raw prefix of every line instead.
      expect([strip(header), ...rows.map(strip)]).toEqual(parse(render(plain)))
      const fiatLines = render(fiat).split('\r\n')
      for (const [i, line] of render(plain).split('\r\n').entries())
        expect(fiatLines[i]?.startsWith(line)).toBe(true)
    },
  )

  test.each(FILES)(
    '%s: every row has as many cells as the header',
    (_name, render) => {
      const [header = [], ...rows] = parse(render(fiat))
      for (const row of rows) expect(row).toHaveLength(header.length)
    },
  )
})

describe('USD values per row', () => {
  test('hits.csv: the traced amount at first credit, with price, source and date', () => {
    expect(usdOf(hitsCsv(fiat), 5)).toEqual([
      [ADDR.deposit, ['22750.04', ...DAILY]],
      [ADDR.labelled, ['16250.03', ...DAILY]],
    ])
  })

  test('hops.csv: each edge at its own time; no price is unknown with the reason', () => {
    const rows = new Map(usdOf(hopsCsv(fiat), 0))
    expect(rows.get(`${TX.theft}:0`)).toEqual([
      '64000.50',
      '64000.50',
      'Kraken trade at the theft (prices.csv:3)',
      '2026-03-01T10:00:00.000Z',
    ])
    expect(rows.get(`${TX.t2}:1`)).toEqual(['25993.55', ...DAILY])
    expect(rows.get(`${TX.t7}:0`)).toEqual(NO_PRICE)
    expect(rows.size).toBe(11)
  })

  test('endpoints.csv: hit rows carry USD; at-rest and unexplored rows stay blank', () => {
    expect(usdOf(endpointsCsv(fiat), 5)).toEqual([
      [ADDR.deposit, ['22750.04', ...DAILY]],
      [ADDR.labelled, ['16250.03', ...DAILY]],
      [ADDR.rest, ['', '', '', '']],
      [ADDR.mixer, ['', '', '', '']],
      [ADDR.failed, ['', '', '', '']],
    ])
  })

  test('a hit without a price reads unknown, never a number', async () => {
    const report = await priced('asset,time_or_date,price_usd,source\n')
    for (const [, cells] of usdOf(hitsCsv(report), 5))
      expect(cells).toEqual([
        'unknown',
        '',
        'no BTC price for 2026-03-01T12:30:00.000Z in price file prices.csv',
        '',
      ])
  })
})

describe('usdCells', () => {
  test.each([
    ['absent', undefined, ['', '', '', '']],
    [
      'priced',
      {
        value: '1.00',
        price: '2',
        priceSource: 's',
        priceAt: '2026-01-01',
        txTime: null,
      },
      ['1.00', '2', 's', '2026-01-01'],
    ],
    [
      'unknown with a note',
      {
        value: null,
        price: null,
        priceSource: null,
        priceAt: null,
        txTime: null,
        note: 'unconfirmed: no time to price at',
      },
      ['unknown', '', 'unconfirmed: no time to price at', ''],
    ],
    [
      'unknown without a note',
      {
        value: null,
        price: null,
        priceSource: null,
        priceAt: null,
        txTime: null,
      },
      ['unknown', '', 'no price', ''],
    ],
  ] as const)('%s', (_name, usd, expected) => {
    expect(usdCells(usd)).toEqual(expected)
  })
})

describe('USD cells are formula-safe', () => {
  test.each(FILES)(
    '%s: a hostile price source is neutralised',
    (_name, render) => {
      const csv = render(hostile)
      expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
      expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")`)
      const cells = parse(csv).flat()
      expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false)
    },
  )

  test('the neutralised cell matches csvCell on the raw source', () => {
    const source = hostile.hits[0]?.usd?.priceSource ?? ''
    expect(source.startsWith('=HYPERLINK')).toBe(true)
    expect(toCsv(['s'], [[source]])).toBe(
      `s\r\n"'=HYPERLINK(""http://x"",""y"") (prices.csv:2)"\r\n`,
    )
    expect(usdOf(hitsCsv(hostile), 5)[0]?.[1]?.[1]).toBe('65000.12')
    expect(usdOf(hitsCsv(hostile), 5)[0]?.[1]?.[2]).toBe(
      `'=HYPERLINK("http://x","y") (prices.csv:2)`,
    )
  })
})
