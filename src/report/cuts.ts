/**
 * What cut the trail, named aloud: where, how much, and what would carry it
 * on. An officer must not have to infer from `unexplored` rows which stolen
 * coins are unaccounted for and how to chase them.
 */

import { amountText } from '../core/amount.js'
import { LIKELY_SERVICE } from '../trace/status.js'
import type { Endpoint } from '../trace/types.js'
import type { CaseOptions } from './case-section.js'
import { endpointOrder, withContract } from './rows.js'
import type { Cut, CutReason } from './types.js'

type Limits = Pick<CaseOptions, 'maxHops' | 'maxNodes'> & {
  /** Whole units as shown in the report. */
  minAmount: string
}

/** The cut reason of an endpoint, or null when it accounts for its taint. */
export function cutReason(
  e: Pick<Endpoint, 'reason' | 'category'>,
): CutReason | null {
  switch (e.reason) {
    case 'max-hops':
    case 'max-nodes':
    case 'min-amount':
    case 'coinjoin':
    case 'fetch-failed':
    case 'no-source':
    case 'swap-pending':
    case 'untraced':
    case 'balance-short':
      return e.reason
    case 'service':
      return e.category === LIKELY_SERVICE ? LIKELY_SERVICE : null
    default:
      return null
  }
}

/** What would continue the trail past a cut of this reason. */
export function continueWith(reason: CutReason, limits: Limits): string {
  switch (reason) {
    case 'max-hops':
      return `--max-hops N, N above ${limits.maxHops}`
    case 'max-nodes':
      return `--max-nodes N, N above ${limits.maxNodes}`
    case 'min-amount':
      return `--min-amount below ${limits.minAmount} (dust you chose not to follow; the trace stays complete)`
    case 'likely-service':
      return '--service-threshold N, N above its counterparty count'
    case 'coinjoin':
      return 'coinjoin: not followed by design'
    case 'fetch-failed':
      return 're-run to retry the failed fetch'
    case 'no-source':
      return "the destination chain's source (see the endpoint's detail)"
    case 'swap-pending':
      return "re-run once the swap or bridge has paid out; watch the memo's destination or the bridge's recipient"
    case 'untraced':
      return '--rpc-url of a node with callTracer or trace_transaction, or --explorer-url'
    case 'balance-short':
      return 'the holder has less than this at the as-of block: read its history on another explorer or node'
  }
}

export function cutsOf(
  endpoints: readonly Endpoint[],
  chain: string,
  limits: Limits,
): Cut[] {
  return [...endpoints].sort(endpointOrder).flatMap((e) => {
    const reason = cutReason(e)
    if (reason === null) return []
    const cut: Cut = withContract(
      {
        reason,
        ...amountText(e.taint, e.asset.decimals),
        chain: e.asset.chain || chain,
        asset: e.asset.symbol,
        address: e.address,
        txHash: e.txid,
        outputIndex: e.vout,
        hops: e.hop,
        flag:
          reason === 'no-source'
            ? (/continue with (.+)$/.exec(
                e.detail.split('; memo')[0] ?? '',
              )?.[1] ?? continueWith(reason, limits))
            : continueWith(reason, limits),
      },
      e.asset,
    )
    return [cut]
  })
}
