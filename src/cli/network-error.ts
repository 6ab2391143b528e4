/**
 * A trace that could not fetch its seed has nothing to report: one line
 * naming the host, the cause, the attempts made and the flags that get
 * around it. Only the host is shown; API keys live in paths and queries.
 */
import { BaseError } from '../core/errors.js'
import {
  HttpRequestError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
} from '../sources/errors.js'

/** No source answered usefully, so nothing was traced: exit 1, no bundle. */
export class SourceUnreachableError extends BaseError {
  override name = 'SourceUnreachableError'
}

type Failure = { lead: string; advice?: string }

/**
 * The one-line error for an outage that stopped a trace before it began,
 * or undefined when err is not an outage. `urlFlags` are the chain's source
 * flags that take a URL (--esplora-url; --explorer-url, --rpc-url).
 */
export function unreachableError(
  err: unknown,
  urlFlags: readonly string[],
): SourceUnreachableError | undefined {
  const failure = describeOutage(err)
  if (!failure) return undefined
  const others = urlFlags.map((flag) => `${flag} URL`).join(' or ')
  const fixes = [
    failure.advice,
    others && `give ${others}`,
    'trace offline with --replay DIR',
  ].filter((part): part is string => Boolean(part))
  const fix = fixes.join(', or ')
  return new SourceUnreachableError(
    `${failure.lead}; nothing was traced. ${fix[0]?.toUpperCase()}${fix.slice(1)}.`,
    { cause: err },
  )
}

function describeOutage(err: unknown): Failure | undefined {
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

type Outage =
  | NetworkError
  | TimeoutError
  | RateLimitError
  | ResponseParseError
  | HttpRequestError

/** The HTTP client's give-up error anywhere down the cause chain. */
function outageIn(err: unknown): Outage | undefined {
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
