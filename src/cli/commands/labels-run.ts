/** What `fundtrace labels …` does, loaded only when one of them runs. */
import { existsSync, readFileSync } from 'node:fs'
import { EVM_CHAIN_NAMES } from '../../chains/evm/chains.js'
import { UsageError } from '../../core/errors.js'
import { stripUnsafe as clean } from '../../core/text-safety.js'
import type { Confidence, Label, LabelLookup } from '../../core/types.js'
import { loadBundledLabels } from '../../labels/bundled.js'
import { CONFIDENCES, LabelFileError } from '../../labels/csv.js'
import { formatAttribution } from '../../labels/format.js'
import { detectFormat } from '../../labels/import/detect.js'
import { FORMATS, isLabelFormat } from '../../labels/import/formats.js'
import { importLabels } from '../../labels/import/importers.js'
import {
  combineLookups,
  createLabelIndex,
  resolveAttribution,
} from '../../labels/memory.js'
import {
  inferChain,
  isEvmChain,
  normalizeAddress,
  normalizeChain,
} from '../../labels/normalize.js'
import {
  createLabelDb,
  defaultLabelDbPath,
  type LabelDb,
} from '../../labels/sqlite.js'
import type { CliIo } from '../io.js'

/** `labels import`: a label file into the local label database. */
export function runImport(
  file: string,
  opts: { format?: string; db?: string; chain?: string; confidence?: string },
  io: Io,
) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new LabelFileError({
      file,
      reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      cause: err,
    })
  }
  const format = opts.format ?? detectFormat(file, text)
  if (!format || !isLabelFormat(format)) {
    throw new UsageError(
      `cannot tell the format of ${file}; pass --format ${FORMATS.join('|')}`,
    )
  }
  if (opts.confidence && !CONFIDENCES.includes(opts.confidence as Confidence)) {
    throw new UsageError(
      `--confidence must be one of ${CONFIDENCES.join(', ')}`,
    )
  }
  const result = importLabels(text, format, {
    file,
    chain: opts.chain,
    confidence: opts.confidence as Confidence | undefined,
  })
  const db = createLabelDb({ path: opts.db })
  try {
    const added = db.insertMany(result.labels, `import:${format}:${file}`)
    io.stdout(
      `imported ${added} new labels (${result.labels.length} read, ${result.skipped.length} skipped) as ${format} into ${db.path}\n`,
    )
  } finally {
    db.close()
  }
  for (const s of result.skipped.slice(0, 20))
    io.stderr(`skipped ${clean(s.where)}: ${clean(s.reason)}\n`)
  if (result.skipped.length > 20)
    io.stderr(`... and ${result.skipped.length - 20} more skipped\n`)
}

// `labels lookup|list|stats`: read-only views of the label stores.

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

// The label stores a `labels` sub-command reads: bundled labels and the user's db.

export type Io = Pick<CliIo, 'stdout' | 'stderr'>
type StoreOptions = { db?: string; bundled: boolean }

// The chains the CLI names, then others label feeds commonly tag.
const EVM_CHAINS = [...EVM_CHAIN_NAMES, 'gnosis', 'celo', 'fantom']

/** The user's db when it exists (or was named explicitly), read-only. */
function openDb(path: string | undefined): LabelDb | undefined {
  const target = path ?? defaultLabelDbPath()
  if (!existsSync(target)) {
    if (path) throw new UsageError(`label database not found: ${path}`)
    return undefined
  }
  return createLabelDb({ path: target, readonly: true })
}

function withStores<T>(
  options: StoreOptions,
  fn: (
    lookup: LabelLookup,
    db: LabelDb | undefined,
    bundled: readonly Label[],
  ) => T,
): T {
  const db = openDb(options.db)
  const bundled = options.bundled ? loadBundledLabels() : []
  try {
    const stores = [createLabelIndex(bundled), ...(db ? [db] : [])]
    return fn(combineLookups(...stores), db, bundled)
  } finally {
    db?.close()
  }
}

function chainsFor(address: string, chain: string | undefined): string[] {
  if (chain) return [normalizeChain(chain)]
  const guess = inferChain(address)
  if (!guess)
    throw new UsageError(
      `cannot tell the chain of ${JSON.stringify(clean(address))}; pass --chain`,
    )
  return isEvmChain(guess) ? EVM_CHAINS : [guess]
}
