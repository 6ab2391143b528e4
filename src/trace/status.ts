/**
 * Whether a trace is complete, decided once for every chain model from what
 * the walk emitted. An officer reads `complete` as "every stolen coin is
 * accounted for", so anything short of that is `incomplete`.
 */

import { formatUnits } from '../core/amount.js'
import { BaseError } from '../core/errors.js'
import type { Reconciliation } from './reconcile.js'
import type { Endpoint } from './types.js'

/** An unlabelled address stopped for its activity alone (account walk). */
export const LIKELY_SERVICE = 'likely-service'

/**
 * Does this endpoint account for its taint? Exchanges and labelled services
 * are named, unspent outputs and balances are verified at rest, victims got
 * theirs back. Dust under the user's own --min-amount counts as accounted
 * for: the user chose not to chase it, and the cuts list still names it.
 */
export function accountsFor(e: Pick<Endpoint, 'reason' | 'category'>): boolean {
  switch (e.reason) {
    case 'exchange':
    case 'swapped':
    case 'unspent':
    case 'victim':
    case 'min-amount':
      return true
    case 'service':
      return e.category !== LIKELY_SERVICE
    default:
      return false
  }
}

export type StatusInput = {
  endpoints: readonly Pick<Endpoint, 'reason' | 'category'>[]
  reconciliations: readonly Pick<Reconciliation, 'balanced'>[]
  /** Transfers the sources disagree on (account chains). */
  discrepancies?: number | undefined
}

/**
 * complete: every endpoint accounts for its taint, every asset's books
 * balance and no source disagreed. Else incomplete.
 */
export function traceStatus(input: StatusInput): 'complete' | 'incomplete' {
  const accounted =
    input.endpoints.every(accountsFor) &&
    input.reconciliations.every((r) => r.balanced) &&
    (input.discrepancies ?? 0) === 0
  return accounted ? 'complete' : 'incomplete'
}

/** Books that do not balance mean the walk lost or invented value: a bug, not a finding. */
export class UnbalancedBooksError extends BaseError {
  override name = 'UnbalancedBooksError'
  readonly asset: string
  readonly difference: bigint
  constructor(asset: string, difference: bigint, decimals: number) {
    const sign = difference > 0n ? 'more' : 'less'
    super(
      `the books do not balance for ${asset}: endpoints and fees account for ${formatUnits(difference < 0n ? -difference : difference, decimals)} ${asset} ${sign} than was stolen`,
      {
        details:
          'stolen + absorbed must equal exchanges + services + at rest + returned + fees + unexplored; this is a fundtrace bug, please report it with the case',
      },
    )
    this.asset = asset
    this.difference = difference
  }
}

type Books = Pick<
  Reconciliation,
  | 'asset'
  | 'stolen'
  | 'absorbed'
  | 'atExchanges'
  | 'atServices'
  | 'atRest'
  | 'returnedToVictim'
  | 'fees'
  | 'unexplored'
  | 'balanced'
> &
  Partial<Pick<Reconciliation, 'receivedBySwap' | 'swapped'>>

/** Throws on the first asset whose books do not balance. */
export function assertBalanced(reconciliations: readonly Books[]): void {
  for (const r of reconciliations) {
    if (r.balanced) continue
    const landed =
      r.atExchanges +
      r.atServices +
      r.atRest +
      r.returnedToVictim +
      r.fees +
      r.unexplored +
      (r.swapped ?? 0n)
    throw new UnbalancedBooksError(
      r.asset.contract
        ? `${r.asset.symbol} (${r.asset.contract})`
        : r.asset.symbol,
      landed - (r.stolen + (r.receivedBySwap ?? 0n) + r.absorbed),
      r.asset.decimals,
    )
  }
}
