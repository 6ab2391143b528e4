import { describe, expect, test } from 'vitest'
import {
  csvSafe,
  hasUnsafeText,
  htmlSafe,
  stripUnsafe,
  terminalSafe,
} from './text-safety.js'

/** Every member of the unsafe class, named, with what each output makes of it. */
const MEMBERS: [name: string, ch: string][] = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['BS', '\u0008'],
  ['TAB', '\t'],
  ['LF', '\n'],
  ['VT', '\u000b'],
  ['FF', '\u000c'],
  ['CR', '\r'],
  ['ESC', '\u001b'],
  ['US', '\u001f'],
  ['DEL', '\u007f'],
  ['PAD (C1 first)', '\u0080'],
  ['CSI (8-bit)', '\u009b'],
  ['APC (C1 last)', '\u009f'],
  ['LRM', '\u200e'],
  ['RLM', '\u200f'],
  ['LRE', '\u202a'],
  ['RLE', '\u202b'],
  ['PDF', '\u202c'],
  ['LRO', '\u202d'],
  ['RLO', '\u202e'],
  ['LRI', '\u2066'],
  ['RLI', '\u2067'],
  ['FSI', '\u2068'],
  ['PDI', '\u2069'],
  ['LINE SEPARATOR', '\u2028'],
  ['PARAGRAPH SEPARATOR', '\u2029'],
]
const LAYOUT = new Set(['\t', '\n', '\r'])

describe.each(MEMBERS)('%s', (_name, ch) => {
  // Followed by a character no escape sequence can end with, so it stands alone.
  const text = `a${ch}字`
  test('is unsafe', () => expect(hasUnsafeText(text)).toBe(true))
  test('terminal: marked with U+FFFD', () =>
    expect(terminalSafe(text)).toBe('a\uFFFD字'))
  test('label line: removed', () => expect(stripUnsafe(text)).toBe('a字'))
  test('HTML text: removed unless layout', () =>
    expect(htmlSafe(text)).toBe(LAYOUT.has(ch) ? text : 'a字'))
  test('CSV cell: removed unless layout', () =>
    expect(csvSafe(text)).toBe(LAYOUT.has(ch) ? text : 'a字'))
})

describe.each([
  ['CSI', '\u001b[31mred\u001b[0m', 'red'],
  ['OSC title', '\u001b]0;pwned\u0007title', 'title'],
  ['OSC 8 link', '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
  ['8-bit CSI', '\u009b31mx', 'x'],
  ['Fe escape', '\u001bMx', 'x'],
])('escape sequence %s', (_name, input, stripped) => {
  test('label line, HTML and CSV: removed whole', () => {
    expect(stripUnsafe(input)).toBe(stripped)
    expect(htmlSafe(input)).toBe(stripped)
    expect(csvSafe(input)).toBe(stripped)
  })
  test('terminal: its introducer marked, the rest shown', () => {
    const marked = terminalSafe(input)
    expect(hasUnsafeText(marked)).toBe(false)
    expect(marked).toContain('\uFFFD')
  })
})

test.each([
  ['Binance 14', 'Binance 14'],
  ['\u001b[31mred\u001b[0m', 'red'],
  ['\u001b]0;pwned\u0007title', 'title'],
  ['\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
  ['a\rb\nc\td\u0000e', 'abcde'],
  ['\u009b31mx', 'x'],
  ['abc\u202edcba', 'abcdcba'],
  ['Kraken – 🐙', 'Kraken – 🐙'],
])('stripUnsafe(%j) → %j', (input, expected) => {
  expect(stripUnsafe(input)).toBe(expected)
})

test.each(['Kraken – 🐙', 'bc1qxyz', 'Binance 14', 'ü ß 中文'])(
  'safe text %j passes every output unchanged',
  (text) => {
    expect(hasUnsafeText(text)).toBe(false)
    expect(terminalSafe(text)).toBe(text)
    expect(stripUnsafe(text)).toBe(text)
    expect(htmlSafe(text)).toBe(text)
    expect(csvSafe(text)).toBe(text)
  },
)

test.each([
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-1', "'-1"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tx', "'\tx"],
  ['\rx', "'\rx"],
  ['\u202e=1+1', "'=1+1"],
])('csvSafe neutralises the formula in %j', (input, expected) => {
  expect(csvSafe(input)).toBe(expected)
})
