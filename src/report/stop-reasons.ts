import type { StopReason } from '../trace/types.js'

export const STOP_REASONS: Record<StopReason, string> = {
  exchange: 'reached an exchange deposit address (hit)',
  service: 'reached a labelled non-exchange service',
  unspent: 'unspent: funds at rest',
  victim: 'returned to a victim address',
  'max-hops': 'hop limit reached',
  'min-amount': 'below the minimum amount',
  coinjoin: 'spent into a CoinJoin-like tx: not followed',
  'max-nodes': 'node budget exhausted',
  'fetch-failed': 'data could not be fetched after retries',
  swapped: 'swapped into another asset: followed in that asset',
  'swap-pending': 'entered a swap or bridge whose payout was not found',
  'no-source': 'reached a chain with no data source given',
  untraced:
    'the node gave no internal-transfer data for a tx that moved value inside contracts',
  'balance-short':
    'reported at rest, but the address holds less at the as-of block',
}

export function nextAction(reason: StopReason): string {
  switch (reason) {
    case 'service':
      return 'ask the service to preserve its records; follow its outputs if it is a bridge or swap'
    case 'victim':
      return 'none: returned to the victim'
    case 'fetch-failed':
      return 're-run the trace when the data source is reachable'
    case 'swap-pending':
      return "ask the swap service or bridge for the payout; watch the lead (the memo's destination or the bridge's recipient)"
    case 'no-source':
      return "re-run with that chain's source (the detail names the flag)"
    case 'untraced':
      return 'trace the tx with a node that has callTracer or trace_transaction, or give an --explorer-url'
    case 'balance-short':
      return "read the address's full history on another explorer or node: the funds left by a path the sources did not show"
    case 'max-hops':
    case 'max-nodes':
      return 're-run with a higher limit to follow it further'
    default:
      return 'not followed further'
  }
}
