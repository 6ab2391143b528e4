import { isIntact } from './key.js'
import type { EvidenceRecord, EvidenceStore } from './types.js'

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
