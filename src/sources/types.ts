/** Contracts of the shared HTTP source layer. One implementation lives in http.ts. */

import type { ZodType } from 'zod'
import type { EvidenceRecord, EvidenceRef } from '../evidence/types.js'

export type FetchFn = typeof globalThis.fetch

export type HostLimit = {
  /** Requests per second: the fixed rate, or where an adaptive rate starts (0: unpaced). */
  rps: number
  /** Requests in flight at once. */
  concurrency: number
  /** Raise the rate while the host answers, halve it on 429 (default: fixed). */
  adaptive?: boolean | undefined
  /** Hard maximum of an adaptive rate (--rps); default none. */
  ceiling?: number | undefined
}

export type RequestSpec<T> = {
  url: string
  method?: 'GET' | 'POST' | undefined
  body?: string | undefined
  /**
   * Extra headers, sent on the wire only. The headers a source adds are
   * credentials (an API key header), so their values are secrets: never
   * part of the evidence key or record, scrubbed from bodies and messages.
   */
  headers?: Readonly<Record<string, string>> | undefined
  /**
   * Secrets of this request alone (a token in a base URL's path), scrubbed
   * like the client's: a shared client need not know every case's source.
   */
  secrets?: readonly string[] | undefined
  /** json: parsed then validated; text: the raw body validated as a string. */
  responseType: 'json' | 'text'
  schema: ZodType<T>
  signal?: AbortSignal | undefined
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
      /** The attempt that failed; the next one starts after delayMs. */
      attempt: number
      /** The most attempts this request gets (retries + 1). */
      attempts: number
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
  /**
   * Earlier answers to as-of requests (from the cache) that this run asked
   * again and got a different answer to: the bundle keeps both.
   */
  superseded?(): EvidenceRecord[]
  stats(): HostStats[]
  /**
   * Disposes the run's private spool (network mode), if any: call it once the
   * bundle is written. A network-mode client cannot keep evidence after it.
   */
  close(): Promise<void>
}
export type SourceUse = {
  baseUrl: string
  requests: number
  cacheHits: number
  tipHeight: number | null
  firstRetrievedAt: string | null
  lastRetrievedAt: string | null
}
