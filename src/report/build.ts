/** report.json from a TraceResult: decimal strings at the edge, stable order everywhere. */
import { formatUnits, parseUnits } from '../core/amount.js'
import type { Seed } from '../core/seeds.js'
import type { Asset, BlockRef, Label } from '../core/types.js'
import { exportGraph } from '../graph/export.js'
import { policies } from '../trace/policy.js'
import type { Endpoint, TraceHit, TraceResult } from '../trace/types.js'
import { buildAlerts, hitBasis, labelConflict } from './attribution.js'
import { reconcile } from './reconcile.js'
import {
  type AtRest,
  type Hit,
  type LabelRef,
  type PolicyName,
  type Report,
  SCHEMA_VERSION,
  type SourceUse,
  type Unexplored,
} from './types.js'

export type BuildReportContext = {
  chain: string
  asset: Asset
  seeds: readonly Seed[]
  victims: readonly string[]
  options: {
    maxHops: number
    maxNodes: number
    /** Base units, or whole units as text ("0.00001"). */
    minAmount: bigint | string
    policy: PolicyName
  }
  generatedAt: string
  toolVersion: string
  sources: readonly SourceUse[]
}

export function buildReport(
  result: TraceResult,
  ctx: BuildReportContext,
): Report {
  const { decimals, symbol } = ctx.asset
  const fmt = (value: bigint) => formatUnits(value, decimals)
  const text = (value: bigint) => ({
    amount: fmt(value),
    amountBase: value.toString(),
  })
  const asOf = result.tipHeight ?? highestBlock(result.endpoints)
  const minAmount =
    typeof ctx.options.minAmount === 'bigint'
      ? ctx.options.minAmount
      : parseUnits(ctx.options.minAmount, decimals)
  const rest = result.endpoints.filter((e) => e.reason === 'unspent')
  const unexplored = result.endpoints.filter(
    (e) => e.reason !== 'unspent' && e.reason !== 'exchange',
  )
  const hits = result.hits.map((hit) =>
    toHit(hit, ctx.chain, symbol, fmt, result.heuristics),
  )
  const unexploredRows = sortByAmount(unexplored).map((e) =>
    toUnexplored(e, ctx.chain, symbol, text),
  )
  const asset = { symbol, decimals }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'fundtrace', version: ctx.toolVersion },
    generatedAt: ctx.generatedAt,
    case: {
      chain: ctx.chain,
      seeds: ctx.seeds.map(caseSeed),
      victims: [...new Set(ctx.victims)],
      options: {
        maxHops: ctx.options.maxHops,
        minAmount: fmt(minAmount),
        maxNodes: ctx.options.maxNodes,
        policy: ctx.options.policy,
      },
    },
    policy: {
      name: result.policy,
      description: policies[result.policy].description,
    },
    asset,
    status: result.status,
    alerts: buildAlerts({ hits, unexplored: unexploredRows, asset }),
    reconciliation: reconcile(result),
    hits,
    atRest: sortByAmount(rest).map(
      (e): AtRest => ({
        ...text(e.taint),
        chain: ctx.chain,
        address: e.address,
        asset: symbol,
        txHash: e.txid,
        outputIndex: e.vout,
        value: fmt(e.value),
        asOfBlock: asOf,
        hops: e.hop,
      }),
    ),
    unexplored: unexploredRows,
    heuristics: result.heuristics.map((h) => ({ ...h })),
    graph: exportGraph(result.graph),
    sources: ctx.sources.map((s) => ({ ...s })),
    stats: {
      hops: result.maxHopReached,
      txs: result.txsProcessed,
      requests: ctx.sources.reduce((n, s) => n + s.requests, 0),
    },
  }
}

/** Stable JSON: 2-space indent and a trailing newline. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

function caseSeed(seed: Seed): Report['case']['seeds'][number] {
  if (seed.kind === 'tx')
    return seed.outputs
      ? {
          kind: 'tx',
          txid: seed.txid,
          outputs: [...seed.outputs].sort((a, b) => a - b),
        }
      : { kind: 'tx', txid: seed.txid }
  return seed.since === undefined
    ? { kind: 'address', address: seed.address }
    : { kind: 'address', address: seed.address, since: isoTime(seed.since) }
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
    ...attributionDetail(hit, heuristics),
  }
}

/** Issue 6: every label and heuristic behind the hit; conflicts named. */
function attributionDetail(
  hit: TraceHit,
  heuristics: TraceResult['heuristics'],
): Pick<Hit, 'basis' | 'conflict'> {
  const conflict = labelConflict(hit.labels)
  const basis = hitBasis(hit, hit.labels, heuristics)
  return conflict ? { basis, conflict } : { basis }
}

function toUnexplored(
  e: Endpoint,
  chain: string,
  symbol: string,
  text: (value: bigint) => { amount: string; amountBase: string },
): Unexplored {
  const item: Unexplored = {
    ...text(e.taint),
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

const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString()

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
