import { describe, expect, test } from 'vitest'
import {
  HttpRequestError,
  HttpServerError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseParseError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js'
import {
  backoffDelay,
  defaultSleep,
  parseRetryAfter,
  transientReason,
  withRetries,
} from './retry.js'

const url = 'https://a.test/x'
const backoff = { baseDelayMs: 500, maxDelayMs: 30_000, random: () => 1 }

test.each([
  [1, 500],
  [2, 1000],
  [3, 2000],
  [7, 30_000],
  [50, 30_000],
])('backoffDelay ceiling at attempt %i is %i', (attempt, ceiling) => {
  expect(backoffDelay(attempt, backoff)).toBe(ceiling)
  expect(backoffDelay(attempt, { ...backoff, random: () => 0 })).toBe(0)
})

const now = new Date('2024-05-01T12:00:00.000Z')
test.each([
  [null, undefined],
  ['0', 0],
  ['12', 12_000],
  ['1.5', 1500],
  ['Wed, 01 May 2024 12:00:10 GMT', 10_000],
  ['Wed, 01 May 2024 11:00:00 GMT', 0],
  ['soon', undefined],
  ['-3', undefined],
])('parseRetryAfter(%j) = %j', (header, expected) => {
  expect(parseRetryAfter(header, now)).toBe(expected)
})

test.each([
  [new RateLimitError({ url }), 'HTTP 429'],
  [new HttpServerError({ url, status: 500 }), 'HTTP 500'],
  [new HttpServerError({ url, status: 502 }), 'HTTP 502'],
  [new HttpServerError({ url, status: 503 }), 'HTTP 503'],
  [new HttpServerError({ url, status: 504 }), 'HTTP 504'],
  [new NetworkError({ url }), 'network error'],
  [new TimeoutError({ url, timeoutMs: 1 }), 'timeout'],
  [new ResponseParseError({ url }), 'invalid JSON body'],
  [new HttpServerError({ url, status: 501 }), undefined],
  [new HttpRequestError({ url, status: 400 }), undefined],
  [new NotFoundError({ url }), undefined],
  [new ResponseTooLargeError({ url, maxBytes: 1 }), undefined],
  [new ResponseValidationError({ url, issues: [] }), undefined],
  [new TypeError('boom'), undefined],
])('transientReason(%s) = %j', (err, reason) => {
  expect(transientReason(err)).toBe(reason)
})

describe('withRetries', () => {
  const options = { ...backoff, retries: 2, sleep: async () => {} }

  test('stops at the first success', async () => {
    const attempts: number[] = []
    const result = await withRetries(async (n) => {
      attempts.push(n)
      if (n < 2) throw new NetworkError({ url })
      return 'done'
    }, options)
    expect(result).toBe('done')
    expect(attempts).toEqual([1, 2])
  })

  test('uses Retry-After instead of backoff, capped', async () => {
    const delays: number[] = []
    await expect(
      withRetries(
        async () => {
          throw new RateLimitError({ url, retryAfterMs: 99_000 })
        },
        { ...options, onRetry: (r) => delays.push(r.delayMs) },
      ),
    ).rejects.toThrow(RateLimitError)
    expect(delays).toEqual([30_000, 30_000])
  })

  test('rethrows the caller abort without retrying', async () => {
    const controller = new AbortController()
    let calls = 0
    const run = withRetries(
      async () => {
        calls++
        controller.abort(new Error('stop'))
        throw new NetworkError({ url })
      },
      { ...options, signal: controller.signal },
    )
    await expect(run).rejects.toThrow('stop')
    expect(calls).toBe(1)
  })
})

test('defaultSleep waits and rejects on abort', async () => {
  await expect(defaultSleep(1)).resolves.toBeUndefined()
  const controller = new AbortController()
  const pending = defaultSleep(10_000, controller.signal)
  controller.abort(new Error('cancelled'))
  await expect(pending).rejects.toThrow('cancelled')
})

test.each([
  [new HttpRequestError({ url, status: 400 }), 1],
  [new NotFoundError({ url }), 1],
  [new RateLimitError({ url }), 3],
  [new HttpServerError({ url, status: 503 }), 3],
  [new NetworkError({ url }), 3],
  [new TimeoutError({ url, timeoutMs: 5 }), 3],
  [new ResponseParseError({ url }), 3],
  [new ResponseValidationError({ url, issues: [] }), 1],
  [new ResponseTooLargeError({ url, maxBytes: 1 }), 1],
])('%s exits with %i', (err, exitCode) => {
  expect(err.exitCode).toBe(exitCode)
  expect(err.message).toContain(url)
})
