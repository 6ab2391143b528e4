/**
 * The account-model ledger: for one (address, asset), every inflow with the
 * taint it carries and every outflow (fees included, for the native coin), in
 * chain order. Policies read it; nothing here decides what is tainted.
 */
import { assetKey } from '../../core/asset.js'
import type { AccountTransfer, Asset } from '../../core/types.js'
import type { Range } from '../ranges.js'

export type LedgerEntry =
  | {
      kind: 'in'
      key: string
      value: bigint
      /** Tainted sub-ranges of this inflow, [start, end) within [0, value). */
      taint: readonly Range[]
      order: Order
    }
  | { kind: 'out'; key: string; value: bigint; order: Order }
  | {
      kind: 'fee'
      key: string
      value: bigint
      order: Order
      /** Block time (unix seconds), for a fee-only row in the hop table. */
      time?: number | undefined
    }

/** (block, txIndex, logIndex): fees sort just before the tx's own value. */
export type Order = readonly [number, number, number]

export type Ledger = {
  address: string
  asset: Asset
  entries: LedgerEntry[]
}

/**
 * A transfer as an adapter may hand it over: `occurrence` numbers identical
 * moves (same tx, kind, token, sender, recipient, value) in chain order.
 */
export type KeyedTransfer = AccountTransfer & {
  occurrence?: number | undefined
}

/**
 * Identity of one transfer across sources and recomputations. Sources
 * disagree on positions (Etherscan's tokentx has no log index; explorer
 * traceIds and node tracers number calls differently), so when the adapter
 * gives an occurrence the key is what moved, not where it sits in the tx.
 */
export function edgeKey(t: KeyedTransfer): string {
  const position =
    t.occurrence === undefined ? `@${t.logIndex}` : `#${t.occurrence}`
  return `${t.txHash}:${t.kind}:${t.asset.contract ?? ''}:${t.from}:${t.to}:${t.value}:${position}`
}

const FEE_INDEX = -2

/**
 * Ledgers of `address`, one per asset. `taintOf` returns the tainted ranges
 * of an inflow (empty for clean funds). Self-transfers cancel and are skipped.
 */
export function buildLedgers(
  address: string,
  transfers: readonly AccountTransfer[],
  taintOf: (t: AccountTransfer) => readonly Range[],
): Map<string, Ledger> {
  const ledgers = new Map<string, Ledger>()
  const ledger = (asset: Asset): Ledger => {
    const key = assetKey(asset)
    let found = ledgers.get(key)
    if (!found) {
      found = { address, asset, entries: [] }
      ledgers.set(key, found)
    }
    return found
  }
  for (const t of transfers) {
    const order: Order = [t.block.height, t.txIndex, t.logIndex]
    const key = edgeKey(t)
    if (t.fee && t.fee > 0n && t.from === address && t.kind === 'native') {
      const feeOrder: Order = [t.block.height, t.txIndex, FEE_INDEX]
      ledger(t.asset).entries.push({
        kind: 'fee',
        key,
        value: t.fee,
        order: feeOrder,
        time: t.block.time,
      })
    }
    if (t.value === 0n || t.from === t.to) continue
    if (t.to === address)
      ledger(t.asset).entries.push({
        kind: 'in',
        key,
        value: t.value,
        taint: taintOf(t),
        order,
      })
    else if (t.from === address)
      ledger(t.asset).entries.push({ kind: 'out', key, value: t.value, order })
  }
  for (const found of ledgers.values()) found.entries.sort(compareEntries)
  return ledgers
}

/** Chain order; at one position inflows come before outflows. */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.order[i] ?? 0) - (b.order[i] ?? 0)
    if (d !== 0) return d
  }
  return rank(a) - rank(b)
}

function rank(entry: LedgerEntry): number {
  return entry.kind === 'in' ? 0 : entry.kind === 'fee' ? 1 : 2
}
