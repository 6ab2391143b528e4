/** Turns the run's state into a TraceResult: merged endpoints, grouped hits. */
import type { BlockRef } from '../core/types.js'
import { exportGraph } from '../graph/export.js'
import { markNode, outputNodeId } from '../graph/flowGraph.js'
import { attributeLabels } from './attribution.js'
import type { TraceContext } from './context.js'
import { reconcile } from './reconcile.js'
import { traceStatus } from './status.js'
import { compare } from './stops.js'
import type { Endpoint, HeuristicHit, TraceHit, TraceResult } from './types.js'

export function finishTrace(
  ctx: TraceContext,
  tipHeight: number | null,
): TraceResult {
  const endpoints = mergeEndpoints(ctx.endpoints)
  for (const endpoint of endpoints)
    markNode(ctx.graph, {
      node: outputNodeId(
        endpoint.txid,
        endpoint.vout,
        endpoint.address,
        endpoint.reason === 'unspent',
      ),
      reason: endpoint.reason,
      entity: endpoint.entity,
      category: endpoint.category,
    })
  for (const victim of ctx.stops.victims)
    markNode(ctx.graph, { node: victim, role: 'victim' })
  const { asset } = ctx.adapter
  const books = {
    stolen: [{ asset, amount: ctx.stolen }],
    absorbed: [{ asset, amount: ctx.absorbed }],
    fees: [{ asset, amount: ctx.fees }],
    endpoints,
  }
  return {
    model: 'utxo',
    chain: ctx.adapter.chain,
    status: traceStatus({ endpoints, reconciliations: reconcile(books) }),
    policy: { name: ctx.policy.name, description: ctx.policy.description },
    nativeAsset: asset,
    stolen: books.stolen,
    absorbed: books.absorbed,
    fees: books.fees,
    txFees: ctx.txFees,
    endpoints,
    hits: groupHits(endpoints),
    flow: exportGraph(ctx.graph),
    heuristics: uniqueHeuristics(ctx.heuristics),
    limitations: [],
    stats: { hops: ctx.maxHop, txs: ctx.processed.size },
    seedTxs: [...ctx.seedTxids].sort(compare),
    victims: [...ctx.stops.victims].sort(compare),
    tipHeight,
  }
}

/** One endpoint per output and reason: late taint deltas add up. */
function mergeEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  const merged = new Map<string, Endpoint>()
  for (const endpoint of endpoints) {
    const key = `${endpoint.txid}:${endpoint.vout}:${endpoint.reason}`
    const existing = merged.get(key)
    if (!existing) merged.set(key, { ...endpoint })
    else {
      existing.taint += endpoint.taint
      existing.hop = Math.min(existing.hop, endpoint.hop)
    }
  }
  return [...merged.values()].sort(
    (a, b) =>
      a.hop - b.hop ||
      compare(a.txid, b.txid) ||
      a.vout - b.vout ||
      compare(a.reason, b.reason),
  )
}

/** Hits per deposit address: Σ taint and Σ full value of what it received. */
function groupHits(endpoints: readonly Endpoint[]): TraceHit[] {
  const hits = new Map<string, TraceHit>()
  for (const e of endpoints) {
    if (e.reason !== 'exchange') continue
    const address = e.address ?? `${e.txid}:${e.vout}`
    const hit = hits.get(address) ?? {
      address,
      asset: e.asset,
      entity: e.entity ?? 'unknown',
      category: e.category ?? 'exchange',
      attribution: e.attribution ?? 'label',
      confidence: e.confidence ?? 'low',
      labels: [],
      evidence: [],
      amount: 0n,
      received: 0n,
      outputs: [],
      hops: e.hop,
      flags: [],
    }
    hit.amount += e.taint
    hit.received += e.value
    hit.outputs.push(e)
    hit.hops = Math.min(hit.hops, e.hop)
    hit.evidence = [...new Set([...hit.evidence, ...e.evidence])].sort(compare)
    hit.flags = [...new Set([...hit.flags, ...e.flags])].sort(compare)
    for (const label of e.labels)
      if (!hit.labels.some((l) => sameLabel(l, label))) hit.labels.push(label)
    hits.set(address, hit)
  }
  for (const hit of hits.values()) hit.outputs.sort(byChainOrder)
  return [...hits.values()]
    .map(withDepositAttribution)
    .sort(
      (a, b) =>
        (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1) ||
        compare(a.address, b.address),
    )
}

/**
 * A deposit swept more than once may be swept into different exchanges'
 * wallets: whom it belongs to is decided over all its sweeps' labels.
 */
function withDepositAttribution(hit: TraceHit): TraceHit {
  if (hit.attribution !== 'deposit-sweep') return hit
  const found = attributeLabels(hit.labels)
  if (!found) return hit
  const { entity, confidence, candidates, labels } = found
  return { ...hit, entity, confidence, candidates, labels }
}

function byChainOrder(
  a: { block: BlockRef | null; txid: string; vout: number },
  b: typeof a,
): number {
  const ha = a.block?.height ?? Number.POSITIVE_INFINITY
  const hb = b.block?.height ?? Number.POSITIVE_INFINITY
  return (ha === hb ? 0 : ha - hb) || compare(a.txid, b.txid) || a.vout - b.vout
}

const sameLabel = (a: Endpoint['labels'][number], b: typeof a) =>
  a.address === b.address &&
  a.entity === b.entity &&
  a.category === b.category &&
  a.source === b.source

function uniqueHeuristics(list: readonly HeuristicHit[]): HeuristicHit[] {
  const seen = new Map<string, HeuristicHit>()
  for (const h of list) seen.set(`${h.rule}|${h.txHash}|${h.detail}`, h)
  return [...seen.values()].sort(
    (a, b) =>
      compare(a.txHash, b.txHash) ||
      compare(a.rule, b.rule) ||
      compare(a.detail, b.detail),
  )
}
