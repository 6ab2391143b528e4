/** Hit, at-rest and unexplored rows of a UTXO report, each in a stable order. */
import type { BlockRef, Label } from '../core/types.js'
import type { Endpoint, TraceHit, TraceResult } from '../trace/types.js'
import { attributionFields, labelConflict } from './attribution.js'
import type { AtRest, Hit, LabelRef, Report, Unexplored } from './types.js'

/** Hits as found; funds at rest and unexplored endpoints largest first. */
export function endpointRows(
  result: TraceResult,
  chain: string,
  symbol: string,
  fmt: (value: bigint) => string,
): Pick<Report, 'hits' | 'atRest' | 'unexplored'> {
  const asOf = result.tipHeight ?? highestBlock(result.endpoints)
  const rest = result.endpoints.filter((e) => e.reason === 'unspent')
  const unexplored = result.endpoints.filter(
    (e) => e.reason !== 'unspent' && e.reason !== 'exchange',
  )
  return {
    hits: result.hits.map((hit) =>
      toHit(hit, chain, symbol, fmt, result.heuristics),
    ),
    atRest: sortByAmount(rest).map((e) =>
      toAtRest(e, chain, symbol, fmt, asOf),
    ),
    unexplored: sortByAmount(unexplored).map((e) =>
      toUnexplored(e, chain, symbol, fmt),
    ),
  }
}

function toHit(
  hit: TraceHit,
  chain: string,
  symbol: string,
  fmt: (value: bigint) => string,
  heuristics: TraceResult['heuristics'],
): Hit {
  const outputs = [...hit.outputs].sort(byChainOrder)
  const times = outputs.flatMap((o) => (o.block ? [o.block.time] : []))
  return {
    amount: fmt(hit.amount),
    amountBase: hit.amount.toString(),
    chain,
    address: hit.address,
    entity: hit.entity,
    category: hit.category,
    attribution: hit.attribution,
    confidence: hit.confidence,
    labels: hit.labels.map(labelRef),
    evidence: [...hit.evidence],
    asset: symbol,
    received: fmt(hit.received),
    receivedBase: hit.received.toString(),
    txHashes: [...new Set(outputs.map((o) => o.txid))].sort(compare),
    outputs: outputs.map((o) => ({
      txHash: o.txid,
      outputIndex: o.vout,
      block: o.block?.height ?? null,
    })),
    firstSeen: times.length > 0 ? isoTime(Math.min(...times)) : null,
    hops: hit.hops,
    flags: [...hit.flags],
    ...attributionFields(hit, hit.labels, heuristics),
  }
}

function toUnexplored(
  e: Endpoint,
  chain: string,
  symbol: string,
  fmt: (value: bigint) => string,
): Unexplored {
  const item: Unexplored = {
    amount: fmt(e.taint),
    amountBase: e.taint.toString(),
    chain,
    asset: symbol,
    address: e.address,
    txHash: e.txid,
    outputIndex: e.vout,
    reason: e.reason,
    detail: e.detail,
    hops: e.hop,
  }
  if (e.entity !== null) item.entity = e.entity
  if (e.labels.length === 0) return item
  // Issue 6: a labelled stop shows every label, its flags and any conflict.
  if (e.category !== null) item.category = e.category
  item.labels = e.labels.map(labelRef)
  item.flags = [...e.flags]
  if (e.confidence !== null) item.confidence = e.confidence
  const conflict = labelConflict(e.labels)
  if (conflict) item.conflict = conflict
  return item
}

function toAtRest(
  e: Endpoint,
  chain: string,
  symbol: string,
  fmt: (value: bigint) => string,
  asOfBlock: number,
): AtRest {
  return {
    amount: fmt(e.taint),
    amountBase: e.taint.toString(),
    chain,
    address: e.address,
    asset: symbol,
    txHash: e.txid,
    outputIndex: e.vout,
    value: fmt(e.value),
    asOfBlock,
    hops: e.hop,
  }
}

function labelRef(label: Label): LabelRef {
  const ref: LabelRef = {
    entity: label.entity,
    category: label.category,
    source: label.source,
    confidence: label.confidence,
  }
  if (label.retrieved !== undefined) ref.retrieved = label.retrieved
  return ref
}

function sortByAmount(endpoints: readonly Endpoint[]): Endpoint[] {
  return [...endpoints].sort(
    (a, b) =>
      (a.taint === b.taint ? 0 : a.taint > b.taint ? -1 : 1) ||
      compare(a.txid, b.txid) ||
      a.vout - b.vout ||
      compare(a.reason, b.reason),
  )
}

function byChainOrder(
  a: { block: BlockRef | null; txid: string; vout: number },
  b: typeof a,
): number {
  const ha = a.block?.height ?? Number.POSITIVE_INFINITY
  const hb = b.block?.height ?? Number.POSITIVE_INFINITY
  return (ha === hb ? 0 : ha - hb) || compare(a.txid, b.txid) || a.vout - b.vout
}

function highestBlock(endpoints: readonly Endpoint[]): number {
  return endpoints.reduce((h, e) => Math.max(h, e.block?.height ?? 0), 0)
}

export const isoTime = (seconds: number) =>
  new Date(seconds * 1000).toISOString()

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
