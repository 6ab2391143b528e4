/** Backoff arithmetic and the retry loop; which errors are transient lives here too. */

import { onAbort } from './abort.js'
import {
  HttpRequestError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
} from './errors.js'
import type { Sleep } from './limiter.js'

type Backoff = {
  baseDelayMs: number
  maxDelayMs: number
  random: () => number
}

/** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))). attempt is 1-based. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  const ceiling = Math.min(
    backoff.maxDelayMs,
    backoff.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  )
  return Math.floor(backoff.random() * ceiling)
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(
  header: string | null,
  now: Date,
): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  // An HTTP-date always names its month; this keeps "-3" from parsing as a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now.getTime())
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])

/** A short reason when err is worth another attempt, else undefined. */
export function transientReason(err: unknown): string | undefined {
  if (err instanceof RateLimitError) return 'HTTP 429'
  if (err instanceof NetworkError) return err.reason
  if (err instanceof HttpRequestError) {
    const status = err.status
    return status !== undefined && RETRYABLE_STATUS.has(status)
      ? `HTTP ${status}`
      : undefined
  }
  if (err instanceof TimeoutError) return 'timeout'
  if (err instanceof ResponseParseError) return 'invalid JSON body'
  return undefined
}

type RetryOptions = Backoff & {
  retries: number
  sleep: Sleep
  signal?: AbortSignal | undefined
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void
}

/**
 * Runs attempt(1..retries+1) until one succeeds or an error is not transient.
 * A server-sent Retry-After replaces the jittered delay, capped at maxDelayMs.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let n = 1; ; n++) {
    options.signal?.throwIfAborted()
    try {
      return await attempt(n)
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason
      const reason = transientReason(err)
      if (reason === undefined || n > options.retries) throw err
      const delayMs = retryDelay(n, err, options)
      options.onRetry?.({ attempt: n, delayMs, reason })
      await options.sleep(delayMs, options.signal)
    }
  }
}

function retryDelay(attempt: number, err: unknown, backoff: Backoff): number {
  const asked = err instanceof HttpRequestError ? err.retryAfterMs : undefined
  if (asked !== undefined) return Math.min(asked, backoff.maxDelayMs)
  return backoffDelay(attempt, backoff)
}

/** setTimeout that rejects with the signal's reason on abort. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      stop?.()
      resolve()
    }, ms)
    const stop =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
  })
