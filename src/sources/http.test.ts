import { delay, HttpResponse, http } from 'msw'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ResponseValidationError, TimeoutError } from './errors.js'
import {
  ok,
  schema,
  sequence,
  setup,
  URL_A,
  useServer,
} from './http.testkit.js'

const server = useServer()

test('times out each attempt, retries, then throws TimeoutError', async () => {
  const hits = { count: 0 }
  server.use(
    http.get(URL_A, async () => {
      hits.count++
      await delay('infinite')
      return ok()
    }),
  )
  const { get, events } = setup({ timeoutMs: 30, retries: 1 })
  const err = await get().catch((e: unknown) => e)
  expect(err).toBeInstanceOf(TimeoutError)
  expect(err).toMatchObject({ exitCode: 3, url: URL_A })
  expect(hits.count).toBe(2)
  expect(events.filter((e) => e.type === 'retry')).toMatchObject([
    { reason: 'timeout' },
  ])
})

describe('zod validation', () => {
  test('fails once, is refetched, then passes', async () => {
    const hits = sequence(server, () => HttpResponse.json({ value: 'x' }), ok)
    const { get, events } = setup()
    await expect(get()).resolves.toEqual({ value: 1 })
    expect(hits.count).toBe(2)
    expect(events).toContainEqual(
      expect.objectContaining({ reason: 'response failed validation' }),
    )
  })

  test('keeps failing: an error naming the URL and the field', async () => {
    const hits = sequence(server, () => HttpResponse.json({ value: 'x' }))
    const err = await setup({ retries: 3 })
      .get()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ResponseValidationError)
    // the first fetch plus one refetch per retry
    expect(hits.count).toBe(4)
    const message = (err as Error).message
    expect(message).toContain(`GET ${URL_A}`)
    expect(message).toMatch(/^value: .*expected number/m)
  })

  test('text responses are validated as strings', async () => {
    server.use(http.get(URL_A, () => HttpResponse.text('00ff')))
    const { client } = setup()
    const hex = z.string().regex(/^[0-9a-f]+$/)
    await expect(
      client.request({ url: URL_A, responseType: 'text', schema: hex }),
    ).resolves.toBe('00ff')
  })
})

describe('in-flight de-duplication', () => {
  test('two concurrent identical requests share one fetch', async () => {
    const hits = sequence(server, async () => {
      await delay(10)
      return ok()
    })
    const { get } = setup()
    const [a, b] = await Promise.all([get(), get()])
    expect(a).toEqual({ value: 1 })
    expect(b).toEqual(a)
    expect(hits.count).toBe(1)
  })

  test('different bodies are different requests', async () => {
    const bodies: string[] = []
    server.use(
      http.post(URL_A, async ({ request }) => {
        bodies.push(await request.text())
        return ok()
      }),
    )
    const { client } = setup()
    const post = (body: string) =>
      client.request({
        url: URL_A,
        method: 'POST',
        body,
        responseType: 'json',
        schema,
      })
    await Promise.all([post('{"a":1}'), post('{"a":2}'), post('{"a":1}')])
    expect(bodies.sort()).toEqual(['{"a":1}', '{"a":2}'])
  })

  test('one caller aborting does not abort the other', async () => {
    sequence(server, async () => {
      await delay(30)
      return ok()
    })
    const { client, get } = setup()
    const controller = new AbortController()
    const first = client.request({
      url: URL_A,
      responseType: 'json',
      schema,
      signal: controller.signal,
    })
    const second = get()
    controller.abort()
    await expect(first).rejects.toMatchObject({ name: 'AbortError' })
    await expect(second).resolves.toEqual({ value: 1 })
  })
})

test('user:pass@ in the URL is sent as Basic auth, not in the URL', async () => {
  let auth: string | null = null
  server.use(
    http.get(URL_A, ({ request }) => {
      auth = request.headers.get('authorization')
      return ok()
    }),
  )
  const { get } = setup()
  await get(URL_A.replace('https://', 'https://alice:s%3Acret@'))
  expect(auth).toBe(`Basic ${Buffer.from('alice:s:cret').toString('base64')}`)
})
