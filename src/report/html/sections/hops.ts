/** One row per graph edge (every transfer the trace followed), then one per fee-only tx. */

import { utc } from '../../../core/time.js'
import { FEE_ONLY_NOTE, FEE_ONLY_TO } from '../../fee-only.js'
import type { FeeOnlyTx } from '../../types.js'
import { edgeAsset, nodesById, parentEdgeIds } from '../../views/graph.js'
import { type LabelView, labelFor } from '../../views/labels.js'
import { code, free, type Row, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'
import { usdCell } from './fiat.js'

export function hopsSection(ctx: SectionContext): string {
  const { report } = ctx
  const nodes = nodesById(report)
  const parents = parentEdgeIds(report)
  // Fees are paid in the native coin, whatever the edge moved.
  const native =
    report.reconciliations?.find((r) => !r.contract)?.asset ??
    report.asset.symbol
  const rowOf = new Map(report.graph.edges.map((e, i) => [e.id, i + 1]))
  const rows = report.graph.edges.map((e, i) => {
    const from = nodes.get(e.source)
    const to = nodes.get(e.target)
    const label = labelFor(report, to)
    const parentRows = (parents.get(e.id) ?? []).map((p) => `#${rowOf.get(p)}`)
    // EVM edges carry their own asset; Bitcoin edges are all report.asset.
    const asset = edgeAsset(report, e)
    const unit = e.asset ? ` ${text(asset.symbol)}` : ''
    return {
      className: to?.role === 'exchange' ? 'hit' : undefined,
      cells: [
        `#${i + 1}`,
        text(parentRows.join(' ') || '—'),
        String(e.hop),
        `${txCell(report, report.case.chain, e.txHash)}${e.contract ? `<br><span class="note">token contract</span> ${code(e.contract)}` : ''}`,
        String(e.outputIndex),
        text(e.block ?? 'unconfirmed'),
        text(utc(e.time)),
        code(from?.address ?? e.source),
        code(to?.address ?? e.target),
        `${text(e.amount)}${unit}`,
        `<strong>${text(e.tainted)}</strong>${unit}`,
        feeCell(e, e.asset ? ` ${text(native)}` : ''),
        ...(report.fiat ? [usdCell(e.usd, asset.symbol)] : []),
        text(e.policy),
        labelCell(label),
      ],
    }
  })
  // A fee-only row names its coin when the table names coins at all (EVM),
  // or when the fee's coin is not the report's headline asset.
  const perAsset = report.graph.edges.some((e) => e.asset)
  const unitOf = (f: FeeOnlyTx) =>
    perAsset || f.asset !== report.asset.symbol ? ` ${text(f.asset)}` : ''
  const feeOnly = (report.feeOnly ?? []).map((f, i) =>
    feeOnlyRow(f, rows.length + i + 1, unitOf(f), ctx),
  )
  return `<section id="hops" class="page-break wide">
<h2>Hop table</h2>
<p class="note">One row per traced transfer (transaction output)${feeOnly.length ? `, then one per transaction whose fee carries traced value but that has no traced output (marked "${FEE_ONLY_NOTE}": all its traced value went to the fee, or, on EVM chains, it moved nothing traced and paid its gas from traced funds), with amount 0 and "${FEE_ONLY_TO}" as recipient` : ''}. Chain ${text(report.case.chain)}; ${perAsset ? 'each amount is in the asset named next to it (tokens with their contract)' : `asset ${text(report.asset.symbol)}`}; amounts are exact; "Fee (traced)" is the network fee of the row's transaction and, in brackets, the part of it counted as traced, shown once per transaction (on its first row), so the column adds up to the fees in the reconciliation; on EVM chains "Out" is the log index (tokens), the call position (internal transfers) or 0; "traced" is the part attributed to the theft under the ${text(report.policy.name)} policy. The same rows are in hops.csv.</p>
${table(['#', 'Parent', 'Hop', 'Tx hash', 'Out', 'Block', 'Time (UTC)', 'From', 'To', 'Amount', 'Traced', 'Fee (traced)', ...(report.fiat ? ['Traced, USD'] : []), 'Policy', 'Label, source'], [...rows, ...feeOnly], { className: 'small', numeric: [9, 10, 11], widths: { 3: '10em', 7: '9em', 8: '9em', [report.fiat ? 14 : 13]: '11em' } })}
</section>`
}

/**
 * Entity and category, then on whose word: the label's source, or the sweep
 * txs of a deposit-sweep as identifiers that break at the cell edge. Labels
 * are third-party text of any length, so they may break anywhere too.
 */
function labelCell(label: LabelView | null): string {
  if (!label) return '—'
  const basis = label.sweepTxs.length
    ? `deposit-sweep (sweep tx ${label.sweepTxs.map(code).join(', ')})`
    : text(label.source)
  const confidence = label.confidence ? `; ${text(label.confidence)}` : ''
  return `${free(label.entity)} (${free(label.category)})<br><span class="note free">${basis}${confidence}</span>`
}

/** "fee (traced fee)" on a tx's first row; empty on its other rows. */
function feeCell(
  e: SectionContext['report']['graph']['edges'][number],
  unit: string,
): string {
  if (e.fee === undefined) return ''
  return `${text(e.fee)} (${text(e.tracedFee ?? '0')})${unit}`
}

/** A tx with a traced fee and no edge: its fee in the fee column, amounts 0. */
function feeOnlyRow(
  f: FeeOnlyTx,
  n: number,
  unit: string,
  { report }: SectionContext,
): Row {
  return {
    className: 'fee-only',
    cells: [
      `#${n}`,
      '—',
      text(f.hop),
      txCell(report, f.chain, f.txHash),
      '—',
      text(f.block ?? 'unconfirmed'),
      text(utc(f.time)),
      f.from.length ? f.from.map(code).join('<br>') : '—',
      text(FEE_ONLY_TO),
      `0${unit}`,
      `<strong>0</strong>${unit}`,
      `${text(f.fee)} (${text(f.tracedFee)})${unit}`,
      ...(report.fiat ? ['—'] : []),
      text(report.policy.name),
      `<span class="note">${text(FEE_ONLY_NOTE)}</span>`,
    ],
  }
}
