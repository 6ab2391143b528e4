import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import envPaths from 'env-paths'
import type { Confidence, Label, LabelLookup } from '../core/types.js'
import { addressKey, normalizeChain } from './normalize.js'

/** A label as stored: `origin` says which import or bundle it came from. */
export type StoredLabel = Label & { origin?: string | undefined }

type LabelStats = {
  path: string
  total: number
  byChain: Record<string, number>
  byCategory: Record<string, number>
  bySource: Record<string, number>
  byConfidence: Record<string, number>
  byOrigin: Record<string, number>
}

export type LabelDb = LabelLookup & {
  readonly path: string
  /** Inserts in one transaction; exact duplicates are ignored. Returns rows added. */
  insertMany(labels: readonly StoredLabel[], origin?: string): number
  /** Case-insensitive substring match on the entity name. */
  listByEntity(name: string, options?: { limit?: number }): StoredLabel[]
  count(): number
  stats(): LabelStats
  close(): void
}

/** `<user data dir>/labels.sqlite`, e.g. ~/.local/share/fundtrace/labels.sqlite. */
export function defaultLabelDbPath(): string {
  return join(envPaths('fundtrace', { suffix: '' }).data, 'labels.sqlite')
}

// The unique index doubles as the lookup index: (chain, address) is its prefix.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS labels (
  chain TEXT NOT NULL,
  address TEXT NOT NULL,
  entity TEXT NOT NULL,
  category TEXT NOT NULL,
  source TEXT NOT NULL,
  confidence TEXT NOT NULL CHECK (confidence IN ('official','high','medium','low')),
  retrieved TEXT,
  origin TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS labels_key
  ON labels (chain, address, entity, category, source);
`

type Row = {
  chain: string
  address: string
  entity: string
  category: string
  source: string
  confidence: Confidence
  retrieved: string | null
  origin: string
}

function fromRow(row: Row): StoredLabel {
  const label: StoredLabel = {
    chain: row.chain,
    address: row.address,
    entity: row.entity,
    category: row.category,
    source: row.source,
    confidence: row.confidence,
  }
  if (row.retrieved) label.retrieved = row.retrieved
  if (row.origin) label.origin = row.origin
  return label
}

/** Splits the normalised key so stored rows and lookups always agree. */
function keyParts(chain: string, address: string): [string, string] {
  const name = normalizeChain(chain)
  return [name, addressKey(name, address).slice(name.length + 1)]
}

function tally(db: Database.Database, column: string): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT ${column} AS k, COUNT(*) AS n FROM labels GROUP BY ${column} ORDER BY n DESC`,
    )
    .all() as { k: string; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.k, r.n]))
}

/** Opens (creating if needed) an SQLite label store. */
export function createLabelDb(
  options: { path?: string | undefined; readonly?: boolean } = {},
): LabelDb {
  const path = options.path ?? defaultLabelDbPath()
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  })
  if (!options.readonly) {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec(SCHEMA)
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO labels (chain, address, entity, category, source, confidence, retrieved, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byAddress = db.prepare(
    'SELECT * FROM labels WHERE chain = ? AND address = ?',
  )
  const byEntity = db.prepare(
    "SELECT * FROM labels WHERE entity LIKE ? ESCAPE '\\' ORDER BY entity, chain, address LIMIT ?",
  )
  const insertAll = db.transaction(
    (labels: readonly StoredLabel[], origin: string) => {
      let added = 0
      for (const l of labels) {
        const [chain, address] = keyParts(l.chain, l.address)
        const info = insert.run(
          chain,
          address,
          l.entity,
          l.category,
          l.source,
          l.confidence,
          l.retrieved ?? null,
          l.origin ?? origin,
        )
        added += info.changes
      }
      return added
    },
  )
  return {
    path,
    insertMany: (labels, origin = '') => insertAll(labels, origin),
    lookup: (chain, address) =>
      (byAddress.all(...keyParts(chain, address)) as Row[]).map(fromRow),
    listByEntity: (name, opts = {}) => {
      const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      return (byEntity.all(pattern, opts.limit ?? 10_000) as Row[]).map(fromRow)
    },
    count: () =>
      (db.prepare('SELECT COUNT(*) AS n FROM labels').get() as { n: number }).n,
    stats: () => ({
      path,
      total: (
        db.prepare('SELECT COUNT(*) AS n FROM labels').get() as { n: number }
      ).n,
      byChain: tally(db, 'chain'),
      byCategory: tally(db, 'category'),
      bySource: tally(db, 'source'),
      byConfidence: tally(db, 'confidence'),
      byOrigin: tally(db, 'origin'),
    }),
    close: () => db.close(),
  }
}
