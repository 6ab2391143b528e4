import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { createMemoryStore } from '../evidence/memoryStore.js'
import { describeCall } from './config.js'
import { createHttpClient } from './http.js'
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

describe('header credentials', () => {
  const KEY = '3f1c9e2a-7b4d-4e8f-9a61-0c5d2b7e8f90'
  const URL_T = 'https://tron.test/wallet/gettransactionbyid'
  const spec = (headers?: Record<string, string>) => ({
    url: URL_T,
    method: 'POST' as const,
    body: '{"value":"ab"}',
    responseType: 'json' as const,
    schema: z.object({ ok: z.boolean() }),
    ...(headers ? { headers } : {}),
  })

  test('go on the wire only: the evidence key and shown request are the keyless ones', () => {
    const keyed = describeCall(spec({ 'TRON-PRO-API-KEY': KEY }), [])
    const bare = describeCall(spec(), [])
    expect(keyed.headers['TRON-PRO-API-KEY']).toBe(KEY)
    expect(keyed.key).toBe(bare.key)
    expect(keyed.shownUrl).toBe(URL_T)
    expect(keyed.secrets).toEqual([KEY])
  })

  test("a request's own secrets (a token in a base URL's path) are scrubbed like the client's", () => {
    const TOKEN = '7f3a9c01d2e4b5a6c7d8e9f0'
    const call = describeCall(
      {
        ...spec(),
        url: `https://tron.test/${TOKEN}/wallet/x`,
        secrets: [TOKEN],
      },
      [],
    )
    expect(call.url).toContain(TOKEN)
    expect(call.shownUrl).toBe('https://tron.test/***/wallet/x')
    expect(call.secrets).toEqual([TOKEN])
  })

  test('a key a server echoes is scrubbed from the record, errors and events', async () => {
    const seen: Headers[] = []
    const echo = (status: number) =>
      (async (_: unknown, init?: RequestInit) => {
        seen.push(new Headers(init?.headers))
        return new Response(JSON.stringify({ ok: true, echo: KEY }), {
          status,
          headers: { 'content-type': 'application/json' },
        })
      }) as typeof globalThis.fetch
    const store = createMemoryStore()
    const events: unknown[] = []
    const client = createHttpClient({
      fetch: echo(200),
      store,
      onEvent: (e) => events.push(e),
    })
    await client.request(spec({ 'TRON-PRO-API-KEY': KEY }))
    expect(seen[0]?.get('tron-pro-api-key')).toBe(KEY)
    const records = [...store.records.values()]
    expect(records).toHaveLength(1)
    expect(JSON.stringify(records)).not.toContain(KEY)
    expect(records[0]?.body).toContain('"echo":"***"')

    const failing = createHttpClient({
      fetch: echo(400),
      retries: 0,
      onEvent: (e) => events.push(e),
    })
    const err = await failing
      .request(spec({ 'TRON-PRO-API-KEY': KEY }))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(
      JSON.stringify({ ...(err as object), m: String(err) }),
    ).not.toContain(KEY)
    expect(JSON.stringify(events)).not.toContain(KEY)
  })
})
