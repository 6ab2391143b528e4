/** Contracts of the shared HTTP source layer. One implementation lives in http.ts. */
import type { ZodType } from 'zod'

export type FetchFn = typeof globalThis.fetch

export type HostLimit = {
  /** Requests per second allowed to this host. */
  rps: number
  /** Requests in flight at once. */
  concurrency: number
}

export type RequestSpec<T> = {
  url: string
  method?: 'GET' | 'POST' | undefined
  body?: string | undefined
  /** json: parsed then validated; text: the raw body validated as a string. */
  responseType: 'json' | 'text'
  schema: ZodType<T>
  signal?: AbortSignal | undefined
}

/** A stored raw response: the evidence and the cache are the same thing. */
export type EvidenceRecord = {
  /** sha256 of method + redacted URL + body: never contains a secret. */
  key: string
  method: 'GET' | 'POST'
  /** The URL with every secret replaced by ***. */
  url: string
  requestBody?: string | undefined
  status: number
  contentType: string | null
  /** UTC ISO time of retrieval. */
  retrievedAt: string
  /** sha256 hex of `body`. */
  sha256: string
  body: string
}

/** What a client remembers of a record it used; the body stays in a store. */
export type EvidenceRef = Pick<EvidenceRecord, 'key' | 'sha256' | 'retrievedAt'>

export type EvidenceStore = {
  /** Returns undefined on a miss, or when the stored body fails its checksum. */
  get(key: string): Promise<EvidenceRecord | undefined>
  /** Atomic: a crash mid-write never leaves a readable torn record. */
  put(record: EvidenceRecord): Promise<void>
}

export type HostStats = {
  baseUrl: string
  requests: number
  cacheHits: number
  retries: number
  failures: number
  firstRetrievedAt: string | null
  lastRetrievedAt: string | null
}

export type HttpEvent =
  | { type: 'request'; url: string; attempt: number }
  | {
      type: 'retry'
      url: string
      attempt: number
      delayMs: number
      reason: string
    }
  | { type: 'cache-hit'; url: string }

export type HttpClient = {
  /** Fetches (or reads from the store), validates with zod, de-duplicates in-flight calls. */
  request<T>(spec: RequestSpec<T>): Promise<T>
  /** Every record this run used, by key: hash and time only, the body stays in a store. */
  touched(): ReadonlyMap<string, EvidenceRef>
  /**
   * The records behind keys (default: all touched), read back from their
   * store and checked against the hash they had when used: for the bundle.
   */
  evidence(keys?: Iterable<string>): AsyncIterable<EvidenceRecord>
  stats(): HostStats[]
  /**
   * Disposes the run's private spool (network mode), if any: call it once the
   * bundle is written. A network-mode client cannot keep evidence after it.
   */
  close(): Promise<void>
}
