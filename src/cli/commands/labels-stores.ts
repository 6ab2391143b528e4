/** The label stores a `labels` sub-command reads: bundled labels and the user's db. */
import { existsSync } from 'node:fs'
import { UsageError } from '../../core/errors.js'
import type { Label, LabelLookup } from '../../core/types.js'
import { loadBundledLabels } from '../../labels/bundled.js'
import { combineLookups, createLabelIndex } from '../../labels/memory.js'
import {
  inferChain,
  isEvmChain,
  normalizeChain,
} from '../../labels/normalize.js'
import { sanitizeForTerminal as clean } from '../../labels/sanitize.js'
import {
  createLabelDb,
  defaultLabelDbPath,
  type LabelDb,
} from '../../labels/sqlite.js'

export type Io = { stdout: (s: string) => void; stderr: (s: string) => void }
export type StoreOptions = { db?: string; bundled: boolean }

const EVM_CHAINS = [
  'ethereum',
  'bsc',
  'polygon',
  'arbitrum',
  'optimism',
  'base',
  'avalanche',
  'gnosis',
  'celo',
  'fantom',
]

/** The user's db when it exists (or was named explicitly), read-only. */
function openDb(path: string | undefined): LabelDb | undefined {
  const target = path ?? defaultLabelDbPath()
  if (!existsSync(target)) {
    if (path) throw new UsageError(`label database not found: ${path}`)
    return undefined
  }
  return createLabelDb({ path: target, readonly: true })
}

export function withStores<T>(
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

export function chainsFor(
  address: string,
  chain: string | undefined,
): string[] {
  if (chain) return [normalizeChain(chain)]
  const guess = inferChain(address)
  if (!guess)
    throw new UsageError(
      `cannot tell the chain of ${JSON.stringify(clean(address))}; pass --chain`,
    )
  return isEvmChain(guess) ? EVM_CHAINS : [guess]
}
