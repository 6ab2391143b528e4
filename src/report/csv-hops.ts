/** hops.csv: one row per graph edge, with its parent edges and labels, then the fee-only txs. */
import type { Cell } from './csv-cell.js'
import { toCsv } from './csv-cell.js'
import { FEE_ONLY_NOTE, FEE_ONLY_TO } from './fee-only.js'
import { edgeAsset, nodesById, parentEdgeIds } from './html/derive.js'
import { labelFor } from './html/derive-labels.js'
import { explorerTxUrl } from './html/escape.js'
import type { FeeOnlyTx, Report } from './types.js'
import { USD_COLUMNS, usdCells } from './usd-cells.js'

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
    // which end every CSV when present (Issue 9).
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
      explorerTxUrl(report.case.chain, e.txHash),
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
    explorerTxUrl(f.chain, f.txHash),
    f.fee,
    f.feeBase,
    f.tracedFee,
    f.tracedFeeBase,
    FEE_ONLY_NOTE,
    ...(report.fiat ? usdCells(undefined) : []),
  ]
}
