/**
 * The batch's one HTTP client: one limiter per host and one evidence store for
 * every case, with a sharing layer on top (shared-requests.ts).
 */

import { join } from 'node:path'
import { esploraHostLimit } from '../chains/bitcoin/sources.js'
import { createFileStore, resolveReplayDir } from '../evidence/fileStore.js'
import { createMemoryStore } from '../evidence/memoryStore.js'
import type { EvidenceStore } from '../evidence/types.js'
import { createHttpClient } from '../sources/http.js'
import { createFileSlotBook, SLOTS_DIR } from '../sources/slots.js'
import type { FetchFn, HostLimit, HttpEvent } from '../sources/types.js'
import { createSharedRequests, type SharedRequests } from './shared-requests.js'

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
      ? createFileStore({ dir: resolveReplayDir(options.replay) })
      : options.cache === false
        ? createMemoryStore()
        : createFileStore({ dir: options.cacheDir })
  let shared: SharedRequests | undefined
  // Late-bound so a fetch patched after creation (msw) is used.
  const fetch: FetchFn =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const onDisk = !options.store && !options.replay && options.cache !== false
  const base = createHttpClient({
    store,
    mode: options.replay && !options.store ? 'replay' : 'cache',
    // Host rates shared with any trace or watch on the same cache folder.
    ...(onDisk
      ? { slotBook: createFileSlotBook(join(options.cacheDir, SLOTS_DIR)) }
      : {}),
    limits: { ...options.limits, [url.host]: limit },
    defaultLimit: limit,
    fetch: (input, init) =>
      shared ? shared.wire(fetch)(input, init) : fetch(input, init),
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
