import { expect, test } from 'vitest'
import { sanitizeForTerminal } from './sanitize.js'

test.each([
  ['Binance 14', 'Binance 14'],
  ['\u001b[31mred\u001b[0m', 'red'],
  ['\u001b]0;pwned\u0007title', 'title'],
  ['\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
  ['a\rb\nc\td\u0000e', 'abcde'],
  ['\u009b31mx', 'x'],
  ['abc\u202edcba', 'abcdcba'],
  ['Kraken – 🐙', 'Kraken – 🐙'],
])('%j → %j', (input, expected) => {
  expect(sanitizeForTerminal(input)).toBe(expected)
})
