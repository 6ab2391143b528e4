import { describe, expect, test } from 'vitest'
import { entitySlugs, slugify } from '../views/entities.js'
import { explorerTxUrl } from '../views/explorer.js'
import {
  dotLines,
  dotString,
  escapeHtml,
  plainText,
  safeHref,
} from './escape.js'

describe('escapeHtml', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [
      '"><img src=x onerror=alert(1)>',
      '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    ],
    ["a'b`c&d", 'a&#39;b&#96;c&amp;d'],
    ['bc1q\u202eevil\u0000', 'bc1qevil'],
    [null, ''],
    [42, '42'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('safeHref', () => {
  test.each([
    ['https://mempool.space/tx/ab', 'https://mempool.space/tx/ab'],
    ['http://example.org/x?a=1', 'http://example.org/x?a=1'],
  ])('keeps %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected)
  })
  test.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/x',
    'https://x.example/"><script>',
    'vbscript:x',
    '',
    null,
  ])('drops %j', (input) => {
    expect(safeHref(input)).toBeNull()
  })
})

describe('dotString', () => {
  test.each([
    ['plain', '"plain"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash \\N', '"back\\\\slash \\\\N"'],
    ['x & y', '"x &amp; y"'],
    ['two\nlines', '"two lines"'],
  ])('%j → %s', (input, expected) => {
    expect(dotString(input)).toBe(expected)
  })
  test('dotLines joins escaped lines with DOT newlines', () => {
    expect(dotLines(['a"', 'b'])).toBe('"a\\"\\nb"')
  })
})

test('plainText neutralises markup and line injection', () => {
  expect(plainText('<script>x</script>\nSubject: fake')).toBe(
    '\u2039script\u203ax\u2039/script\u203a Subject: fake',
  )
})

test.each([
  ['bitcoin', 'ab'.repeat(32), `https://mempool.space/tx/${'ab'.repeat(32)}`],
  [
    'bitcoin-testnet',
    'AB'.repeat(32),
    `https://mempool.space/testnet/tx/${'ab'.repeat(32)}`,
  ],
  ['bitcoin', 'not-a-hash', null],
  ['ethereum', 'ab'.repeat(32), null],
])('explorerTxUrl(%s, %s)', (chain, hash, expected) => {
  expect(explorerTxUrl(chain, hash)).toBe(expected)
})

describe('slugify', () => {
  test.each([
    ['Binance', 'binance'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['../../etc/passwd', 'etc-passwd'],
    ['Kraken (US)', 'kraken-us'],
    ['', 'exchange'],
    ['💸', 'exchange'],
  ])('%j → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected)
  })
  test('collisions get a suffix', () => {
    expect([...entitySlugs(['A B', 'a-b', 'A.B']).values()]).toEqual([
      'a-b',
      'a-b-2',
      'a-b-3',
    ])
  })
})
