/** Where the stolen value ended up, per asset, summed from the endpoints and checked to balance. */

import { chainAssetKey as assetKey } from '../core/asset.js'
import type { Asset } from '../core/types.js'
import type { AssetAmount, Endpoint, StopReason, TraceResult } from './types.js'

/**
 * stolen + receivedBySwap + absorbed = atExchanges + atServices + atRest +
 * returnedToVictim + fees + unexplored + swapped, when balanced.
 */
export type Reconciliation = {
  asset: Asset
  stolen: bigint
  /** What swaps paid out in this asset: its books begin here. */
  receivedBySwap: bigint
  /** What left this asset through swaps. */
  swapped: bigint
  atExchanges: bigint
  atServices: bigint
  atRest: bigint
  returnedToVictim: bigint
  fees: bigint
  unexplored: bigint
  absorbed: bigint
  /** Computed, not assumed: false means the walk lost or invented value. */
  balanced: boolean
}

type Bucket =
  | 'atExchanges'
  | 'atServices'
  | 'atRest'
  | 'returnedToVictim'
  | 'unexplored'
  | 'swapped'

const bucketOf: Record<StopReason, Bucket> = {
  exchange: 'atExchanges',
  service: 'atServices',
  unspent: 'atRest',
  victim: 'returnedToVictim',
  'max-hops': 'unexplored',
  'min-amount': 'unexplored',
  coinjoin: 'unexplored',
  'max-nodes': 'unexplored',
  'fetch-failed': 'unexplored',
  swapped: 'swapped',
  'swap-pending': 'unexplored',
  'no-source': 'unexplored',
  untraced: 'unexplored',
  'balance-short': 'unexplored',
}

/** One reconciliation per asset, in the order the stolen amounts list them. */
export function reconcile(
  result: Pick<TraceResult, 'stolen' | 'absorbed' | 'fees'> & {
    endpoints: readonly Pick<Endpoint, 'reason' | 'taint' | 'asset'>[]
    receivedBySwap?: readonly AssetAmount[] | undefined
  },
): Reconciliation[] {
  const assets = new Map<string, Asset>()
  for (const { asset } of [
    ...result.stolen,
    ...(result.receivedBySwap ?? []),
    ...result.endpoints,
    ...result.absorbed,
    ...result.fees,
  ])
    if (!assets.has(assetKey(asset))) assets.set(assetKey(asset), asset)
  return [...assets.values()].map((asset) => reconcileAsset(result, asset))
}

function reconcileAsset(
  result: Parameters<typeof reconcile>[0],
  asset: Asset,
): Reconciliation {
  const key = assetKey(asset)
  const buckets: Record<Bucket, bigint> = {
    atExchanges: 0n,
    atServices: 0n,
    atRest: 0n,
    returnedToVictim: 0n,
    unexplored: 0n,
    swapped: 0n,
  }
  for (const e of result.endpoints)
    if (assetKey(e.asset) === key) buckets[bucketOf[e.reason]] += e.taint
  const stolen = amountOf(result.stolen, key)
  const receivedBySwap = amountOf(result.receivedBySwap ?? [], key)
  const absorbed = amountOf(result.absorbed, key)
  const fees = amountOf(result.fees, key)
  const landed =
    buckets.atExchanges +
    buckets.atServices +
    buckets.atRest +
    buckets.returnedToVictim +
    fees +
    buckets.unexplored +
    buckets.swapped
  return {
    asset,
    stolen,
    receivedBySwap,
    ...buckets,
    fees,
    absorbed,
    balanced: stolen + receivedBySwap + absorbed === landed,
  }
}

function amountOf(list: readonly AssetAmount[], key: string): bigint {
  return list
    .filter((a) => assetKey(a.asset) === key)
    .reduce((sum, a) => sum + a.amount, 0n)
}
