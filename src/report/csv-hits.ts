/** hits.csv: one row per exchange deposit address reached. */
import { toCsv } from './csv-cell.js'
import type { Report } from './types.js'
import { USD_COLUMNS, usdCells } from './usd-cells.js'

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
