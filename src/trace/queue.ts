/** Txs waiting to be processed, in chain order. */
import type { BlockRef } from '../core/types.js'
import { fullRange, normalizeRanges, rangesLength } from './ranges.js'
import type { Incoming } from './types.js'

export type QueueEntry = {
  txid: string
  /** Smallest hop over the paths that reached it. */
  hop: number
  /** From the outspend; null while unconfirmed. */
  height: number | null
  /** Taint arriving per spent outpoint (`txid:vout`). */
  incoming: Map<string, Incoming>
}

export type TraceQueue = {
  add(txid: string, block: BlockRef | null, hop: number, input: Incoming): void
  has(txid: string): boolean
  get(txid: string): QueueEntry | undefined
  remove(txid: string): QueueEntry | undefined
  /** Chain order: height ascending, unconfirmed last; larger taint, then txid. */
  ordered(): QueueEntry[]
  readonly size: number
}

export const outpointKey = (txid: string, vout: number) => `${txid}:${vout}`

export function incomingTaint(entry: QueueEntry): bigint {
  let total = 0n
  for (const input of entry.incoming.values()) total += input.taint
  return total
}

/**
 * A second taint delta on an output still waiting (a late merge upstream):
 * fifo ranges are disjoint and unite; haircut and poison ranges all start at
 * 0, so their lengths add.
 */
function mergeIncoming(a: Incoming, b: Incoming): Incoming {
  const taint = a.taint + b.taint
  const union = normalizeRanges([...a.ranges, ...b.ranges])
  const ranges = rangesLength(union) === taint ? union : fullRange(taint)
  return { ...a, ranges, taint, hop: Math.min(a.hop, b.hop) }
}

export function createQueue(): TraceQueue {
  const entries = new Map<string, QueueEntry>()
  return {
    add(txid, block, hop, input) {
      let entry = entries.get(txid)
      if (!entry) {
        entry = {
          txid,
          hop,
          height: block?.height ?? null,
          incoming: new Map(),
        }
        entries.set(txid, entry)
      }
      entry.hop = Math.min(entry.hop, hop)
      const key = outpointKey(input.txid, input.vout)
      const existing = entry.incoming.get(key)
      if (!existing) entry.incoming.set(key, input)
      else {
        entry.incoming.set(key, mergeIncoming(existing, input))
      }
    },
    has: (txid) => entries.has(txid),
    get: (txid) => entries.get(txid),
    remove(txid) {
      const entry = entries.get(txid)
      entries.delete(txid)
      return entry
    },
    ordered() {
      const keyed = [...entries.values()].map((entry) => ({
        entry,
        taint: incomingTaint(entry),
      }))
      keyed.sort((a, b) => {
        const ha = a.entry.height ?? Number.POSITIVE_INFINITY
        const hb = b.entry.height ?? Number.POSITIVE_INFINITY
        if (ha !== hb) return ha - hb
        if (a.taint !== b.taint) return a.taint > b.taint ? -1 : 1
        return a.entry.txid < b.entry.txid
          ? -1
          : a.entry.txid > b.entry.txid
            ? 1
            : 0
      })
      return keyed.map((k) => k.entry)
    },
    get size() {
      return entries.size
    },
  }
}
