/**
 * One case's view of the shared client: its requests go through the batch's
 * limiter and store, while touched() and stats() cover only this case, so its
 * report bundle carries exactly its own evidence and request counts.
 */

import type { EvidenceRef } from '../evidence/types.js'
import { describeCall } from '../sources/config.js'
import type { HostStats, HttpClient } from '../sources/types.js'
import { lookupLabel } from './lookup-label.js'
import type { SharedRequests } from './shared-requests.js'

export type CaseClient = HttpClient & {
  /** Distinct look-ups this case made (from the network or the store). */
  lookups(): number
  /** Network requests this case started (attempts, retries included). */
  fetched(): number
}

export function createCaseClient(
  shared: SharedRequests,
  signal?: AbortSignal,
): CaseClient {
  const keys = new Map<string, { url: string; label: string }>()
  /** Network attempts this case's own look-ups caused, by look-up label. */
  const mine = new Map<string, number>()
  const fetched = () => {
    let n = 0
    for (const count of mine.values()) n += count
    return n
  }
  const refs = (): EvidenceRef[] => {
    const all = shared.base.touched()
    return [...keys.keys()].flatMap((key) => {
      const ref = all.get(key)
      return ref ? [ref] : []
    })
  }
  return {
    request(spec) {
      const call = describeCall(spec, shared.secrets)
      const label = lookupLabel(
        call.method,
        spec.url,
        spec.body,
        shared.secrets,
      )
      keys.set(call.key, { url: call.shownUrl, label })
      const before = shared.attempts().get(label) ?? 0
      const { promise, initiated } = shared.request(spec, spec.signal ?? signal)
      // While a look-up is in flight no other one with its label starts, so
      // the attempts it adds are this case's.
      const count = () => {
        const delta = (shared.attempts().get(label) ?? 0) - before
        if (delta > 0) mine.set(label, (mine.get(label) ?? 0) + delta)
      }
      if (initiated) promise.then(count, count)
      return promise
    },
    touched: () => new Map(refs().map((r) => [r.key, r])),
    evidence: () => shared.base.evidence([...keys.keys()]),
    // The earlier answers to this case's as-of look-ups that it saw change.
    superseded: () =>
      (shared.base.superseded?.() ?? []).filter((r) => keys.has(r.key)),
    // The batch's client and its store outlive the case.
    close: async () => {},
    stats(): HostStats[] {
      const byOrigin = new Map<string, HostStats>()
      const all = shared.base.touched()
      for (const [key, { url, label }] of keys) {
        const origin = safeOrigin(url)
        const s = byOrigin.get(origin) ?? {
          baseUrl: origin,
          requests: 0,
          cacheHits: 0,
          retries: 0,
          failures: 0,
          firstRetrievedAt: null,
          lastRetrievedAt: null,
        }
        const attempts = mine.get(label) ?? 0
        s.requests += attempts
        if (attempts === 0) s.cacheHits++
        s.retries += Math.max(0, attempts - 1)
        const at = all.get(key)?.retrievedAt
        if (at && (!s.firstRetrievedAt || at < s.firstRetrievedAt))
          s.firstRetrievedAt = at
        if (at && (!s.lastRetrievedAt || at > s.lastRetrievedAt))
          s.lastRetrievedAt = at
        byOrigin.set(origin, s)
      }
      return [...byOrigin.values()]
    },
    lookups: () => keys.size,
    fetched,
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
