/**
 * Batch progress on stderr. On a terminal: an overall bar and one line per
 * running case (hops, requests, hits), redrawn in place. Otherwise: one JSON
 * object per line, case progress thinned to one line per case per second.
 */

import type { BatchProgressEvent } from '../batch/types.js'
import { terminalSafe } from '../core/text-safety.js'
import type { CliIo } from './io.js'

type Running = Extract<BatchProgressEvent, { type: 'case-progress' }>

type BatchProgress = {
  onProgress: (event: BatchProgressEvent) => void
  done: () => void
}

export function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

function caseLine(p: Running): string {
  const id = terminalSafe(p.id).slice(0, 32)
  return `  ${id}: hop ${p.hops} · ${p.txs} txs · ${p.lookups} look-ups (${p.fetched} fetched) · ${p.hits} hits`
}

function createTtyProgress(io: CliIo, now: () => number): BatchProgress {
  const running = new Map<string, Running>()
  let total = 0
  let finished = 0
  let drawn = 0
  let last = 0
  const draw = (force: boolean) => {
    const t = now()
    if (!force && t - last < 100) return
    last = t
    const lines = [
      `${bar(finished, total)} ${finished}/${total} cases`,
      ...[...running.values()].map(caseLine),
    ]
    // Up over the previous drawing, then clear and write each line.
    const up = drawn > 1 ? `\u001b[${drawn - 1}A` : ''
    io.stderr(`\r${up}${lines.map((l) => `\u001b[2K${l}`).join('\n')}\u001b[J`)
    drawn = lines.length
  }
  return {
    onProgress(event) {
      if (event.type === 'batch-start') {
        total = event.total
        finished = event.finished
      } else if (event.type === 'case-start')
        running.set(event.id, {
          type: 'case-progress',
          id: event.id,
          txs: 0,
          hops: 0,
          hits: 0,
          queued: 0,
          lookups: 0,
          fetched: 0,
        })
      else if (event.type === 'case-progress') running.set(event.id, event)
      else if (event.type === 'case-done') {
        running.delete(event.id)
        finished++
      }
      draw(event.type !== 'case-progress')
    },
    done() {
      if (drawn === 0) return
      const up = drawn > 1 ? `\u001b[${drawn - 1}A` : ''
      io.stderr(`\r${up}\u001b[J`)
      drawn = 0
    },
  }
}

function createJsonProgress(io: CliIo, now: () => number): BatchProgress {
  const lastByCase = new Map<string, number>()
  return {
    onProgress(event) {
      if (event.type === 'case-progress') {
        const t = now()
        if (t - (lastByCase.get(event.id) ?? Number.NEGATIVE_INFINITY) < 1000)
          return
        lastByCase.set(event.id, t)
      }
      io.stderr(`${JSON.stringify(event)}\n`)
    },
    done() {},
  }
}

export function createBatchProgress(
  io: CliIo,
  enabled: boolean,
  now: () => number = Date.now,
): BatchProgress {
  if (!enabled) return { onProgress: () => {}, done: () => {} }
  return io.isTTY ? createTtyProgress(io, now) : createJsonProgress(io, now)
}
