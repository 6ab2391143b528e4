/**
 * Value a tx passed on inside contracts, when no tracer told it truly: the
 * walk saw it arrive at the called contract and nothing leave, so it would
 * read as "still held" there. It is a cut instead, named with the tx.
 */
import { reconcile } from '../../trace/reconcile.js'
import { traceStatus } from '../../trace/status.js'
import type { Endpoint, TraceResult } from '../../trace/types.js'
import type { UntracedTx } from './rpc-reader.js'

export function markUntraced(
  result: TraceResult,
  untraced: readonly UntracedTx[],
): { result: TraceResult; limitations: string[] } {
  if (untraced.length === 0) return { result, limitations: [] }
  const byTo = new Map(untraced.map((tx) => [tx.to, tx]))
  const endpoints = result.endpoints.map((e): Endpoint => {
    const tx = e.address === null ? undefined : byTo.get(e.address)
    if (!tx || e.reason !== 'unspent' || e.asset.contract) return e
    return {
      ...e,
      reason: 'untraced',
      detail: `not followed: ${tx.why}, so where tx ${tx.txHash} sent value on inside contracts is unknown`,
    }
  })
  const limitations = untraced.map(
    (tx) =>
      `${tx.why}: the internal transfers of ${tx.txHash} are unknown, and value it passed on from ${tx.to} was not followed (use a node with callTracer or trace_transaction, or give an --explorer-url)`,
  )
  const status = traceStatus({
    endpoints,
    reconciliations: reconcile({ ...result, endpoints }),
  })
  return { result: { ...result, endpoints, status }, limitations }
}
