/**
 * poison, haircut and fifo over one ledger. Pure: entries in, per-outflow taint out.
 * haircut/fifo conserve exactly: Σ out taint + fee taint + tainted at rest = Σ in taint.
 * poison taints whole outflows and reports the clean value it swept in (absorbed):
 * Σ out taint + fee taint + tainted at rest = Σ in taint + absorbed.
 */
import { min } from '../../core/amount.js'
import { fullRange, type Range, rangesLength } from '../ranges.js'
import type { PolicyName, TxFee } from '../types.js'
import type { LedgerEntry } from './ledger.js'

export type OutTaint = { value: bigint; taint: bigint; ranges: Range[] }

export type LedgerResult = {
  /** Keyed by entry key, for 'out' entries only. */
  outs: Map<string, OutTaint>
  taintIn: bigint
  feeTaint: bigint
  /** Each fee entry's fee and taint, in ledger order; Σ feeTaint = feeTaint. */
  txFees: TxFee[]
  /** Tainted value still held after the last entry. */
  taintedAtRest: bigint
  /** Balance after the last entry (never below 0). */
  balance: bigint
  /** poison only: clean value counted as tainted. */
  absorbed: bigint
  /** Outflows beyond the seen balance: funds that arrived before the history read; assumed clean. */
  unseen: bigint
}

export type LedgerPolicy = (entries: readonly LedgerEntry[]) => LedgerResult

function empty(): LedgerResult {
  return {
    outs: new Map(),
    taintIn: 0n,
    feeTaint: 0n,
    txFees: [],
    taintedAtRest: 0n,
    balance: 0n,
    absorbed: 0n,
    unseen: 0n,
  }
}

/** Pro rata: each outflow carries the tainted share of the balance it leaves. */
export const haircut: LedgerPolicy = (entries) => {
  const r = empty()
  let tainted = 0n
  for (const entry of entries) {
    if (entry.kind === 'in') {
      const t = rangesLength(entry.taint)
      r.balance += entry.value
      r.taintIn += t
      tainted += t
      continue
    }
    if (entry.value > r.balance) {
      r.unseen += entry.value - r.balance
      r.balance = entry.value
    }
    const taint = r.balance > 0n ? (entry.value * tainted) / r.balance : 0n
    tainted -= taint
    r.balance -= entry.value
    record(r, entry, taint, fullRange(taint))
  }
  r.taintedAtRest = tainted
  return r
}

/** Whole outflows are tainted once any tainted value has arrived. */
export const poison: LedgerPolicy = (entries) => {
  const r = empty()
  let poisoned = false
  for (const entry of entries) {
    if (entry.kind === 'in') {
      const t = rangesLength(entry.taint)
      r.taintIn += t
      if (poisoned) r.absorbed += entry.value - t
      else if (t > 0n) {
        poisoned = true
        r.absorbed += r.balance + entry.value - t
      }
      r.balance += entry.value
      continue
    }
    if (entry.value > r.balance) {
      r.unseen += entry.value - r.balance
      if (poisoned) r.absorbed += entry.value - r.balance
      r.balance = entry.value
    }
    const taint = poisoned ? entry.value : 0n
    r.balance -= entry.value
    record(r, entry, taint, fullRange(taint))
  }
  r.taintedAtRest = poisoned ? r.balance : 0n
  return r
}

type Segment = { len: bigint; tainted: boolean }

/** First in, first out (Clayton's case) with exact tainted ranges. */
export const fifo: LedgerPolicy = (entries) => {
  const r = empty()
  const queue: Segment[] = []
  for (const entry of entries) {
    if (entry.kind === 'in') {
      r.taintIn += rangesLength(entry.taint)
      r.balance += entry.value
      queue.push(...segments(entry.value, entry.taint))
      continue
    }
    const ranges: Range[] = []
    let at = 0n
    while (at < entry.value) {
      const head = queue[0]
      if (!head) {
        r.unseen += entry.value - at
        break
      }
      const take = min(head.len, entry.value - at)
      if (head.tainted) pushRange(ranges, at, at + take)
      at += take
      head.len -= take
      if (head.len === 0n) queue.shift()
    }
    r.balance = r.balance > entry.value ? r.balance - entry.value : 0n
    record(r, entry, rangesLength(ranges), ranges)
  }
  r.taintedAtRest = queue.reduce((s, g) => (g.tainted ? s + g.len : s), 0n)
  return r
}

export const ledgerPolicies: Record<PolicyName, LedgerPolicy> = {
  poison,
  haircut,
  fifo,
}

function record(
  r: LedgerResult,
  entry: LedgerEntry,
  taint: bigint,
  ranges: Range[],
): void {
  if (entry.kind === 'fee') {
    r.feeTaint += taint
    // A fee entry is keyed by its tx's native row, whose edgeKey starts with the tx hash.
    const txHash = entry.key.slice(0, entry.key.indexOf(':'))
    r.txFees.push({
      txHash,
      fee: entry.value,
      feeTaint: taint,
      block: entry.order[0],
      time: entry.time ?? null,
    })
  } else r.outs.set(entry.key, { value: entry.value, taint, ranges })
}

function segments(value: bigint, taint: readonly Range[]): Segment[] {
  const out: Segment[] = []
  let at = 0n
  for (const [start, end] of taint) {
    const lo = start < at ? at : start
    const hi = end > value ? value : end
    if (lo > at) out.push({ len: lo - at, tainted: false })
    if (hi > lo) out.push({ len: hi - lo, tainted: true })
    if (hi > at) at = hi
  }
  if (value > at) out.push({ len: value - at, tainted: false })
  return out
}

function pushRange(ranges: Range[], start: bigint, end: bigint): void {
  const last = ranges.at(-1)
  if (last && last[1] === start) ranges[ranges.length - 1] = [last[0], end]
  else ranges.push([start, end])
}

/** The report's one line on how each policy reads an address's balance. */
export const ACCOUNT_POLICY_TEXT: Record<PolicyName, string> = {
  poison:
    'Poison: once an address holds tainted funds of an asset, every later outflow of that asset is treated as fully tainted; outside funds pulled in are reported as absorbed.',
  haircut:
    'Haircut: each outflow of an asset carries taint in proportion to the tainted share of the address balance at that moment; clean funds that arrived earlier dilute it.',
  fifo: 'FIFO: outflows of an asset spend the address balance first in, first out, in chain order (block, tx index, log index); clean funds that arrived earlier leave first.',
}
