/**
 * The batch's one HTTP client: one limiter per host and one evidence store for
 * every case, with a sharing layer on top so a look-up made by one case is
 * joined, not repeated, by any other — even in the instant between the first
 * answer arriving and its record reaching the store.
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { esploraHostLimit } from '../cli/stack.js'
import { UsageError } from '../core/errors.js'
import { createFileStore } from '../evidence/fileStore.js'
import { createMemoryStore } from '../evidence/memoryStore.js'
import { describeCall } from '../sources/config.js'
import { createHttpClient } from '../sources/http.js'
import type {
  EvidenceStore,
  HostLimit,
  HttpClient,
  HttpEvent,
  RequestSpec,
} from '../sources/types.js'

type Entry = {
  promise: Promise<unknown>
  controller: AbortController
  url: string
  onWire: boolean
}

export type SharedRequests = {
  /** `initiated` is true when this call started the look-up rather than joining one. */
  request<T>(
    spec: RequestSpec<T>,
    signal?: AbortSignal,
  ): { promise: Promise<T>; initiated: boolean }
  /** Feed the base client's events here. */
  onEvent(event: HttpEvent): void
  /** Network attempts per shown URL in this run. */
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
    const onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
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
          onWire: false,
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
      return { promise: raced(entry.promise as Promise<T>, signal), initiated }
    },
    onEvent(event) {
      if (event.type === 'request') {
        attempts.set(event.url, (attempts.get(event.url) ?? 0) + 1)
        for (const e of byUrl.get(event.url) ?? []) e.onWire = true
      }
      // After a stop, a look-up that failed once is not tried again.
      if (event.type === 'retry' && stopped)
        for (const e of byUrl.get(event.url) ?? [])
          e.controller.abort(new Error('batch stopped'))
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

export type BatchClientOptions = {
  esploraUrl: string
  cache?: boolean | undefined
  cacheDir: string
  replay?: string | undefined
  /** Another evidence store (e.g. a shared PostgreSQL one); overrides cache and cacheDir. */
  store?: EvidenceStore | undefined
  rps?: number | undefined
  /** Requests in flight per host. */
  hostConcurrency?: number | undefined
  /** Per-host limits for other APIs (EVM explorers, RPC), by origin or host. */
  limits?: Record<string, HostLimit> | undefined
  timeoutMs?: number | undefined
  retries?: number | undefined
  secrets?: readonly string[] | undefined
  fetch?: typeof globalThis.fetch | undefined
  onEvent?: ((event: HttpEvent) => void) | undefined
}

function replayDir(dir: string): string {
  if (!existsSync(dir))
    throw new UsageError(`--replay: no such directory "${dir}"`)
  const nested = join(dir, 'evidence')
  return existsSync(nested) ? nested : dir
}

/** The base client; without a cache a memory store still shares look-ups across cases. */
export function createBatchClient(options: BatchClientOptions): SharedRequests {
  const url = new URL(options.esploraUrl)
  const limit = esploraHostLimit(options.esploraUrl, {
    rps: options.rps,
    concurrency: options.hostConcurrency,
  })
  const store = options.store
    ? options.store
    : options.replay
      ? createFileStore({ dir: replayDir(options.replay) })
      : options.cache === false
        ? createMemoryStore()
        : createFileStore({ dir: options.cacheDir })
  let shared: SharedRequests | undefined
  const base = createHttpClient({
    store,
    mode: options.replay && !options.store ? 'replay' : 'cache',
    limits: { ...options.limits, [url.host]: limit },
    defaultLimit: limit,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    onEvent: (event) => {
      shared?.onEvent(event)
      options.onEvent?.(event)
    },
  })
  shared = createSharedRequests(base, options.secrets)
  return shared
}
