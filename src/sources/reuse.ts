/**
 * When a stored answer may stand in for a request: always for immutable
 * answers, once confirmed for txs, once final for block ranges, and for
 * answers about the present only when this run already asked (one run sees
 * one consistent chain).
 */
import type { EvidenceRecord } from '../evidence/types.js'
import type { Call } from './config.js'
import {
  answerIsConfirmed,
  classifyRequest,
  type Freshness,
  tipHeightOf,
} from './freshness.js'

export type ReuseRule = {
  allows(call: Call, stored: EvidenceRecord | undefined): boolean
  /** Notes the tip a used answer reports, so older block ranges count as final. */
  learn(call: Call, record: EvidenceRecord): void
}

export function createReuseRule(options: {
  finalityDepth: number
  used: (key: string) => boolean
}): ReuseRule {
  const tips = new Map<string, number>()
  const classify = (call: Call): Freshness =>
    classifyRequest({
      method: call.method,
      url: call.shownUrl,
      body: call.shownBody,
    })
  return {
    allows(call, stored) {
      if (!stored) return false
      if (options.used(call.key)) return true
      // "Not found" is about the present: the tx may be broadcast later.
      if (stored.status < 200 || stored.status >= 300) return false
      const freshness = classify(call)
      switch (freshness.kind) {
        case 'immutable':
          return true
        case 'once-confirmed':
          return answerIsConfirmed(stored.status, stored.body)
        case 'up-to': {
          const tip = tips.get(call.origin)
          return (
            tip !== undefined && freshness.block <= tip - options.finalityDepth
          )
        }
        default:
          return false
      }
    },
    learn(call, record) {
      const freshness = classify(call)
      if (freshness.kind !== 'as-of' || !freshness.tip) return
      const height = tipHeightOf(record.body)
      if (height === undefined) return
      tips.set(call.origin, Math.max(height, tips.get(call.origin) ?? 0))
    },
  }
}
