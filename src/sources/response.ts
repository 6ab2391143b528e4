/** One network attempt: fetch, status mapping, capped body read, evidence record. */
import { BaseError } from '../core/errors.js'
import { sha256Hex } from '../evidence/key.js'
import type { EvidenceRecord } from '../evidence/types.js'
import type { Call } from './config.js'
import {
  HttpRequestError,
  HttpServerError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  ResponseTooLargeError,
  TimeoutError,
} from './errors.js'
import { networkFailure } from './failure.js'
import { type RateHint, readRateHint } from './pace.js'
import { redactCause, redactText } from './redact.js'
import { parseRetryAfter } from './retry.js'
import type { FetchFn } from './types.js'

/** A record plus its decoded body (parsed JSON or text; undefined for a 404). */
export type Loaded = {
  record: EvidenceRecord
  value: unknown
  fromStore: boolean
}

type AttemptConfig = {
  fetch: FetchFn
  timeoutMs: number
  maxBodyBytes: number
  now: () => Date
  /** Every answer's rate headers, and whether it was a 429: the limiter adapts. */
  onRate?: ((refused: boolean, hint: RateHint) => void) | undefined
}

/** Decodes a stored record; a 2xx whose JSON no longer parses counts as a miss. */
export function loadRecord(
  call: Call,
  record: EvidenceRecord | undefined,
): Loaded | undefined {
  if (!record) return undefined
  if (record.status === 404)
    return { record, value: undefined, fromStore: true }
  if (record.status < 200 || record.status >= 300) return undefined
  if (call.responseType === 'text') {
    return { record, value: record.body, fromStore: true }
  }
  try {
    return { record, value: JSON.parse(record.body), fromStore: true }
  } catch {
    return undefined
  }
}

export async function fetchOnce(
  call: Call,
  config: AttemptConfig,
  signal: AbortSignal,
  attempt = 1,
): Promise<Loaded> {
  // Not AbortSignal.timeout: its timer, and what it holds, would outlive a
  // fast answer by timeoutMs; this one is cleared as soon as the body is read.
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), config.timeoutMs)
  timer.unref()
  try {
    const response = await config.fetch(call.url, {
      method: call.method,
      headers: call.headers,
      ...(call.body === undefined ? {} : { body: call.body }),
      signal: AbortSignal.any([signal, timeout.signal]),
    })
    return await readResponse(call, config, response, attempt)
  } catch (err) {
    if (signal.aborted) throw signal.reason
    if (err instanceof BaseError) throw err
    const shown = { url: call.shownUrl, method: call.method, attempts: attempt }
    if (timeout.signal.aborted) {
      throw new TimeoutError({ ...shown, timeoutMs: config.timeoutMs })
    }
    throw new NetworkError({
      ...shown,
      ...networkFailure(err),
      details: redactText(describeFailure(err), call.secrets),
      cause: redactCause(err, call.secrets),
    })
  } finally {
    clearTimeout(timer)
  }
}

async function readResponse(
  call: Call,
  config: AttemptConfig,
  response: Response,
  attempt: number,
): Promise<Loaded> {
  const { status } = response
  const shown = { url: call.shownUrl, method: call.method }
  const retryAfterMs = parseRetryAfter(
    response.headers.get('retry-after'),
    config.now(),
  )
  config.onRate?.(
    status === 429,
    readRateHint(
      (name) => response.headers.get(name),
      config.now().getTime(),
      retryAfterMs,
    ),
  )
  if (status === 404 || (status >= 200 && status < 300)) {
    const raw = await readBody(response, config.maxBodyBytes, call)
    const body = redactText(raw, call.secrets)
    const record = toRecord(call, config, response, body)
    if (status === 404) return { record, value: undefined, fromStore: false }
    return { record, value: decode(call, body), fromStore: false }
  }
  const snippet = await readBody(response, 64 * 1024, call).catch(() => '')
  const details = redactText(snippet.slice(0, 300), call.secrets) || undefined
  const options = { ...shown, status, retryAfterMs, details, attempts: attempt }
  if (status === 429) throw new RateLimitError(options)
  if (status >= 500) throw new HttpServerError(options)
  throw new HttpRequestError(options)
}

function decode(call: Call, body: string): unknown {
  if (call.responseType === 'text') return body
  try {
    return JSON.parse(body)
  } catch (err) {
    throw new ResponseParseError({
      url: call.shownUrl,
      method: call.method,
      cause: err,
    })
  }
}

function toRecord(
  call: Call,
  config: AttemptConfig,
  response: Response,
  body: string,
): EvidenceRecord {
  return {
    key: call.key,
    method: call.method,
    url: call.shownUrl,
    ...(call.shownBody === undefined ? {} : { requestBody: call.shownBody }),
    status: response.status,
    contentType: response.headers.get('content-type'),
    retrievedAt: config.now().toISOString(),
    sha256: sha256Hex(body),
    body,
  }
}

/** Refuses oversized bodies by header and again while streaming (the header may lie or be absent). */
async function readBody(
  response: Response,
  maxBytes: number,
  call: Call,
): Promise<string> {
  const tooLarge = () =>
    new ResponseTooLargeError({
      url: call.shownUrl,
      method: call.method,
      maxBytes,
    })
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      void reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** "fetch failed (ECONNRESET: read ECONNRESET)": undici hides the useful part in cause. */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause
  if (!(cause instanceof Error)) return err.message
  const code = (cause as NodeJS.ErrnoException).code
  return `${err.message} (${code ? `${code}: ` : ''}${cause.message})`
}
