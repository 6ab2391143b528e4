/** In-memory evidence store for tests; copies on the way in and out. */
import type { EvidenceRecord, EvidenceStore } from '../sources/types.js'
import { isIntact } from './key.js'

export type MemoryStore = EvidenceStore & {
  /** The stored records, keyed by key; mutate to simulate corruption. */
  readonly records: Map<string, EvidenceRecord>
}

export function createMemoryStore(
  initial: Iterable<EvidenceRecord> = [],
): MemoryStore {
  const records = new Map<string, EvidenceRecord>()
  for (const record of initial) records.set(record.key, { ...record })
  return {
    records,
    async get(key) {
      const record = records.get(key)
      return record && isIntact(record, key) ? { ...record } : undefined
    },
    async put(record) {
      records.set(record.key, { ...record })
    },
  }
}
