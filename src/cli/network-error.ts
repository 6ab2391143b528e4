/**
 * A trace that could not fetch its seed has nothing to report: one line
 * naming the host, the cause, the attempts made and the flags that get
 * around it. Only the host is shown; API keys live in paths and queries.
 */
import { BaseError } from '../core/errors.js'
import { describeOutage } from '../sources/outage.js'

/** No source answered usefully, so nothing was traced: exit 1, no bundle. */
export class SourceUnreachableError extends BaseError {
  override name = 'SourceUnreachableError'
}

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
