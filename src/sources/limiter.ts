/** Per-host pacing and in-flight sharing of identical requests. */
import pLimit from 'p-limit'
import { onAbort } from './abort.js'
import {
  initialPace,
  paceAfterAnswer,
  paceAfterRefusal,
  type RateHint,
} from './pace.js'
import type { HostLimit } from './types.js'

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export type Limiter = {
  /** Runs fn once a concurrency slot is free and its rate slot has come. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
  /** What an answer said: a 429 cuts the rate, anything else may raise it. */
  note(refused: boolean, hint: RateHint): void
  /** The current rate (Infinity: unpaced), for progress and tests. */
  rps(): number
}

type LimiterOptions = HostLimit & {
  /** Milliseconds, monotonic enough for spacing. */
  now: () => number
  sleep: Sleep
  shared?: SharedSlots | undefined
}

/** At most 1,000 req/s: faster hosts keep their own pace per process. */
const SHARED_MIN_INTERVAL_MS = 1

/** The host's slots as other processes on the same cache take them (slots.ts). */
export type SharedSlots = {
  /** The start this process may take, given the one it would take alone and the spacing. */
  claim(earliest: number, intervalMs: number): Promise<number>
  /** A refusal: no process starts before `until`. */
  defer(until: number): void
}

/**
 * Spaced slots: each start is at least 1000/rps ms after the previous one, so
 * no one-second window ever holds more than rps starts, with no burst. Slots
 * are taken one waiter at a time, and a waiter that wakes late (the event loop
 * was busy rendering, say) pushes the next slot back instead of letting the
 * queued waiters fire together. The rate itself follows the server (pace.ts).
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const limit = pLimit(Math.max(1, Math.floor(options.concurrency)))
  let pace = initialPace(options)
  const interval = () => (Number.isFinite(pace.rps) ? 1000 / pace.rps : 0)
  // Starts in the last second: the rate really sent, when unpaced.
  const starts: number[] = []
  let next = Number.NEGATIVE_INFINITY
  let gate: Promise<void> = Promise.resolve()
  const takeSlot = async (signal?: AbortSignal) => {
    signal?.throwIfAborted()
    const now = options.now()
    const alone = Math.max(now, next, pace.resumeAt)
    // A claim is a file round trip of about a millisecond: a host paced
    // faster than that (your own electrs) or unpaced is not shared.
    const slot =
      options.shared && interval() >= SHARED_MIN_INTERVAL_MS
        ? await options.shared.claim(alone, interval())
        : alone
    next = slot + interval()
    if (slot > now) await options.sleep(slot - now, signal)
    const woke = options.now()
    // A late waker pushes the next slot back (no queued burst); an adaptive
    // limiter forgives one slot of lateness, so a sequential walk whose
    // answers arrive unevenly still averages its rate.
    const forgiven = pace.adaptive ? interval() : 0
    if (woke > slot) next = Math.max(next, woke + interval() - forgiven)
    starts.push(woke)
    while (starts.length > 0 && starts[0]! <= woke - 1000) starts.shift()
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
    note(refused, hint) {
      const now = options.now()
      const before = pace.rps
      pace = refused
        ? paceAfterRefusal(pace, now, observed(starts, now), hint)
        : paceAfterAnswer(pace, now, hint)
      // A cut takes effect at once: the next slot is re-spaced from the last start.
      if (pace.rps < before && starts.length > 0)
        next = Math.max(next, starts[starts.length - 1]! + interval())
      // The host refused this process: it would refuse the others too.
      if (refused && pace.resumeAt > now) options.shared?.defer(pace.resumeAt)
    },
    rps: () => pace.rps,
  }
}

function observed(starts: readonly number[], now: number): number {
  return starts.filter((t) => t > now - 1000).length
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
