/**
 * The settled account walk told as the TraceResult every model emits: each
 * hit, stop, balance and skipped address becomes an endpoint naming the
 * tainted inflows that put the funds there.
 */

import { assetKey } from '../../core/asset.js'
import type { Asset } from '../../core/types.js'
import { endpointOf } from '../endpoint.js'
import { reconcile } from '../reconcile.js'
import { LIKELY_SERVICE, traceStatus } from '../status.js'
import type { Endpoint, PolicyName, TraceHit, TraceResult } from '../types.js'
import { accountFlow, positionOf } from './flow.js'
import { flagsOf } from './label-kinds.js'
import { ACCOUNT_POLICY_TEXT } from './policies.js'
import type {
  AccountEdge,
  AccountHit,
  AccountStop,
  AccountUnexplored,
  Settlement,
} from './types.js'

/** Tainted inflows into an address of one asset, in chain order. */
type Inflows = (address: string, asset: Asset) => AccountEdge[]

/** What the walk was asked, as the result repeats it. */
export type WalkFacts = {
  chain: string
  nativeAsset: Asset
  policy: PolicyName
  seedTxs: readonly string[]
  victims: readonly string[]
}

export function emitAccountResult(
  walked: Settlement,
  facts: WalkFacts,
): TraceResult {
  const settled = withoutSweeps(walked)
  const inflows = inflowIndex(settled.edges)
  const hits = settled.hits.map((h) => accountHit(h, inflows))
  const endpoints = [
    ...hits.flatMap((h) => h.outputs),
    ...settled.atRest.map((r) =>
      endpointAt(r, inflows, { reason: 'unspent', detail: '' }),
    ),
    ...settled.unexplored
      .filter((u) => u.amount > 0n || u.reason === 'fetch-failed')
      .map((u) => endpointAt(u, inflows, skippedStop(u))),
    ...settled.stops
      .filter((s) => s.amount > 0n)
      .map((s) => endpointAt(s, inflows, labelledStop(s))),
  ]
  return {
    model: 'account',
    chain: facts.chain,
    status: traceStatus({
      endpoints,
      reconciliations: reconcile({ ...settled, endpoints }),
    }),
    policy: {
      name: facts.policy,
      description: ACCOUNT_POLICY_TEXT[facts.policy],
    },
    nativeAsset: facts.nativeAsset,
    stolen: settled.stolen,
    absorbed: settled.absorbed,
    fees: settled.fees,
    txFees: settled.txFees,
    endpoints,
    hits,
    flow: accountFlow(settled, facts.victims, facts.policy),
    heuristics: settled.heuristics,
    limitations: settled.limitations,
    stats: {
      hops: settled.edges.reduce((n, e) => Math.max(n, e.hop), 0),
      txs: new Set(settled.edges.map((e) => e.txHash)).size,
      addresses: settled.addresses,
    },
    seedTxs: [...facts.seedTxs],
    victims: [...facts.victims],
    tipHeight: null,
  }
}

/** One hit per deposit address and asset; its outputs are the tainted transfers into it. */
function accountHit(h: AccountHit, inflows: Inflows): TraceHit {
  const deposit = h.attribution === 'deposit-forward'
  const hit = {
    address: h.address,
    asset: h.asset,
    // As on Bitcoin: the hit is the deposit, the label is the hot wallet's.
    entity: h.entity,
    category: deposit ? 'exchange-deposit' : h.category,
    attribution: deposit ? ('deposit-sweep' as const) : ('label' as const),
    confidence: h.confidence,
    labels: h.labels,
    evidence: h.evidence,
    flags: flagsOf(h.labels).sort(),
  }
  const outputs = inflows(h.address, h.asset).map((e) =>
    endpointOf({
      ...hit,
      reason: 'exchange',
      txid: e.txHash,
      vout: positionOf(e),
      value: e.value,
      taint: e.tainted,
      hop: h.hop,
      block: { height: e.block, time: e.time },
    }),
  )
  return {
    ...hit,
    amount: h.amount,
    received: h.received,
    outputs,
    hops: h.hop,
    ...(h.candidates ? { candidates: h.candidates } : {}),
  }
}

type Place = { address: string; asset: Asset; amount: bigint; hop: number }
type Stop = Pick<Endpoint, 'reason' | 'detail'> & Partial<Endpoint>

/** An address the funds stopped at, named by its latest tainted inflow. */
function endpointAt(place: Place, inflows: Inflows, stop: Stop): Endpoint {
  const edges = inflows(place.address, place.asset)
  const last = edges.at(-1)
  return endpointOf({
    asset: place.asset,
    address: place.address,
    txid: last?.txHash ?? '-',
    vout: last ? positionOf(last) : 0,
    value: edges.reduce((s, e) => s + e.value, 0n),
    taint: place.amount,
    hop: place.hop,
    block: last ? { height: last.block, time: last.time } : null,
    ...stop,
  })
}

/** Unlabelled high-activity addresses stop the walk as services do. */
function skippedStop(u: AccountUnexplored): Stop {
  return u.reason === 'likely-service'
    ? { reason: 'service', category: LIKELY_SERVICE, detail: u.detail }
    : { reason: u.reason, detail: u.detail }
}

function labelledStop(s: AccountStop): Stop {
  if (s.reason === 'victim')
    return { reason: 'victim', detail: 'returned to a victim address' }
  const flags = s.flags.length ? ` [${s.flags.join(',')}]` : ''
  return {
    reason: 'service',
    entity: s.entity,
    category: s.reason,
    flags: s.flags,
    labels: s.labels,
    detail: `${s.reason}${s.entity ? `: ${s.entity}` : ''}${flags}; not followed through`,
  }
}

function inflowIndex(edges: readonly AccountEdge[]): Inflows {
  const index = new Map<string, AccountEdge[]>()
  const sorted = [...edges].sort(
    (a, b) =>
      a.block - b.block ||
      a.logIndex - b.logIndex ||
      (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0),
  )
  for (const e of sorted) {
    const key = `${e.to}|${assetKey(e.asset)}`
    index.set(key, [...(index.get(key) ?? []), e])
  }
  return (address, asset) => index.get(`${address}|${assetKey(asset)}`) ?? []
}

/**
 * The sweep out of a deposit address is the evidence behind its hit (listed
 * in the hit's `evidence`), not a further hop: as on Bitcoin, it is not drawn
 * or tabled, so the hot wallet never reads as the next stop of the funds.
 */
function withoutSweeps(settled: Settlement): Settlement {
  const deposits = new Set(
    settled.hits
      .filter((h) => h.attribution === 'deposit-forward')
      .map((h) => `${h.address}|${assetKey(h.asset)}`),
  )
  const edges = settled.edges.filter(
    (e) => !deposits.has(`${e.from}|${assetKey(e.asset)}`),
  )
  return { ...settled, edges }
}
