/** Progress on stderr: one redrawn line on a terminal, JSON lines otherwise. */
import type { HttpEvent } from '../sources/types.js'
import type { CliIo } from './io.js'

type Snapshot = { txs: number; hops: number; hits: number; queued: number }

export function createProgress(io: CliIo, enabled: boolean) {
  let retries = 0
  let last = 0
  const update = (p: Snapshot) => {
    if (!enabled) return
    const now = Date.now()
    if (now - last < 200) return
    last = now
    if (io.isTTY)
      io.stderr(
        `\r\u001b[2Ktracing: ${p.txs} txs · hop ${p.hops} · ${p.hits} hits · ${p.queued} queued${retries ? ` · ${retries} retries` : ''}`,
      )
    else io.stderr(`${JSON.stringify({ event: 'progress', ...p, retries })}\n`)
  }
  const event = (e: HttpEvent) => {
    if (e.type === 'retry') retries++
  }
  const done = () => {
    if (enabled && io.isTTY && last > 0) io.stderr('\r\u001b[2K')
  }
  return { update, event, done }
}
