import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { StoredLabel } from './sqlite.js'
import { createLabelDb } from './sqlite.js'

type LabelBenchResult = {
  count: number
  importMs: number
  bytes: number
  lookupsPerRun: number
  lookupMedianUs: number
  lookupP99Us: number
}

/** Deterministic fake EVM address #i (valid lowercase hex). */
function fakeAddress(i: number): string {
  return `0x${i.toString(16).padStart(40, '0')}`
}

function* generate(count: number): Generator<StoredLabel[]> {
  const batch = 50_000
  for (let start = 0; start < count; start += batch) {
    const rows: StoredLabel[] = []
    for (let i = start; i < Math.min(count, start + batch); i++) {
      rows.push({
        chain: 'ethereum',
        address: fakeAddress(i),
        entity: `Entity ${i % 5000}`,
        category: i % 7 === 0 ? 'exchange-deposit' : 'exchange',
        source: 'bench',
        confidence: 'medium',
      })
    }
    yield rows
  }
}

/**
 * For `npm run bench`: builds a store of `count` generated labels in `dir`,
 * then times random lookups. Prints nothing; the caller formats.
 */
export function benchLabelStore(options: {
  count: number
  dir: string
  lookups?: number
}): LabelBenchResult {
  const path = join(options.dir, 'bench-labels.sqlite')
  const db = createLabelDb({ path })
  const t0 = performance.now()
  for (const rows of generate(options.count)) db.insertMany(rows, 'bench')
  const importMs = performance.now() - t0
  const runs = options.lookups ?? 2000
  const times: number[] = []
  let seed = 12345
  for (let i = 0; i < runs; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const start = performance.now()
    const found = db.lookup('ethereum', fakeAddress(seed % options.count))
    times.push((performance.now() - start) * 1000)
    if (found.length !== 1) throw new Error('bench lookup missed')
  }
  db.close()
  times.sort((a, b) => a - b)
  return {
    count: options.count,
    importMs: Math.round(importMs),
    bytes: statSync(path).size,
    lookupsPerRun: runs,
    lookupMedianUs: Math.round(times[Math.floor(runs / 2)] ?? 0),
    lookupP99Us: Math.round(times[Math.floor(runs * 0.99)] ?? 0),
  }
}
