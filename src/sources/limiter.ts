/** Per-host pacing and in-flight sharing of identical requests. */
import pLimit from 'p-limit'
import { onAbort } from './abort.js'
import type { HostLimit } from './types.js'

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export type Limiter = {
  /** Runs fn once a concurrency slot is free and its rate slot has come. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
}

type LimiterOptions = HostLimit & {
  /** Milliseconds, monotonic enough for spacing. */
  now: () => number
  sleep: Sleep
}

/**
 * Spaced slots: each start is at least 1000/rps ms after the previous one, so
 * no one-second window ever holds more than rps starts, with no burst. Slots
 * are taken one waiter at a time, and a waiter that wakes late (the event loop
 * was busy rendering, say) pushes the next slot back instead of letting the
 * queued waiters fire together.
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const limit = pLimit(Math.max(1, Math.floor(options.concurrency)))
  const interval = options.rps > 0 ? 1000 / options.rps : 0
  let next = Number.NEGATIVE_INFINITY
  let gate: Promise<void> = Promise.resolve()
  const takeSlot = async (signal?: AbortSignal) => {
    signal?.throwIfAborted()
    const now = options.now()
    const slot = Math.max(now, next)
    next = slot + interval
    if (slot > now) await options.sleep(slot - now, signal)
    const woke = options.now()
    if (woke > slot) next = Math.max(next, woke + interval)
  }
  return {
    run(fn, signal) {
      return limit(async () => {
        const turn = gate.then(() => takeSlot(signal))
        gate = turn.catch(() => {})
        await turn
        return fn()
      })
    },
  }
}

type Inflight = {
  /**
   * Joins the call already running under key, or starts fn. fn's signal aborts
   * only when every caller sharing it has aborted.
   */
  run<T>(
    key: string,
    fn: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>
}

type Entry = {
  promise: Promise<unknown>
  controller: AbortController
  users: number
}

export function createInflight(): Inflight {
  const entries = new Map<string, Entry>()
  return {
    run<T>(
      key: string,
      fn: (signal: AbortSignal) => Promise<T>,
      signal?: AbortSignal,
    ) {
      signal?.throwIfAborted()
      let entry = entries.get(key)
      if (!entry) {
        const controller = new AbortController()
        const created: Entry = {
          promise: Promise.resolve(),
          controller,
          users: 0,
        }
        created.promise = fn(controller.signal).finally(() => {
          if (entries.get(key) === created) entries.delete(key)
        })
        entries.set(key, created)
        entry = created
      }
      entry.users++
      return follow(entry, signal) as Promise<T>
    },
  }
}

function follow(entry: Entry, signal?: AbortSignal): Promise<unknown> {
  if (!signal) return entry.promise
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => {
      entry.users--
      if (entry.users === 0) entry.controller.abort(signal.reason)
      reject(signal.reason)
    })
    entry.promise.then(
      (value) => {
        stop()
        resolve(value)
      },
      (err: unknown) => {
        stop()
        reject(err)
      },
    )
  })
}
