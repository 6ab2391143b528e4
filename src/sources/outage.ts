/**
 * An outage in one line: the host (never the path or query, where API keys
 * live), the cause, the attempts made, and what the user can do about it.
 */
import {
  HttpRequestError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
} from './errors.js'

export type Outage = { lead: string; advice?: string }

/** Undefined when err is not the HTTP client giving up on a source. */
export function describeOutage(err: unknown): Outage | undefined {
  const found = outageIn(err)
  if (!found) return undefined
  const host = hostOf(found.url)
  const after = (n: number | undefined) =>
    n === undefined ? '' : ` after ${n} attempt${n === 1 ? '' : 's'}`
  if (found instanceof NetworkError)
    return {
      lead: `cannot reach ${host}: ${found.reason} (${after(found.attempts).trim() || 'no answer'})`,
      advice: 'check the network',
    }
  if (found instanceof TimeoutError)
    return {
      lead: `no answer from ${host} within ${found.timeoutMs} ms${after(found.attempts)}`,
      advice: 'check the network or raise --timeout',
    }
  if (found instanceof ResponseParseError)
    return { lead: `${host} kept sending broken answers (not valid JSON)` }
  if (found instanceof RateLimitError)
    return {
      lead: `${host} still rate-limits this client (HTTP 429${after(found.attempts)})`,
      advice: 'lower --rps and try again later',
    }
  return {
    lead: `${host} failed (HTTP ${found.status}${after(found.attempts)})`,
    advice: 'try again later',
  }
}

type GiveUp =
  | NetworkError
  | TimeoutError
  | RateLimitError
  | ResponseParseError
  | HttpRequestError

/** The HTTP client's give-up error anywhere down the cause chain. */
function outageIn(err: unknown): GiveUp | undefined {
  for (let e = err, i = 0; e instanceof Error && i < 10; e = e.cause, i++) {
    if (
      e instanceof NetworkError ||
      e instanceof TimeoutError ||
      e instanceof ResponseParseError
    )
      return e
    if (e instanceof HttpRequestError && isGiveUpStatus(e.status)) return e
  }
  return undefined
}

const isGiveUpStatus = (status: number | undefined) =>
  status !== undefined && (status === 429 || status >= 500)

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the data source'
  }
}

/** One line for a summary or an alert: an outage names the host and cause, never a URL. */
export function failureLine(err: unknown): string {
  const outage = describeOutage(err)
  if (outage)
    return outage.advice ? `${outage.lead}; ${outage.advice}` : outage.lead
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
}
