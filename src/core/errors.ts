/** One error type for the whole toolkit: a short message, details and a cause. */
export type BaseErrorOptions = {
  details?: string | undefined
  metaMessages?: readonly string[] | undefined
  cause?: unknown
}

export class BaseError extends Error {
  override name = 'BaseError'
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: readonly string[]
  /** Exit code the CLI maps this error to: 1 error, 2 bad input, 3 incomplete. */
  readonly exitCode: 1 | 2 | 3 = 1

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    const meta = options.metaMessages ?? []
    const message = [shortMessage, ...meta, options.details]
      .filter((line): line is string => Boolean(line))
      .join('\n')
    super(message, options.cause === undefined ? {} : { cause: options.cause })
    this.shortMessage = shortMessage
    this.details = options.details
    this.metaMessages = meta
  }

  /** Walks the cause chain, returning the first error that matches. */
  walk(fn?: (err: unknown) => boolean): unknown {
    let err: unknown = this
    while (err instanceof Error) {
      if (fn?.(err)) return err
      if (!(err.cause instanceof Error)) return fn ? undefined : err
      err = err.cause
    }
    return fn ? undefined : err
  }
}

/**
 * The first of our own errors in a cause chain: a library (viem) wraps an
 * HTTP 503 in "An unknown RPC error occurred", and the 503 is what to report.
 */
export function ownError(err: unknown): BaseError | undefined {
  for (let e: unknown = err, i = 0; e instanceof Error && i < 10; i++) {
    if (e instanceof BaseError) return e
    e = e.cause
  }
  return undefined
}

/** One line saying what failed, preferring our own error's short message. */
export function errorLine(err: unknown, fallback = 'request failed'): string {
  const text =
    ownError(err)?.shortMessage ??
    (err instanceof Error ? err.message : String(err))
  return text.split('\n')[0] || fallback
}

/** Bad input from the user: exit code 2, one line, no stack. */
export class UsageError extends BaseError {
  override name = 'UsageError'
  override readonly exitCode = 2
}

/**
 * An address with more transfers than a trace follows (a service's hot
 * wallet): the source stops paging instead of reading its whole history.
 */
export class TooManyTransfersError extends BaseError {
  override name = 'TooManyTransfersError'
  readonly limit: number
  constructor(limit: number, what: string) {
    super(`more than ${limit} transfers in ${what}; stopped reading`)
    this.limit = limit
  }
}

/** The trace could not be completed; what was traced is still written. */
export class IncompleteTraceError extends BaseError {
  override name = 'IncompleteTraceError'
  override readonly exitCode = 3
}

/** A zod issue list rendered as `path: message` lines. */
export function formatZodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return `${path || '(root)'}: ${issue.message}`
  })
}
