/**
 * One TraceResult from the walks of a cross-chain trace: each leg's
 * endpoints, hits, flow and books side by side, every record stamped with its
 * chain, and the swaps that tie the legs together. The seed leg's stolen
 * amounts stay the stolen amounts; a later leg's starting amounts are
 * `received by swap` in that asset's own books.
 */
import { chainAssetKey } from '../../core/asset.js'
import type { FlowEdge, FlowNode } from '../../graph/flow.js'
import { reconcile } from '../reconcile.js'
import { traceStatus } from '../status.js'
import type {
  AssetAmount,
  Endpoint,
  PolicyName,
  SwapEdge,
  TraceHit,
  TraceResult,
} from '../types.js'
import { combineEdge, combineEndpoints, combineHits } from './claims.js'

export type Leg = {
  result: TraceResult
  /** The leg's endpoints after its swaps were settled (replacing result.endpoints). */
  endpoints: Endpoint[]
  /** Hops already taken before this leg's seed (0 for the seed leg). */
  hopOffset: number
}

export function mergeLegs(
  legs: readonly Leg[],
  swaps: readonly SwapEdge[],
): TraceResult {
  const [seed, ...later] = legs
  if (!seed) throw new Error('mergeLegs needs the seed leg')
  const policy = seed.result.policy.name
  const claims = combinedClaims(legs, policy)
  const { endpoints } = claims
  const books = {
    stolen: seed.result.stolen,
    receivedBySwap: sumByAsset(later.flatMap((l) => l.result.stolen)),
    absorbed: claims.absorbed,
    fees: sumByAsset(legs.flatMap((l) => l.result.fees)),
    endpoints,
  }
  const all = legs.map((l) => l.result)
  return {
    ...seed.result,
    status: traceStatus({ endpoints, reconciliations: reconcile(books) }),
    ...books,
    txFees: all.flatMap((r) => r.txFees),
    hits: combineHits(
      legs.flatMap((l) =>
        l.result.hits.map((h) => ({
          ...shiftedHit(h, l),
          model: l.result.model,
        })),
      ),
      claims.byKey,
    ),
    flow: mergeFlows(legs, policy),
    heuristics: all.flatMap((r) => r.heuristics),
    limitations: [
      ...new Set([...all.flatMap((r) => r.limitations), ...claims.limitations]),
    ],
    stats: {
      hops: Math.max(...legs.map((l) => l.result.stats.hops + l.hopOffset)),
      txs: all.reduce((n, r) => n + r.stats.txs, 0),
      ...(all.some((r) => r.stats.addresses !== undefined)
        ? { addresses: all.reduce((n, r) => n + (r.stats.addresses ?? 0), 0) }
        : {}),
    },
    chains: [...new Set(all.map((r) => r.chain))],
    swaps: [...swaps],
  }
}

/**
 * The legs' endpoints with each payment or place counted once (see claims.ts);
 * poison's double claims come out of what it absorbed. Should that go below
 * zero the claims are not what claims.ts expects: they are kept as the walks
 * made them, and said.
 */
function combinedClaims(legs: readonly Leg[], policy: PolicyName) {
  const claimed = legs.flatMap((l) =>
    l.endpoints.map((e) => ({
      endpoint: shifted(e, l),
      model: l.result.model,
    })),
  )
  const absorbed = sumByAsset(legs.flatMap((l) => l.result.absorbed))
  const { byKey, claimedTwice } = combineEndpoints(claimed, policy)
  const less = lessByAsset(absorbed, claimedTwice)
  if (!less)
    return {
      endpoints: claimed.map((c) => c.endpoint),
      absorbed,
      byKey: new Map<string, Endpoint>(),
      limitations: [
        'two walks of this trace claimed the same payments beyond what poison absorbed; their claims are listed as each walk made them',
      ],
    }
  return {
    endpoints: [...byKey.values()],
    absorbed: less,
    byKey,
    limitations: [],
  }
}

function lessByAsset(
  from: readonly AssetAmount[],
  minus: readonly AssetAmount[],
): AssetAmount[] | undefined {
  const left = new Map(from.map((a) => [chainAssetKey(a.asset), { ...a }]))
  for (const { asset, amount } of minus) {
    const key = chainAssetKey(asset)
    const have = left.get(key)?.amount ?? 0n
    if (have < amount) return undefined
    left.set(key, { asset, amount: have - amount })
  }
  return [...left.values()]
}

function shifted(e: Endpoint, leg: Leg): Endpoint {
  return { ...e, hop: e.hop + leg.hopOffset }
}

function shiftedHit(h: TraceHit, leg: Leg): TraceHit {
  return {
    ...h,
    hops: h.hops + leg.hopOffset,
    outputs: h.outputs.map((e) => shifted(e, leg)),
  }
}

/** Every leg's nodes and edges with their chain; a node two legs reach is drawn once. */
function mergeFlows(
  legs: readonly Leg[],
  policy: PolicyName,
): TraceResult['flow'] {
  const nodes = new Map<string, FlowNode>()
  const edges = new Map<string, FlowEdge>()
  for (const { result, hopOffset } of legs) {
    for (const n of result.flow.nodes) {
      const node = { ...n, hop: n.hop + hopOffset, chain: result.chain }
      const seen = nodes.get(n.id)
      if (!seen || node.hop < seen.hop) nodes.set(n.id, node)
    }
    for (const e of result.flow.edges) {
      const edge = { ...e, hop: e.hop + hopOffset, chain: result.chain }
      const seen = edges.get(e.id)
      edges.set(e.id, seen ? combineEdge(seen, edge, policy) : edge)
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] }
}

function sumByAsset(list: readonly AssetAmount[]): AssetAmount[] {
  const sums = new Map<string, AssetAmount>()
  for (const { asset, amount } of list) {
    const key = chainAssetKey(asset)
    const seen = sums.get(key)
    sums.set(key, { asset, amount: (seen?.amount ?? 0n) + amount })
  }
  return [...sums.values()]
}
