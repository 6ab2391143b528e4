/**
 * Spreadsheets for compliance teams: RFC 4180 (CRLF, quotes doubled), exact
 * decimal amounts as text next to integer base units, and every cell that a
 * spreadsheet would read as a formula prefixed with a single quote.
 */
import { csvSafe } from '../core/text-safety.js'
import { endpointsCsv } from './endpoints.js'
import { FEE_ONLY_NOTE, FEE_ONLY_TO } from './fee-only.js'
import type { FeeOnlyTx, Report } from './types.js'
import { USD_COLUMNS, usdCells } from './usd-cells.js'
import { reportTxUrl } from './views/explorer.js'
import { edgeAsset, nodesById, parentEdgeIds } from './views/graph.js'
import { labelFor } from './views/labels.js'
import { whoCanFreeze } from './views/who-can-freeze.js'

/** File name → CSV text, for the bundle. */
export function reportCsvs(report: Report): Record<string, string> {
  return {
    'hits.csv': hitsCsv(report),
    'hops.csv': hopsCsv(report),
    'at-rest.csv': atRestCsv(report),
    'unexplored.csv': unexploredCsv(report),
    'endpoints.csv': endpointsCsv(report),
  }
}

export type Cell = string | number | null | undefined

/** One RFC 4180 cell: unsafe characters removed, formulas neutralised, quoted when needed. */
export function csvCell(value: Cell): string {
  const text = csvSafe(value == null ? '' : String(value))
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(
  header: readonly string[],
  rows: readonly Cell[][],
): string {
  return [header, ...rows]
    .map((row) => `${row.map(csvCell).join(',')}\r\n`)
    .join('')
}

/** hits.csv: one row per exchange deposit address reached. */
export function hitsCsv(report: Report): string {
  const header = [
    'venue',
    'category',
    'chain',
    'asset',
    'contract',
    'deposit_address',
    'deposit_tx_hashes',
    'deposit_outputs',
    'blocks',
    'first_seen_utc',
    'received',
    'received_base',
    'traced',
    'traced_base',
    'policy',
    'attribution',
    'confidence',
    'evidence',
    'label_sources',
    'hops',
    'flags',
    ...(report.fiat ? USD_COLUMNS : []),
  ]
  const rows = report.hits.map((h) => [
    h.entity,
    h.category,
    h.chain,
    h.asset,
    h.contract,
    h.address,
    h.txHashes.join(' '),
    h.outputs.map((o) => `${o.txHash}:${o.outputIndex}`).join(' '),
    h.outputs.map((o) => o.block ?? 'unconfirmed').join(' '),
    h.firstSeen,
    h.received,
    h.receivedBase,
    h.amount,
    h.amountBase,
    report.policy.name,
    h.attribution,
    h.confidence,
    h.evidence.join(' '),
    h.labels
      .map((l) => `${l.source}${l.retrieved ? ` (${l.retrieved})` : ''}`)
      .join(' | '),
    h.hops,
    h.flags.join(' '),
    ...(report.fiat ? usdCells(h.usd) : []),
  ])
  return toCsv(header, rows)
}

/** hops.csv: one row per graph edge, with its parent edges and labels, then the fee-only txs. */
export function hopsCsv(report: Report): string {
  const header = [
    'edge_id',
    'parent_edge_ids',
    'hop',
    'chain',
    'asset',
    'contract',
    'tx_hash',
    'output_index',
    'block',
    'time_utc',
    'from',
    'to',
    'amount',
    'amount_base',
    'traced',
    'traced_base',
    'policy',
    'to_role',
    'to_entity',
    'to_category',
    'label_source',
    'confidence',
    'explorer_url',
    // After the existing columns so none moves; before the USD columns,
    // which end every CSV when present.
    'fee',
    'fee_base',
    'traced_fee',
    'traced_fee_base',
    'note',
    ...(report.fiat ? USD_COLUMNS : []),
  ]
  return toCsv(header, [
    ...edgeRows(report),
    ...(report.feeOnly ?? []).map((f) => feeOnlyRow(report, f)),
  ])
}

function edgeRows(report: Report): Cell[][] {
  const nodes = nodesById(report)
  const parents = parentEdgeIds(report)
  return report.graph.edges.map((e) => {
    const from = nodes.get(e.source)
    const to = nodes.get(e.target)
    const label = labelFor(report, to)
    const asset = edgeAsset(report, e)
    return [
      e.id,
      (parents.get(e.id) ?? []).join(' '),
      e.hop,
      report.case.chain,
      asset.symbol,
      asset.contract,
      e.txHash,
      e.outputIndex,
      e.block ?? 'unconfirmed',
      e.time,
      from?.address ?? e.source,
      to?.address ?? e.target,
      e.amount,
      e.amountBase,
      e.tainted,
      e.taintedBase,
      e.policy,
      to?.role,
      label?.entity,
      label?.category,
      label?.source,
      label?.confidence,
      reportTxUrl(report, report.case.chain, e.txHash),
      e.fee,
      e.feeBase,
      e.tracedFee,
      e.tracedFeeBase,
      '',
      ...(report.fiat ? usdCells(e.usd) : []),
    ]
  })
}

/**
 * A tx whose traced fee has no edge: amounts 0 (nothing traced left it but
 * the fee), the payers as "from", and its own id so no edge can match it.
 */
function feeOnlyRow(report: Report, f: FeeOnlyTx): Cell[] {
  return [
    `${f.txHash}:fee`,
    '',
    f.hop,
    f.chain,
    f.asset,
    '',
    f.txHash,
    '',
    f.block ?? 'unconfirmed',
    f.time,
    f.from.join(' '),
    FEE_ONLY_TO,
    '0',
    '0',
    '0',
    '0',
    report.policy.name,
    '',
    '',
    '',
    '',
    '',
    reportTxUrl(report, f.chain, f.txHash),
    f.fee,
    f.feeBase,
    f.tracedFee,
    f.tracedFeeBase,
    FEE_ONLY_NOTE,
    ...(report.fiat ? usdCells(undefined) : []),
  ]
}

// at-rest.csv and unexplored.csv: where the trace stopped short of a venue.

export function atRestCsv(report: Report): string {
  const header = [
    'chain',
    'asset',
    'contract',
    'address',
    'tx_hash',
    'output_index',
    'value',
    'traced',
    'traced_base',
    'as_of_block',
    'hops',
    'who_can_freeze',
  ]
  const rows = report.atRest.map((r) => [
    r.chain,
    r.asset,
    r.contract,
    r.address,
    r.txHash,
    r.outputIndex,
    r.value,
    r.amount,
    r.amountBase,
    r.asOfBlock,
    r.hops,
    whoCanFreeze(report, r),
  ])
  return toCsv(header, rows)
}

export function unexploredCsv(report: Report): string {
  const header = [
    'chain',
    'asset',
    'contract',
    'address',
    'tx_hash',
    'output_index',
    'reason',
    'detail',
    'entity',
    'category',
    'traced',
    'traced_base',
    'hops',
  ]
  const rows = report.unexplored.map((u) => [
    u.chain,
    u.asset,
    u.contract,
    u.address,
    u.txHash,
    u.outputIndex,
    u.reason,
    u.detail,
    u.entity,
    u.category,
    u.amount,
    u.amountBase,
    u.hops,
  ])
  return toCsv(header, rows)
}
