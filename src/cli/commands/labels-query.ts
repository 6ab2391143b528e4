/** `fundtrace labels lookup|list|stats`: read-only views of the label stores. */
import type { Label } from '../../core/types.js'
import { formatAttribution } from '../../labels/format.js'
import { resolveAttribution } from '../../labels/memory.js'
import { normalizeAddress } from '../../labels/normalize.js'
import { sanitizeForTerminal as clean } from '../../labels/sanitize.js'
import { defaultLabelDbPath } from '../../labels/sqlite.js'
import {
  chainsFor,
  type Io,
  type StoreOptions,
  withStores,
} from './labels-stores.js'

export function runLookup(
  address: string,
  opts: StoreOptions & { chain?: string; json?: boolean },
  io: Io,
) {
  withStores(opts, (lookup) => {
    const chains = chainsFor(address, opts.chain)
    // A typo in a checksummed address is an error, not "no labels".
    if (chains[0]) normalizeAddress(chains[0], address)
    const results = chains.flatMap((chain) => {
      const attribution = resolveAttribution(lookup.lookup(chain, address))
      return attribution ? [{ chain, attribution }] : []
    })
    if (opts.json)
      return io.stdout(`${JSON.stringify({ address, results }, null, 2)}\n`)
    if (results.length === 0)
      return io.stdout(`no labels for ${clean(address)}\n`)
    for (const r of results)
      io.stdout(formatAttribution(r.chain, address, r.attribution))
  })
}

export function runList(
  opts: StoreOptions & { entity: string; json?: boolean },
  io: Io,
) {
  withStores(opts, (_lookup, db, bundled) => {
    const needle = opts.entity.toLowerCase()
    const labels = [
      ...bundled.filter((l) => l.entity.toLowerCase().includes(needle)),
      ...(db?.listByEntity(opts.entity) ?? []),
    ]
    if (opts.json) return io.stdout(`${JSON.stringify(labels, null, 2)}\n`)
    for (const l of labels) {
      io.stdout(
        `${clean(l.chain)}\t${clean(l.address)}\t${clean(l.entity)}\t${clean(l.category)}\t${l.confidence}\t${clean(l.source)}\n`,
      )
    }
    io.stderr(
      `${labels.length} labels match ${JSON.stringify(clean(opts.entity))}\n`,
    )
  })
}

function countBy(labels: readonly Label[], key: (l: Label) => string) {
  const out: Record<string, number> = {}
  for (const l of labels) out[key(l)] = (out[key(l)] ?? 0) + 1
  return out
}

export function runStats(opts: StoreOptions & { json?: boolean }, io: Io) {
  withStores(opts, (_lookup, db, bundled) => {
    const stats = {
      bundled: {
        total: bundled.length,
        byChain: countBy(bundled, (l) => l.chain),
        byCategory: countBy(bundled, (l) => l.category),
        byConfidence: countBy(bundled, (l) => l.confidence),
      },
      db: db ? db.stats() : { path: opts.db ?? defaultLabelDbPath(), total: 0 },
    }
    if (opts.json) return io.stdout(`${JSON.stringify(stats, null, 2)}\n`)
    const table = (title: string, counts: Record<string, number>) =>
      `${title}\n${Object.entries(counts)
        .map(([k, n]) => `  ${String(n).padStart(9)}  ${clean(k)}`)
        .join('\n')}\n`
    io.stdout(`bundled labels: ${stats.bundled.total}\n`)
    io.stdout(
      table(' by chain', stats.bundled.byChain) +
        table(' by category', stats.bundled.byCategory) +
        table(' by confidence', stats.bundled.byConfidence),
    )
    io.stdout(
      `label database: ${clean(stats.db.path)} (${stats.db.total} labels${db ? '' : ', not created yet'})\n`,
    )
    if (db && 'byChain' in stats.db) {
      const s = stats.db
      io.stdout(
        table(' by chain', s.byChain) +
          table(' by category', s.byCategory) +
          table(' by confidence', s.byConfidence) +
          table(' by source', s.bySource),
      )
    }
  })
}
