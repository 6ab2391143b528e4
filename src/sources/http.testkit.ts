/** Shared setup for the HTTP client tests: msw server, virtual clock, scripted responses. */
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { z } from 'zod'
import type { HttpClientOptions } from './config.js'
import { createHttpClient } from './http.js'
import type { HttpEvent } from './types.js'

/** Call once per test file: starts msw, failing on any unhandled request. */
export function useServer() {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return server
}

/** A raw tx by txid: an immutable answer, so the cache may reuse it in any run. */
export const URL_A = `https://api.test/tx/${'ab'.repeat(32)}/hex`
export const schema = z.object({ value: z.number() })
export const ok = () => HttpResponse.json({ value: 1 })
export const START = Date.parse('2024-05-01T12:00:00.000Z')

/** A virtual clock: sleeping advances it instead of waiting. */
export function setup(options: HttpClientOptions = {}) {
  let t = START
  const sleeps: number[] = []
  const events: HttpEvent[] = []
  const client = createHttpClient({
    now: () => new Date(t),
    sleep: async (ms) => {
      sleeps.push(ms)
      t += ms
    },
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options,
  })
  const get = (url = URL_A) =>
    client.request({ url, responseType: 'json', schema })
  return { client, get, sleeps, events, clock: () => t }
}

/** Serves the given responses in order, then repeats the last; counts hits. */
export function sequence(
  server: ReturnType<typeof setupServer>,
  ...responses: (() => Response | Promise<Response>)[]
) {
  const hits = { count: 0 }
  server.use(
    http.get(URL_A, () => {
      const next = responses[Math.min(hits.count, responses.length - 1)]!
      hits.count++
      return next()
    }),
  )
  return hits
}
