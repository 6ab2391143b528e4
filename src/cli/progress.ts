/** Progress on stderr: one redrawn line on a terminal, JSON lines otherwise. */
import { terminalSafe } from '../core/text-safety.js'
import type { HttpEvent } from '../sources/types.js'
import type { CliIo } from './io.js'

type Snapshot = { txs: number; hops: number; hits: number; queued: number }

type RetryEvent = Extract<HttpEvent, { type: 'retry' }>

export function createProgress(io: CliIo, enabled: boolean) {
  let retries = 0
  let last = 0
  let drawn = false
  const draw = (line: string) => {
    io.stderr(`\r\u001b[2K${line}`)
    drawn = true
  }
  const update = (p: Snapshot) => {
    if (!enabled) return
    const now = Date.now()
    if (now - last < 200) return
    last = now
    if (io.isTTY)
      draw(
        `tracing: ${p.txs} txs · hop ${p.hops} · ${p.hits} hits · ${p.queued} queued${retries ? ` · ${retries} retries` : ''}`,
      )
    else io.stderr(`${JSON.stringify({ event: 'progress', ...p, retries })}\n`)
  }
  const event = (e: HttpEvent) => {
    if (e.type !== 'retry') return
    retries++
    // A silent wait of many seconds looks like a hang: say what is retried.
    if (enabled && io.isTTY) draw(retryLine(e))
  }
  const done = () => {
    if (drawn) io.stderr('\r\u001b[2K')
  }
  return { update, event, done }
}

/** "retrying mempool.space: connection refused (attempt 2 of 6, next in 2 s)" */
export function retryLine(e: RetryEvent): string {
  const seconds = Math.max(1, Math.round(e.delayMs / 1000))
  const next = e.delayMs < 1000 ? 'next in <1 s' : `next in ${seconds} s`
  return terminalSafe(
    `retrying ${hostOf(e.url)}: ${e.reason} (attempt ${e.attempt + 1} of ${e.attempts}, ${next})`,
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'source'
  }
}
