/** Errors of the HTTP source layer. Every URL they carry is already redacted. */
import { BaseError, formatZodIssues } from '../core/errors.js'

type Method = 'GET' | 'POST'

type HttpRequestErrorOptions = {
  url: string
  method?: Method | undefined
  status?: number | undefined
  /** Server-requested wait (Retry-After), already capped. */
  retryAfterMs?: number | undefined
  /** Which attempt this was: after the last retry, how many were made. */
  attempts?: number | undefined
  details?: string | undefined
  cause?: unknown
}

/** A request that got a non-success answer (or none at all). */
export class HttpRequestError extends BaseError {
  override name = 'HttpRequestError'
  readonly status: number | undefined
  readonly url: string
  readonly method: Method
  readonly retryAfterMs: number | undefined
  readonly attempts: number | undefined

  constructor(options: HttpRequestErrorOptions, shortMessage?: string) {
    const method = options.method ?? 'GET'
    const what =
      options.status === undefined ? 'failed' : `HTTP ${options.status}`
    super(shortMessage ?? `${what}: ${method} ${options.url}`, {
      details: options.details,
      cause: options.cause,
    })
    this.status = options.status
    this.url = options.url
    this.method = method
    this.retryAfterMs = options.retryAfterMs
    this.attempts = options.attempts
  }
}

/** 404: the resource does not exist. Not retried, not "incomplete". */
export class NotFoundError extends HttpRequestError {
  override name = 'NotFoundError'
  constructor(options: Omit<HttpRequestErrorOptions, 'status'>) {
    super(
      { ...options, status: 404 },
      `Not found: ${options.method ?? 'GET'} ${options.url}`,
    )
  }
}

/** Still 429 after every retry. */
export class RateLimitError extends HttpRequestError {
  override name = 'RateLimitError'
  override readonly exitCode = 3
  constructor(options: Omit<HttpRequestErrorOptions, 'status'>) {
    super(
      { ...options, status: 429 },
      `Rate limited (HTTP 429): ${options.method ?? 'GET'} ${options.url}`,
    )
  }
}

/** 5xx: the server failed; the data may exist, we could not get it. */
export class HttpServerError extends HttpRequestError {
  override name = 'HttpServerError'
  override readonly exitCode = 3
}

/** No HTTP answer at all: reset, refused, DNS, socket hang up. */
export class NetworkError extends HttpRequestError {
  override name = 'NetworkError'
  override readonly exitCode = 3
  /** What went wrong, from the cause's code: "DNS name did not resolve". */
  readonly reason: string
  readonly code: string | undefined
  constructor(
    options: Omit<HttpRequestErrorOptions, 'status'> & {
      reason?: string | undefined
      code?: string | undefined
    },
  ) {
    const reason = options.reason ?? 'network error'
    super(
      { ...options, status: undefined },
      `Network error (${reason}): ${options.method ?? 'GET'} ${options.url}`,
    )
    this.reason = reason
    this.code = options.code
  }
}

export class TimeoutError extends BaseError {
  override name = 'TimeoutError'
  override readonly exitCode = 3
  readonly url: string
  readonly timeoutMs: number
  readonly attempts: number | undefined
  constructor(options: {
    url: string
    method?: Method
    timeoutMs: number
    attempts?: number | undefined
  }) {
    super(
      `Timed out after ${options.timeoutMs} ms: ${options.method ?? 'GET'} ${options.url}`,
    )
    this.url = options.url
    this.timeoutMs = options.timeoutMs
    this.attempts = options.attempts
  }
}

/** A 2xx whose JSON body did not parse: almost always a truncated transfer. */
export class ResponseParseError extends BaseError {
  override name = 'ResponseParseError'
  override readonly exitCode = 3
  readonly url: string
  constructor(options: { url: string; method?: Method; cause?: unknown }) {
    super(
      `Response is not valid JSON: ${options.method ?? 'GET'} ${options.url}`,
      { cause: options.cause },
    )
    this.url = options.url
  }
}

export class ResponseValidationError extends BaseError {
  override name = 'ResponseValidationError'
  readonly url: string
  constructor(options: {
    url: string
    method?: Method
    issues: readonly { path: readonly PropertyKey[]; message: string }[]
  }) {
    super(
      `Unexpected response shape from ${options.method ?? 'GET'} ${options.url}`,
      { metaMessages: formatZodIssues(options.issues) },
    )
    this.url = options.url
  }
}

export class ResponseTooLargeError extends BaseError {
  override name = 'ResponseTooLargeError'
  readonly url: string
  readonly maxBytes: number
  constructor(options: { url: string; method?: Method; maxBytes: number }) {
    super(
      `Response larger than ${options.maxBytes} bytes: ${options.method ?? 'GET'} ${options.url}`,
    )
    this.url = options.url
    this.maxBytes = options.maxBytes
  }
}

/** Replay mode met a request that was never recorded. */
export class ReplayMissError extends BaseError {
  override name = 'ReplayMissError'
  override readonly exitCode = 3
  readonly url: string
  constructor(options: { url: string; method?: Method }) {
    super(
      `not in the evidence store: ${options.method ?? 'GET'} ${options.url}`,
    )
    this.url = options.url
  }
}
