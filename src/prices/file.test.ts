import { describe, expect, test } from 'vitest'
import { UsageError } from '../core/errors.js'
import {
  createFilePriceSource,
  PriceFileError,
  parsePriceFile,
  splitCsvLine,
} from './file.js'

const HEADER = 'asset,time_or_date,price_usd,source'

describe('parsePriceFile: valid', () => {
  test('header, comments, blank lines, CRLF, BOM, quotes, zones', () => {
    const text = `\uFEFF${HEADER}\r\n# copied by hand\r\n\r\nbtc,2026-03-01,65000.12,"CoinGecko, daily"\r\nBTC,2026-03-01T10:00,64000.5,Kraken\r\nBTC,2026-03-01T12:00:00+01:00,64100,Bitstamp\r\n`
    expect(parsePriceFile(text)).toEqual([
      {
        asset: 'BTC',
        at: '2026-03-01',
        kind: 'date',
        price: '65000.12',
        source: 'CoinGecko, daily',
        line: 4,
      },
      {
        asset: 'BTC',
        at: '2026-03-01T10:00:00.000Z',
        kind: 'time',
        price: '64000.5',
        source: 'Kraken',
        line: 5,
      },
      {
        asset: 'BTC',
        at: '2026-03-01T11:00:00.000Z',
        kind: 'time',
        price: '64100',
        source: 'Bitstamp',
        line: 6,
      },
    ])
  })
  test('the header is optional', () => {
    expect(parsePriceFile('ETH,2026-03-01,3000,manual')).toHaveLength(1)
  })
})

describe('parsePriceFile: invalid, every problem with its line', () => {
  test.each([
    [
      'price not a number',
      'BTC,2026-03-01,abc,src',
      [
        'prices.csv:1: price_usd: expected a plain decimal such as 65000.12, got "abc"',
      ],
    ],
    [
      'thousands separator',
      `${HEADER}\nBTC,2026-03-01,"65,000.00",src`,
      [
        'prices.csv:2: price_usd: expected a plain decimal such as 65000.12, got "65,000.00"',
      ],
    ],
    [
      'exponent',
      'BTC,2026-03-01,6.5e4,src',
      [
        'prices.csv:1: price_usd: expected a plain decimal such as 65000.12, got "6.5e4"',
      ],
    ],
    [
      'zero price',
      'BTC,2026-03-01,0.00,src',
      ['prices.csv:1: price_usd: must be greater than 0'],
    ],
    [
      'bad date',
      `${HEADER}\n\n# note\nBTC,01/03/2026,1,src`,
      [
        'prices.csv:4: time_or_date: expected YYYY-MM-DD or an ISO UTC time such as 2026-03-01T10:00:00Z, got "01/03/2026"',
      ],
    ],
    [
      'impossible date',
      'BTC,2026-02-30,1,src',
      [
        'prices.csv:1: time_or_date: expected YYYY-MM-DD or an ISO UTC time such as 2026-03-01T10:00:00Z, got "2026-02-30"',
      ],
    ],
    [
      'too few columns',
      'BTC,2026-03-01,1',
      [
        'prices.csv:1: row: expected 4 columns (asset,time_or_date,price_usd,source), got 3',
      ],
    ],
    [
      'no source',
      'BTC,2026-03-01,1,',
      ['prices.csv:1: source: required (name where the price came from)'],
    ],
    [
      'bad asset',
      'B T C,2026-03-01,1,src',
      [
        'prices.csv:1: asset: expected a symbol such as BTC or a token contract 0x…, got "B T C"',
      ],
    ],
    [
      'unbalanced quotes',
      'BTC,2026-03-01,1,"src',
      ['prices.csv:1: row: unbalanced quotes'],
    ],
    [
      'duplicate',
      `${HEADER}\nBTC,2026-03-01,1,a\nbtc,2026-03-01,2,b`,
      [
        'prices.csv:3: time_or_date: second price for BTC at 2026-03-01 (first on line 2)',
      ],
    ],
    [
      'several at once',
      `${HEADER}\nBTC,2026-03-01,x,a\nBTC,2026-03-02,1,b\nBTC,yesterday,1,c`,
      [
        'prices.csv:2: price_usd: expected a plain decimal such as 65000.12, got "x"',
        'prices.csv:4: time_or_date: expected YYYY-MM-DD or an ISO UTC time such as 2026-03-01T10:00:00Z, got "yesterday"',
      ],
    ],
  ])('%s', (_name, text, lines) => {
    let error: unknown
    try {
      parsePriceFile(text)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(PriceFileError)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as PriceFileError).lines).toEqual(lines)
    expect((error as PriceFileError).exitCode).toBe(2)
  })
})

describe('splitCsvLine', () => {
  test.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['a,,', ['a', '', '']],
    ['"a"b,c', null],
  ])('%j', (line, cells) => {
    expect(splitCsvLine(line)).toEqual(cells)
  })
})

describe('createFilePriceSource', () => {
  const source = createFilePriceSource(
    parsePriceFile(
      `${HEADER}\nBTC,2026-03-01,65000.12,daily\nBTC,2026-03-01T10:00:00Z,64000.5,trade`,
    ),
  )
  test.each([
    [
      'exact timestamp wins',
      'BTC',
      '2026-03-01T10:00:00Z',
      {
        price: '64000.5',
        source: 'trade (prices.csv:3)',
        at: '2026-03-01T10:00:00.000Z',
      },
    ],
    [
      'else the same UTC date',
      'BTC',
      '2026-03-01T10:00:01Z',
      { price: '65000.12', source: 'daily (prices.csv:2)', at: '2026-03-01' },
    ],
    ['UTC date, not local date', 'BTC', '2026-03-01T23:30:00-05:00', null],
    [
      'asset is case-insensitive',
      'btc',
      '2026-03-01T23:59:59Z',
      { price: '65000.12', source: 'daily (prices.csv:2)', at: '2026-03-01' },
    ],
    [
      'missing date: null, never a neighbour',
      'BTC',
      '2026-03-02T00:00:00Z',
      null,
    ],
    ['other asset: null', 'ETH', '2026-03-01T10:00:00Z', null],
  ])('%s', async (_name, asset, time, expected) => {
    expect(await source.priceAt(asset, new Date(time))).toEqual(expected)
  })
})
