import { delay, HttpResponse, http } from 'msw'
import { describe, expect, test } from 'vitest'
import {
  HttpRequestError,
  HttpServerError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseParseError,
  ResponseTooLargeError,
} from './errors.js'
import {
  ok,
  schema,
  sequence,
  setup,
  URL_A,
  useServer,
} from './http.testkit.js'

const server = useServer()

describe('retries transient failures', () => {
  const truncated = () =>
    new HttpResponse('{"value":', {
      headers: { 'content-type': 'application/json' },
    })
  test.each([
    ['HTTP 429', () => new HttpResponse(null, { status: 429 })],
    ['HTTP 500', () => new HttpResponse(null, { status: 500 })],
    ['HTTP 502', () => new HttpResponse(null, { status: 502 })],
    ['HTTP 503', () => new HttpResponse(null, { status: 503 })],
    ['HTTP 504', () => new HttpResponse(null, { status: 504 })],
    ['network error', () => HttpResponse.error()],
    ['invalid JSON body', truncated],
  ])('%s, then succeeds', async (reason, failure) => {
    const hits = sequence(server, failure, ok)
    const { client, get, events, sleeps } = setup()
    await expect(get()).resolves.toEqual({ value: 1 })
    expect(hits.count).toBe(2)
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      {
        type: 'retry',
        url: URL_A,
        attempt: 1,
        attempts: 6,
        delayMs: 250,
        reason,
      },
    ])
    expect(sleeps).toContain(250) // full jitter: 0.5 * 500
    expect(client.stats()[0]).toMatchObject({ requests: 2, retries: 1 })
  })

  test.each([
    ['7', {}, 7000],
    ['Wed, 01 May 2024 12:00:03 GMT', {}, 3000],
    ['999', { maxDelayMs: 10_000 }, 10_000],
  ])('honours Retry-After %s', async (header, options, expected) => {
    const limited = () =>
      new HttpResponse(null, {
        status: 429,
        headers: { 'retry-after': header },
      })
    sequence(server, limited, ok)
    const { get, sleeps } = setup(options)
    await get()
    expect(sleeps).toEqual([expected])
  })

  test('backoff grows exponentially and gives up after `retries`', async () => {
    const hits = sequence(server, () => new HttpResponse(null, { status: 503 }))
    const { get, sleeps, client } = setup({ retries: 3, random: () => 0.999 })
    const err = await get().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HttpServerError)
    expect((err as HttpServerError).exitCode).toBe(3)
    expect(hits.count).toBe(4)
    expect(sleeps).toEqual([499, 999, 1998])
    expect(client.stats()[0]).toMatchObject({ requests: 4, failures: 1 })
  })

  test.each([
    [429, RateLimitError, 3],
    [500, HttpServerError, 3],
  ] as const)('final %i is %o, exit %i', async (status, type, exitCode) => {
    sequence(server, () => new HttpResponse(null, { status }))
    const err = await setup({ retries: 1 })
      .get()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(type)
    expect((err as HttpRequestError).exitCode).toBe(exitCode)
  })

  test('a network failure that persists is a NetworkError, exit 3', async () => {
    sequence(server, () => HttpResponse.error())
    const err = await setup({ retries: 1 })
      .get()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect((err as NetworkError).exitCode).toBe(3)
    // The give-up error says how many attempts were made.
    expect((err as NetworkError).attempts).toBe(2)
  })

  test('a truncated body that persists is a ResponseParseError', async () => {
    sequence(server, () => new HttpResponse('{"val'))
    await expect(setup({ retries: 1 }).get()).rejects.toThrow(
      ResponseParseError,
    )
  })
})

describe('does not retry', () => {
  test.each([
    [404, NotFoundError, 1],
    [400, HttpRequestError, 1],
    [403, HttpRequestError, 1],
    [501, HttpServerError, 3],
  ] as const)('HTTP %i -> %o', async (status, type, exitCode) => {
    const hits = sequence(server, () => new HttpResponse('nope', { status }))
    const { get, events } = setup()
    const err = await get().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(type)
    expect(err).toMatchObject({ status, url: URL_A, exitCode })
    expect(hits.count).toBe(1)
    expect(events.some((e) => e.type === 'retry')).toBe(false)
  })

  test('a body over maxBodyBytes (declared by Content-Length)', async () => {
    const hits = sequence(
      server,
      () =>
        new HttpResponse('{"value":1}', {
          headers: { 'content-length': '5000' },
        }),
    )
    await expect(setup({ maxBodyBytes: 100 }).get()).rejects.toThrow(
      ResponseTooLargeError,
    )
    expect(hits.count).toBe(1)
  })

  test('a body over maxBodyBytes (counted while streaming)', async () => {
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(40))
          controller.close()
        },
      })
    const hits = sequence(server, () => new HttpResponse(stream()))
    const err = await setup({ maxBodyBytes: 100 })
      .get()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ResponseTooLargeError)
    expect((err as Error).message).toContain(URL_A)
    expect(hits.count).toBe(1)
  })

  test('a caller abort', async () => {
    const hits = { count: 0 }
    server.use(
      http.get(URL_A, async () => {
        hits.count++
        await delay('infinite')
        return ok()
      }),
    )
    const { client } = setup()
    const controller = new AbortController()
    const pending = client.request({
      url: URL_A,
      responseType: 'json',
      schema,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(hits.count).toBe(1)
    expect(client.stats()[0]).toMatchObject({ failures: 0, retries: 0 })
  })
})
