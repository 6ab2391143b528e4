/** The one HTTP client: pacing, retries, validation, and the evidence store as cache. */
import type { ZodType } from 'zod'
import { createEvidenceLedger } from '../evidence/ledger.js'
import { createMemoryStore } from '../evidence/memoryStore.js'
import type { EvidenceRecord, EvidenceStore } from '../evidence/types.js'
import {
  type Call,
  describeCall,
  emptyStats,
  type HttpClientOptions,
  limitFor,
  resolveConfig,
} from './config.js'
import {
  NotFoundError,
  ReplayMissError,
  ResponseValidationError,
} from './errors.js'
import { createInflight, createLimiter, type Limiter } from './limiter.js'
import type { RateHint } from './pace.js'
import { redactText } from './redact.js'
import { fetchOnce, type Loaded, loadRecord } from './response.js'
import { backoffDelay, withRetries } from './retry.js'
import { createReuseRule } from './reuse.js'
import type { HostStats, HttpClient, RequestSpec } from './types.js'

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const config = resolveConfig(options)
  // Used records are remembered by key and hash; their bodies live in `bodies`.
  const spool = config.spool ?? createMemoryStore()
  const bodies: EvidenceStore =
    config.mode === 'network' || !config.store ? spool : config.store
  const ledger = createEvidenceLedger(bodies)
  const hosts = new Map<string, HostStats>()
  const limiters = new Map<string, Limiter>()
  const inflight = createInflight()
  const kept = new WeakSet<EvidenceRecord>()
  const reuse = createReuseRule({
    finalityDepth: config.finalityDepth,
    used: (key) => ledger.has(key),
  })
  /** Earlier answers to as-of questions that this run found changed. */
  const superseded = new Map<string, EvidenceRecord>()

  const host = (call: Call): HostStats => {
    let stats = hosts.get(call.origin)
    if (!stats) {
      stats = emptyStats(call.origin)
      hosts.set(call.origin, stats)
    }
    return stats
  }

  const limiter = (call: Call): Limiter => {
    let found = limiters.get(call.origin)
    if (!found) {
      const book = config.slotBook
      found = createLimiter({
        ...limitFor(config.limits, call.url, config.defaultLimit),
        now: () => config.now().getTime(),
        sleep: config.sleep,
        shared: book
          ? {
              claim: (earliest, interval) =>
                book.claim(call.origin, earliest, interval),
              defer: (until) => void book.defer(call.origin, until),
            }
          : undefined,
      })
      limiters.set(call.origin, found)
    }
    return found
  }

  /** Records the evidence a caller accepted; stores it once if it is new. */
  async function keep(call: Call, loaded: Loaded): Promise<void> {
    const { record } = loaded
    if (!loaded.fromStore && !kept.has(record)) {
      kept.add(record)
      try {
        // Cache mode: into the cache; network mode: into the run's spool.
        if (config.mode !== 'replay') await bodies.put(record)
      } catch (err) {
        kept.delete(record)
        throw err
      }
    }
    ledger.note(record)
    reuse.learn(call, record)
    const stats = host(call)
    if (!stats.firstRetrievedAt || record.retrievedAt < stats.firstRetrievedAt)
      stats.firstRetrievedAt = record.retrievedAt
    if (!stats.lastRetrievedAt || record.retrievedAt > stats.lastRetrievedAt)
      stats.lastRetrievedAt = record.retrievedAt
  }

  async function load(
    call: Call,
    fresh: boolean,
    signal: AbortSignal,
  ): Promise<Loaded> {
    let loaded: Loaded | undefined
    let previous: EvidenceRecord | undefined
    if (config.store && config.mode !== 'network' && !fresh) {
      const stored = await config.store.get(call.key)
      // A replay reproduces the bundle; a new run asks the present again.
      if (config.mode === 'replay' || reuse.allows(call, stored))
        loaded = loadRecord(call, stored)
      else previous = stored
      if (loaded) {
        host(call).cacheHits++
        config.onEvent({ type: 'cache-hit', url: call.shownUrl })
      }
    }
    if (!loaded && config.mode === 'replay') {
      throw new ReplayMissError({ url: call.shownUrl, method: call.method })
    }
    const paced = limiter(call)
    // A host's pause obeys the same cap as a retry's Retry-After.
    const cap = (ms: number | undefined) =>
      ms === undefined ? undefined : Math.min(ms, config.maxDelayMs)
    const onRate = (refused: boolean, hint: RateHint) =>
      paced.note(refused, {
        ...hint,
        retryAfterMs: cap(hint.retryAfterMs),
        resetMs: cap(hint.resetMs),
      })
    const attemptConfig = { ...config, onRate }
    loaded ??= await withRetries(
      (attempt) =>
        paced.run(() => {
          host(call).requests++
          config.onEvent({ type: 'request', url: call.shownUrl, attempt })
          return fetchOnce(call, attemptConfig, signal, attempt)
        }, signal),
      {
        ...config,
        signal,
        onRetry: ({ attempt, delayMs, reason }) => {
          host(call).retries++
          const url = call.shownUrl
          const attempts = config.retries + 1
          config.onEvent({
            type: 'retry',
            url,
            attempt,
            attempts,
            delayMs,
            reason,
          })
        },
      },
    )
    if (previous && previous.sha256 !== loaded.record.sha256)
      superseded.set(`${previous.key} ${previous.retrievedAt}`, previous)
    if (loaded.record.status === 404) {
      await keep(call, loaded)
      throw new NotFoundError({ url: call.shownUrl, method: call.method })
    }
    return loaded
  }

  /**
   * Schema failures are refetched, bypassing the store, up to `retries` times:
   * a flaky proxy can corrupt a body; a source that keeps lying is an error.
   */
  async function obtain<T>(call: Call, spec: RequestSpec<T>): Promise<T> {
    for (let pass = 1; ; pass++) {
      const fresh = pass > 1
      const loaded = await inflight.run(
        `${fresh ? 'fresh ' : ''}${call.responseType} ${call.method} ${spec.url}\n${call.body ?? ''}`,
        (signal) => load(call, fresh, signal),
        spec.signal,
      )
      const result = validate(spec.schema, loaded.value)
      if (result.success) {
        await keep(call, loaded)
        return result.data
      }
      const error = new ResponseValidationError({
        url: call.shownUrl,
        method: call.method,
        issues: result.error.issues.map((issue) => ({
          path: issue.path,
          message: redactText(issue.message, call.secrets),
        })),
      })
      if (config.mode === 'replay' || pass > config.retries) throw error
      const delayMs = backoffDelay(pass, config)
      host(call).retries++
      const reason = 'response failed validation'
      config.onEvent({
        type: 'retry',
        url: call.shownUrl,
        attempt: pass,
        attempts: config.retries + 1,
        delayMs,
        reason,
      })
      await config.sleep(delayMs, spec.signal)
    }
  }

  return {
    async request<T>(spec: RequestSpec<T>): Promise<T> {
      const call = describeCall(spec, config.secrets)
      try {
        return await obtain(call, spec)
      } catch (err) {
        if (!(err instanceof NotFoundError) && !spec.signal?.aborted)
          host(call).failures++
        throw err
      }
    },
    touched: () => ledger.refs(),
    evidence: (keys) => ledger.read(keys),
    superseded: () => [...superseded.values()].filter((r) => ledger.has(r.key)),
    stats: () => [...hosts.values()].map((stats) => ({ ...stats })),
    close: async () => {
      await config.spool?.dispose?.()
    },
  }
}

function validate<T>(schema: ZodType<T>, value: unknown) {
  return schema.safeParse(value)
}
