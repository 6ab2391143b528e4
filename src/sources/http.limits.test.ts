import { delay, HttpResponse, http } from 'msw'
import { describe, expect, test } from 'vitest'
import { createHttpClient } from './http.js'
import { ok, START, schema, setup, useServer } from './http.testkit.js'

const server = useServer()

describe('per-host limits', () => {
  test('concurrent starts are scheduled 1000/rps apart', async () => {
    // A frozen clock: each sleep is the wait until that request's slot.
    const sleeps: number[] = []
    const client = createHttpClient({
      defaultLimit: { rps: 4, concurrency: 10 },
      now: () => new Date(START),
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })
    server.use(http.get('https://api.test/n/:n', ok))
    const urls = [0, 1, 2, 3, 4, 5].map((n) => `https://api.test/n/${n}`)
    await Promise.all(
      urls.map((url) => client.request({ url, responseType: 'json', schema })),
    )
    expect(sleeps).toEqual([250, 500, 750, 1000, 1250])
  })

  test('serial starts are spaced 1000/rps apart on the virtual clock', async () => {
    const starts: number[] = []
    const { client, clock } = setup({
      defaultLimit: { rps: 4, concurrency: 1 },
    })
    server.use(
      http.get('https://api.test/n/:n', () => {
        starts.push(clock())
        return ok()
      }),
    )
    const urls = [0, 1, 2, 3].map((n) => `https://api.test/n/${n}`)
    await Promise.all(
      urls.map((url) => client.request({ url, responseType: 'json', schema })),
    )
    expect(starts.map((t) => t - START)).toEqual([0, 250, 500, 750])
  })

  test('limits are per origin, looked up by host', async () => {
    const starts: Record<string, number[]> = { a: [], b: [] }
    const { client, clock } = setup({
      limits: { 'a.test': { rps: 1, concurrency: 1 } },
      defaultLimit: { rps: 10, concurrency: 1 },
    })
    server.use(
      http.get('https://:host/x/:n', ({ params }) => {
        starts[String(params.host)[0]!]!.push(clock())
        return ok()
      }),
    )
    const get = (host: string, n: number) =>
      client.request({
        url: `https://${host}/x/${n}`,
        responseType: 'json',
        schema,
      })
    await Promise.all([get('a.test', 1), get('a.test', 2), get('a.test', 3)])
    await Promise.all([get('b.test', 1), get('b.test', 2), get('b.test', 3)])
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]!)
    expect(gaps(starts.a!)).toEqual([1000, 1000])
    expect(gaps(starts.b!)).toEqual([100, 100])
    expect(client.stats().map((s) => s.baseUrl)).toEqual([
      'https://a.test',
      'https://b.test',
    ])
  })

  test('never more than `concurrency` requests in flight', async () => {
    let inFlight = 0
    let peak = 0
    server.use(
      http.get('https://api.test/n/:n', async () => {
        peak = Math.max(peak, ++inFlight)
        await delay(15)
        inFlight--
        return ok()
      }),
    )
    const { client } = setup({ defaultLimit: { rps: 1000, concurrency: 2 } })
    await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        client.request({
          url: `https://api.test/n/${n}`,
          responseType: 'json',
          schema,
        }),
      ),
    )
    expect(peak).toBe(2)
  })

  test('real clock: 5 requests at 20 rps take at least 200 ms', async () => {
    server.use(http.get('https://api.test/n/:n', ok))
    const client = createHttpClient({
      defaultLimit: { rps: 20, concurrency: 5 },
    })
    const started = performance.now()
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        client.request({
          url: `https://api.test/n/${n}`,
          responseType: 'json',
          schema,
        }),
      ),
    )
    expect(performance.now() - started).toBeGreaterThanOrEqual(195)
  })

  test('an adaptive host pauses for its spent window, then for a 429', async () => {
    const starts: number[] = []
    const { client, clock } = setup({
      defaultLimit: { rps: 0, adaptive: true, concurrency: 1 },
    })
    let n = 0
    server.use(
      http.get('https://api.test/n/:n', () => {
        starts.push(clock() - START)
        n++
        if (n === 1)
          return HttpResponse.json(
            { value: 1 },
            {
              headers: {
                'ratelimit-limit': '2',
                'ratelimit-remaining': '0',
                'ratelimit-reset': '3',
              },
            },
          )
        if (n === 2)
          return new HttpResponse(null, {
            status: 429,
            headers: { 'retry-after': '5' },
          })
        return ok()
      }),
    )
    for (const i of [1, 2, 3])
      await client.request({
        url: `https://api.test/n/${i}`,
        responseType: 'json',
        schema,
      })
    // Unpaced at first; the spent window holds the next start 3 s; the 429's
    // Retry-After holds its retry 5 s, and halves the 1 req/s really sent.
    expect(starts).toEqual([0, 3000, 8000, 10000])
  })
})

describe('a shared abort signal', () => {
  test('40 requests queued behind one host on one signal print no MaxListenersExceededWarning', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`)
    process.on('warning', onWarning)
    try {
      const client = createHttpClient({
        defaultLimit: { rps: 1000, concurrency: 2 },
      })
      server.use(http.get('https://api.test/n/:n', ok))
      const signal = new AbortController().signal
      const values = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          client.request({
            url: `https://api.test/n/${n}`,
            responseType: 'json',
            schema,
            signal,
          }),
        ),
      )
      expect(values).toHaveLength(40)
      // Node emits the warning on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toEqual([])
  })

  test('an abort still reaches every queued request', async () => {
    const client = createHttpClient({
      defaultLimit: { rps: 1000, concurrency: 1 },
    })
    server.use(
      http.get('https://api.test/slow/:n', async () => {
        await delay(200)
        return ok()
      }),
    )
    const controller = new AbortController()
    const pending = Array.from({ length: 15 }, (_, n) =>
      client.request({
        url: `https://api.test/slow/${n}`,
        responseType: 'json',
        schema,
        signal: controller.signal,
      }),
    )
    controller.abort(new Error('stop'))
    const settled = await Promise.allSettled(pending)
    expect(settled.every((s) => s.status === 'rejected')).toBe(true)
  })
})
