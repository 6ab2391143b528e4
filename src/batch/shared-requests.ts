/**
 * A sharing layer over one HTTP client: a look-up made by one case is joined,
 * not repeated, by any other — even in the instant between the first answer
 * arriving and its record reaching the store.
 */
import { onAbort } from '../sources/abort.js'
import { describeCall } from '../sources/config.js'
import type {
  FetchFn,
  HttpClient,
  HttpEvent,
  RequestSpec,
} from '../sources/types.js'
import { lookupLabel } from './lookup-label.js'

type Entry = {
  promise: Promise<unknown>
  controller: AbortController
  url: string
  label: string
  onWire: boolean
  /** The last wire attempt failed (so a retry may follow). */
  failed: boolean
}

export type SharedRequests = {
  /** `initiated` is true when this call started the look-up rather than joining one. */
  request<T>(
    spec: RequestSpec<T>,
    signal?: AbortSignal,
  ): { promise: Promise<T>; initiated: boolean; label: string }
  /** Feed the base client's events here. */
  onEvent(event: HttpEvent): void
  /** Wrap the base client's fetch with this: it counts what goes on the wire. */
  wire(fetch: FetchFn): FetchFn
  /** Network attempts per look-up (GET: its shown URL) in this run. */
  attempts(): ReadonlyMap<string, number>
  /** Abort look-ups still queued; let those on the wire land in the store. */
  stop(): void
  /** Resolves when nothing is in flight. */
  drain(): Promise<void>
  base: HttpClient
  secrets: readonly string[]
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  const err = new Error(reason instanceof Error ? reason.message : 'aborted')
  err.name = 'AbortError'
  return err
}

/** The caller stops waiting on abort; the shared look-up carries on. */
function raced<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortError(signal))
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortError(signal)))
    promise.then(resolve, reject).finally(stop)
  })
}

export function createSharedRequests(
  base: HttpClient,
  secrets: readonly string[] = [],
): SharedRequests {
  const entries = new Map<string, Entry>()
  const byUrl = new Map<string, Set<Entry>>()
  const attempts = new Map<string, number>()
  let stopped = false
  const forget = (key: string, entry: Entry) => {
    if (entries.get(key) === entry) entries.delete(key)
    byUrl.get(entry.url)?.delete(entry)
  }
  return {
    base,
    secrets,
    request<T>(spec: RequestSpec<T>, signal?: AbortSignal) {
      const call = describeCall(spec, secrets)
      const key = `${call.responseType} ${call.key}`
      let entry = entries.get(key)
      const initiated = !entry
      if (!entry) {
        const controller = new AbortController()
        if (stopped) controller.abort(new Error('batch stopped'))
        const created: Entry = {
          promise: Promise.resolve(),
          controller,
          url: call.shownUrl,
          label: lookupLabel(call.method, spec.url, spec.body, secrets),
          onWire: false,
          failed: false,
        }
        created.promise = base
          .request({ ...spec, signal: controller.signal })
          .finally(() => forget(key, created))
        created.promise.catch(() => {})
        entries.set(key, created)
        const set = byUrl.get(call.shownUrl) ?? new Set()
        byUrl.set(call.shownUrl, set.add(created))
        entry = created
      }
      const promise = raced(entry.promise as Promise<T>, signal)
      return { promise, initiated, label: entry.label }
    },
    onEvent(event) {
      // After a stop, a look-up that failed once is not tried again. JSON-RPC
      // calls share a URL: only those whose last attempt failed are cut.
      if (event.type === 'retry' && stopped)
        for (const e of byUrl.get(event.url) ?? [])
          if (e.failed) e.controller.abort(new Error('batch stopped'))
    },
    wire(fetch) {
      return async (input, init) => {
        const body = typeof init?.body === 'string' ? init.body : undefined
        const method = init?.method === 'POST' ? 'POST' : 'GET'
        const label = lookupLabel(method, String(input), body, secrets)
        const mine = [...entries.values()].filter((e) => e.label === label)
        if (stopped && mine.some((e) => e.onWire)) {
          for (const e of mine) e.controller.abort(new Error('batch stopped'))
          throw abortError(mine[0]?.controller.signal ?? AbortSignal.abort())
        }
        attempts.set(label, (attempts.get(label) ?? 0) + 1)
        for (const e of mine) e.onWire = true
        const mark = (failed: boolean) => {
          for (const e of mine) e.failed = failed
        }
        try {
          const response = await fetch(input, init)
          mark(response.status === 429 || response.status >= 500)
          return response
        } catch (err) {
          mark(true)
          throw err
        }
      }
    },
    attempts: () => attempts,
    stop() {
      stopped = true
      for (const e of entries.values())
        if (!e.onWire) e.controller.abort(new Error('batch stopped'))
    },
    async drain() {
      while (entries.size > 0)
        await Promise.allSettled([...entries.values()].map((e) => e.promise))
    },
  }
}
