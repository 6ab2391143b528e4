/**
 * Spreadsheets for compliance teams: RFC 4180 (CRLF, quotes doubled), exact
 * decimal amounts as text next to integer base units, and every cell that a
 * spreadsheet would read as a formula prefixed with a single quote.
 */

import { toCsv } from './csv-cell.js'
import { endpointsCsv, USD_COLUMNS, usdCells } from './endpoints.js'
import {
  edgeAsset,
  labelFor,
  nodesById,
  parentEdgeIds,
  whoCanFreeze,
} from './html/derive.js'
import { explorerTxUrl } from './html/escape.js'
import type { Report } from './types.js'

export { csvCell, toCsv } from './csv-cell.js'

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

export function hopsCsv(report: Report): string {
  const nodes = nodesById(report)
  const parents = parentEdgeIds(report)
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
    ...(report.fiat ? USD_COLUMNS : []),
  ]
  const rows = report.graph.edges.map((e) => {
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
      explorerTxUrl(report.case.chain, e.txHash),
      ...(report.fiat ? usdCells(e.usd) : []),
    ]
  })
  return toCsv(header, rows)
}

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
