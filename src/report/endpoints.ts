/**
 * Every endpoint of the trace in one list — exchange hits, funds at rest,
 * labelled services, returns to the victim and branches not followed — each
 * with its stop reason. The reconciliation table and endpoints.csv share it,
 * so the two can never disagree.
 */

import { utc } from '../core/time.js'
import { toCsv } from './csv.js'
import { type Endpoint, hitRows, otherRows } from './endpoint-rows.js'
import { STOP_REASONS } from './stop-reasons.js'
import type { Report } from './types.js'
import { USD_COLUMNS, usdCells } from './usd-cells.js'

export type { Endpoint } from './endpoint-rows.js'
export { STOP_REASONS } from './stop-reasons.js'
export { USD_COLUMNS, usdCells } from './usd-cells.js'

/** Hits first, then at rest, then every other stop, in report order. */
export function endpoints(report: Report): Endpoint[] {
  return [...hitRows(report), ...otherRows(report)]
}

export function endpointsCsv(report: Report): string {
  const header = [
    'stop',
    'stop_reason',
    'chain',
    'asset',
    'contract',
    'address',
    'entity',
    'category',
    'tx_hashes',
    'outputs',
    'blocks',
    'time_utc',
    'traced',
    'traced_base',
    'received_or_output_value',
    'hops',
    'detail',
    'who_can_act',
    ...(report.fiat ? USD_COLUMNS : []),
  ]
  const rows = endpoints(report).map((e) => [
    e.stop,
    STOP_REASONS[e.stop] ?? e.stop,
    e.chain,
    e.asset,
    e.contract,
    e.address,
    e.entity,
    e.category,
    [...new Set(e.outputs.map((o) => o.txHash))].join(' '),
    e.outputs.map((o) => `${o.txHash}:${o.outputIndex}`).join(' '),
    e.outputs.map((o) => o.block ?? 'unknown').join(' '),
    e.time ? utc(e.time) : '',
    e.amount,
    e.amountBase,
    e.gross,
    e.hops,
    e.detail,
    e.action,
    ...(report.fiat ? usdCells(e.usd) : []),
  ])
  return toCsv(header, rows)
}
