/** Confirms explorer rows against the chain's own receipts and traces. */
import pLimit from 'p-limit'
import type { Discrepancy, EvmTransfer } from './types.js'

type CrossChecked = {
  transfers: EvmTransfer[]
  discrepancies: Discrepancy[]
}

/**
 * Each explorer row must match a receipt/trace transfer of its tx (kind,
 * token, from, to, value). Matches take the chain's positions; unmatched rows
 * are dropped as discrepancies; chain transfers touching `address` that the
 * explorer missed are used and recorded.
 */
export async function crossCheck(
  rows: readonly EvmTransfer[],
  address: string,
  readTx: (hash: string) => Promise<EvmTransfer[]>,
  options: {
    concurrency?: number | undefined
    /** Chain transfers of other assets were not asked of the explorer: not "missed". */
    relevant?: ((t: EvmTransfer) => boolean) | undefined
  } = {},
): Promise<CrossChecked> {
  const concurrency = options.concurrency ?? 4
  const relevant = options.relevant ?? (() => true)
  const hashes = [...new Set(rows.map((row) => row.txHash))]
  const limit = pLimit(concurrency)
  const chain = new Map(
    await Promise.all(
      hashes.map((hash) =>
        limit(async () => [hash, await readTx(hash)] as const),
      ),
    ),
  )
  const transfers: EvmTransfer[] = []
  const discrepancies: Discrepancy[] = []
  const used = new Set<EvmTransfer>()
  for (const row of rows) {
    if (row.kind !== 'native' && row.value === 0n) {
      transfers.push(row) // zero-value: filtered later, nothing to confirm
      continue
    }
    const candidates = chain.get(row.txHash) ?? []
    const match = candidates.find((c) => !used.has(c) && same(c, row))
    if (!match) {
      discrepancies.push({
        txHash: row.txHash,
        kind: row.kind,
        side: 'explorer-only',
        transfer: row,
        detail: `explorer lists ${row.kind} ${row.from} → ${row.to} ${row.value} but the receipt/trace has no such transfer`,
      })
      continue
    }
    used.add(match)
    const moved = blockMoved(row, match)
    if (moved) discrepancies.push(moved)
    transfers.push(
      row.kind === 'erc20' && match.asset.decimals === 0
        ? { ...match, asset: row.asset }
        : match,
    )
  }
  for (const [hash, list] of chain) {
    for (const t of list) {
      if (used.has(t) || (t.from !== address && t.to !== address)) continue
      if (!relevant(t)) continue
      if (t.kind !== 'native' && t.value === 0n) continue
      if (t.kind === 'native' && t.value === 0n && t.from !== address) continue
      transfers.push(t)
      if (t.kind === 'native' && t.value === 0n) continue
      discrepancies.push({
        txHash: hash,
        kind: t.kind,
        side: 'rpc-only',
        transfer: t,
        detail: `receipt/trace has ${t.kind} ${t.from} → ${t.to} ${t.value} that the explorer did not list`,
      })
    }
  }
  return { transfers, discrepancies }
}

/**
 * The explorer's index can lag a reorganisation: the same transfer in
 * another block (or another block hash at that height) is reported, and the
 * node's position is the one used.
 */
function blockMoved(
  row: EvmTransfer,
  chain: EvmTransfer,
): Discrepancy | undefined {
  const a = row.block
  const b = chain.block
  const hashes = a.hash !== undefined && b.hash !== undefined
  const differs =
    a.height !== b.height ||
    (hashes && a.hash?.toLowerCase() !== b.hash?.toLowerCase())
  if (!differs) return undefined
  const where = (r: typeof a) =>
    `block ${r.height}${r.hash ? ` (${r.hash})` : ''}`
  return {
    txHash: row.txHash,
    kind: row.kind,
    side: 'block-moved',
    transfer: chain,
    detail: `explorer places the tx in ${where(a)} but the node has it in ${where(b)}: a reorganisation the explorer has not caught up with; the node's block is used`,
  }
}

function same(a: EvmTransfer, b: EvmTransfer): boolean {
  const kindA = a.kind === 'erc20' ? 'erc20' : a.kind
  return (
    kindA === b.kind &&
    a.from === b.from &&
    a.to === b.to &&
    a.value === b.value &&
    (a.asset.contract ?? '') === (b.asset.contract ?? '')
  )
}
