/**
 * Which evidence a run used, kept small: the key, body hash and retrieval time
 * of each record. The bodies stay in a store — the cache, the replay folder or
 * the run's private spool — and are read back for the report bundle, each
 * checked against the hash it had when the trace used it.
 */
import { BaseError } from '../core/errors.js'
import type { EvidenceRecord, EvidenceRef, EvidenceStore } from './types.js'

/** A used record is gone from its store, or another body replaced it. */
export class EvidenceLostError extends BaseError {
  override name = 'EvidenceLostError'
  readonly key: string
  constructor(key: string, found: EvidenceRecord | undefined) {
    super(
      found
        ? `the evidence store now holds another response for ${found.method} ${found.url} than the one this report used`
        : `evidence record ${key} is no longer in the evidence store`,
      {
        details:
          'Another process changed the cache during the run; run the trace again to bundle its evidence.',
      },
    )
    this.key = key
  }
}

type EvidenceLedger = {
  /** Notes a record the run used; a later record under the same key replaces it. */
  note(record: EvidenceRecord): void
  refs(): ReadonlyMap<string, EvidenceRef>
  /** True once the run has used an answer to this request. */
  has(key: string): boolean
  /** The records behind keys (default: all, in first-use order); unknown keys are skipped. */
  read(keys?: Iterable<string>): AsyncGenerator<EvidenceRecord>
}

export function createEvidenceLedger(bodies: EvidenceStore): EvidenceLedger {
  const refs = new Map<string, EvidenceRef>()
  return {
    note(record) {
      const { key, sha256, retrievedAt } = record
      refs.set(key, { key, sha256, retrievedAt })
    },
    refs: () => new Map(refs),
    has: (key) => refs.has(key),
    async *read(keys = [...refs.keys()]) {
      for (const key of keys) {
        const ref = refs.get(key)
        if (!ref) continue
        const record = await bodies.get(key)
        if (!record || record.sha256 !== ref.sha256)
          throw new EvidenceLostError(key, record)
        yield record
      }
    },
  }
}
