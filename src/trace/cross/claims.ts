/**
 * Where two walks of one trace reach the same payment or the same address:
 * a swap's payout can land where an earlier walk already holds taint in that
 * asset (a round trip through a DEX, a payout to the thief's own address).
 * Each walk claims its share there, and the shares must not add up to more
 * than the chain moved. Under haircut and fifo each walk's share is of its
 * own tainted value, so the shares add; under poison each walk claims the
 * whole payment, so the same payment counts once.
 */
import { chainAssetKey } from '../../core/asset.js'
import type { FlowEdge } from '../../graph/flow.js'
import type {
  AssetAmount,
  Endpoint,
  PolicyName,
  TraceHit,
  TraceResult,
} from '../types.js'

export type ClaimedEndpoint = {
  endpoint: Endpoint
  model: TraceResult['model']
}

export type Combined = {
  /** Each payment or place once, by claimKey. */
  byKey: Map<string, Endpoint>
  /** Per asset: taint that two walks claimed of one payment (poison only). */
  claimedTwice: AssetAmount[]
}

/**
 * A payment is its tx and position. An account walk's stops, at-rest and
 * unexplored places are whole addresses (their tx is the walk's own last
 * inflow), so there the address is the identity.
 */
export function claimKey({ endpoint: e, model }: ClaimedEndpoint): string {
  const asset = chainAssetKey(e.asset)
  if (model === 'account' && e.reason !== 'exchange')
    return `${asset}|${e.reason}|${e.address}`
  return `${asset}|${e.reason}|${e.txid}|${e.vout}|${e.address}`
}

export function combineEndpoints(
  claims: readonly ClaimedEndpoint[],
  policy: PolicyName,
): Combined {
  const groups = new Map<string, Endpoint[]>()
  for (const claim of claims) {
    const key = claimKey(claim)
    groups.set(key, [...(groups.get(key) ?? []), claim.endpoint])
  }
  const byKey = new Map<string, Endpoint>()
  const twice = new Map<string, AssetAmount>()
  for (const [key, group] of groups) {
    const one = combineGroup(group, policy)
    byKey.set(key, one)
    const total = group.reduce((s, e) => s + e.taint, 0n)
    if (total === one.taint) continue
    const asset = chainAssetKey(one.asset)
    const seen = twice.get(asset)?.amount ?? 0n
    twice.set(asset, { asset: one.asset, amount: seen + total - one.taint })
  }
  return { byKey, claimedTwice: [...twice.values()] }
}

function combineGroup(group: readonly Endpoint[], policy: PolicyName) {
  const [first, ...rest] = group
  if (!first) throw new Error('an empty claim group')
  if (rest.length === 0) return first
  if (policy === 'poison')
    return group.reduce((a, b) => (b.taint > a.taint ? b : a))
  // One payment: its value once. One address: the walks' inflows are theirs alone.
  const samePayment = group.every(
    (e) => e.txid === first.txid && e.vout === first.vout,
  )
  return {
    ...first,
    taint: group.reduce((s, e) => s + e.taint, 0n),
    value: samePayment ? first.value : group.reduce((s, e) => s + e.value, 0n),
    hop: Math.min(...group.map((e) => e.hop)),
    evidence: [...new Set(group.flatMap((e) => e.evidence))],
  }
}

/** One hit per chain, asset and deposit address, its payments as combined. */
export function combineHits(
  hits: readonly (TraceHit & { model: TraceResult['model'] })[],
  combined: ReadonlyMap<string, Endpoint>,
): TraceHit[] {
  const byPlace = new Map<string, TraceHit>()
  for (const { model, ...hit } of hits) {
    const place = `${chainAssetKey(hit.asset)}|${hit.address}`
    const outputs = hit.outputs.map(
      (endpoint) => combined.get(claimKey({ endpoint, model })) ?? endpoint,
    )
    const seen = byPlace.get(place)
    const all = seen ? [...seen.outputs, ...outputs] : outputs
    const unique = [...new Set(all)]
    byPlace.set(place, {
      ...(seen ?? hit),
      outputs: unique,
      amount: unique.reduce((s, e) => s + e.taint, 0n),
      received: unique.reduce((s, e) => s + e.value, 0n),
      hops: Math.min(seen?.hops ?? hit.hops, hit.hops),
      evidence: [...new Set([...(seen?.evidence ?? []), ...hit.evidence])],
      flags: [...new Set([...(seen?.flags ?? []), ...hit.flags])],
    })
  }
  return [...byPlace.values()]
}

/** One edge two walks drew: its traced part as the policy combines claims. */
export function combineEdge(
  seen: FlowEdge,
  edge: FlowEdge,
  policy: PolicyName,
): FlowEdge {
  const tainted =
    policy === 'poison'
      ? seen.tainted > edge.tainted
        ? seen.tainted
        : edge.tainted
      : seen.tainted + edge.tainted
  return {
    ...seen,
    tainted: tainted > seen.amount ? seen.amount : tainted,
    hop: Math.min(seen.hop, edge.hop),
  }
}
