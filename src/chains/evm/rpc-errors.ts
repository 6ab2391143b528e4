/**
 * Reading a node's refusals: a missing method or tracer means "try the next
 * way", a refused block range means "narrow it". Nodes word these
 * differently, so both the JSON-RPC code and the message text are checked.
 */
import { BaseError } from '../../core/errors.js'
import { ReplayMissError } from '../../sources/errors.js'

export class UnsupportedTracer extends BaseError {
  override name = 'UnsupportedTracer'
}

export function isReplayMiss(err: unknown): boolean {
  for (let e = err, i = 0; e instanceof Error && i < 10; e = e.cause, i++)
    if (e instanceof ReplayMissError) return true
  return false
}

function errorText(err: unknown): { text: string; codes: number[] } {
  const parts: string[] = []
  const codes: number[] = []
  let cur: unknown = err
  for (let i = 0; cur instanceof Error && i < 10; i++) {
    parts.push(cur.message, (cur as { details?: string }).details ?? '')
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'number') codes.push(code)
    cur = cur.cause
  }
  return { text: parts.join(' '), codes }
}

/** Method missing or the tracer unknown: try the next way. */
export function isUnsupported(err: unknown): boolean {
  if (err instanceof UnsupportedTracer) return true
  const { text, codes } = errorText(err)
  if (codes.includes(-32601) || codes.includes(-32004)) return true
  return /not (supported|found|available|implemented)|unsupported|does not exist|unknown method|method .* not|tracer/i.test(
    text,
  )
}

/** The node refused the block range: narrow it. */
export function isRangeRefusal(err: unknown): boolean {
  const { text, codes } = errorText(err)
  if (codes.includes(-32005)) return true
  return /range|limit|too many|exceed|more than|too large|too wide|timeout|timed out/i.test(
    text,
  )
}
