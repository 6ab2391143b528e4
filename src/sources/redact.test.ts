import { describe, expect, test } from 'vitest'
import { redactCause, redactText, redactUrl } from './redact.js'

const S = 'k3y/+=?&'

describe('redactUrl', () => {
  test.each([
    ['https://a.test/x', [], 'https://a.test/x'],
    ['https://a.test/x?apikey=abc', [], 'https://a.test/x?apikey=***'],
    [
      'https://a.test/x?n=1&API_KEY=abc&m=2',
      [],
      'https://a.test/x?n=1&API_KEY=***&m=2',
    ],
    [
      'https://a.test/x?key=a&token=b&access_token=c&auth=d',
      [],
      'https://a.test/x?key=***&token=***&access_token=***&auth=***',
    ],
    [
      'https://a.test/x?monkey=1&keys=2',
      [],
      'https://a.test/x?monkey=1&keys=2',
    ],
    ['https://a.test/x?token=abc#frag', [], 'https://a.test/x?token=***#frag'],
    ['https://u:p@a.test/x', [], 'https://a.test/x'],
    ['https://u@a.test/x', [], 'https://a.test/x'],
    ['https://a.test/v2/SECRET/tx', ['SECRET'], 'https://a.test/v2/***/tx'],
    ['https://SECRET.a.test/', ['SECRET'], 'https://***.a.test/'],
    [
      `https://a.test/?x=${encodeURIComponent(S)}`,
      [S],
      'https://a.test/?x=***',
    ],
    ['https://a.test/x', [''], 'https://a.test/x'],
  ])('%s', (url, secrets, expected) => {
    expect(redactUrl(url, secrets)).toBe(expected)
  })
})

describe('redactText', () => {
  test.each([
    ['no secrets here', ['abc'], 'no secrets here'],
    ['abc and abc', ['abc'], '*** and ***'],
    ['a-b c-d', ['a-b', 'c-d'], '*** ***'],
    ['text', [], 'text'],
  ])('%s', (text, secrets, expected) => {
    expect(redactText(text, secrets)).toBe(expected)
  })
})

describe('redactCause', () => {
  test('keeps a clean error as is', () => {
    const err = new TypeError('fetch failed')
    expect(redactCause(err, ['abc'])).toBe(err)
  })

  test('replaces an error whose message holds a secret', () => {
    const safe = redactCause(new TypeError('bad url /abc/'), ['abc'])
    expect(safe).toBeInstanceOf(Error)
    expect((safe as Error).message).toBe('bad url /***/')
    expect((safe as Error).name).toBe('TypeError')
  })
})
