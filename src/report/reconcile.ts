/** Where the stolen value ended up, summed independently and checked to balance. */
import { formatUnits } from '../core/amount.js'
import type { Endpoint, StopReason, TraceResult } from '../trace/types.js'
import type { AmountText, Reconciliation } from './types.js'

export type ReconciliationBase = {
  stolen: bigint
  absorbed: bigint
  atExchanges: bigint
  atServices: bigint
  atRest: bigint
  returnedToVictim: bigint
  fees: bigint
  unexplored: bigint
  balanced: boolean
}

type Bucket =
  | 'atExchanges'
  | 'atServices'
  | 'atRest'
  | 'returnedToVictim'
  | 'unexplored'

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
}

/** Bigint totals; `balanced` compares the two sides, it is not assumed. */
export function reconcileBase(
  result: Pick<TraceResult, 'stolen' | 'absorbed' | 'fees'> & {
    endpoints: readonly Pick<Endpoint, 'reason' | 'taint'>[]
  },
): ReconciliationBase {
  const buckets: Record<Bucket, bigint> = {
    atExchanges: 0n,
    atServices: 0n,
    atRest: 0n,
    returnedToVictim: 0n,
    unexplored: 0n,
  }
  for (const endpoint of result.endpoints)
    buckets[bucketOf[endpoint.reason]] += endpoint.taint
  const landed =
    buckets.atExchanges +
    buckets.atServices +
    buckets.atRest +
    buckets.returnedToVictim +
    result.fees +
    buckets.unexplored
  return {
    stolen: result.stolen,
    absorbed: result.absorbed,
    ...buckets,
    fees: result.fees,
    balanced: result.stolen + result.absorbed === landed,
  }
}

export function reconcile(
  result: Pick<
    TraceResult,
    'stolen' | 'absorbed' | 'fees' | 'endpoints' | 'asset'
  >,
): Reconciliation {
  const base = reconcileBase(result)
  const text = (value: bigint): AmountText => ({
    amount: formatUnits(value, result.asset.decimals),
    amountBase: value.toString(),
  })
  return {
    stolen: text(base.stolen),
    atExchanges: text(base.atExchanges),
    atServices: text(base.atServices),
    atRest: text(base.atRest),
    returnedToVictim: text(base.returnedToVictim),
    fees: text(base.fees),
    unexplored: text(base.unexplored),
    absorbed: text(base.absorbed),
    balanced: base.balanced,
  }
}
