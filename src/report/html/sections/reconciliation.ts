/** The accounting identity with numbers, and the stop reason of every endpoint. */
import { formatUnits } from '../../../core/amount.js'
import type { AmountText } from '../../types.js'
import { code, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'

const REASONS: Record<string, string> = {
  exchange: 'reached an exchange deposit address (hit)',
  service: 'reached a labelled non-exchange service',
  unspent: 'unspent: funds at rest',
  victim: 'returned to a victim address',
  'max-hops': 'hop limit reached',
  'min-amount': 'below the minimum amount',
  coinjoin: 'spent into a CoinJoin-like tx: not followed',
  'max-nodes': 'node budget exhausted',
  'fetch-failed': 'data could not be fetched after retries',
}

function equation(ctx: SectionContext): string {
  const r = ctx.report.reconciliation
  const d = ctx.report.asset.decimals
  const base = (a: AmountText) => BigInt(a.amountBase)
  const left = base(r.stolen) + base(r.absorbed)
  const parts = [
    r.atExchanges,
    r.atServices,
    r.atRest,
    r.returnedToVictim,
    r.fees,
    r.unexplored,
  ]
  const right = parts.reduce((t, a) => t + base(a), 0n)
  // Recomputed here from the base units, so a reader need not trust `balanced`.
  const holds = left === right
  const verdict =
    r.balanced && holds
      ? '<span class="ok">balanced: true</span>'
      : `<span class="bad">balanced: ${r.balanced} (recomputed: ${holds})</span>`
  return `<div class="eq">stolen ${text(r.stolen.amount)} + absorbed ${text(r.absorbed.amount)}  =  ${text(formatUnits(left, d))}
= at exchanges ${text(r.atExchanges.amount)} + at services ${text(r.atServices.amount)} + at rest ${text(r.atRest.amount)}
  + returned to victim ${text(r.returnedToVictim.amount)} + fees ${text(r.fees.amount)} + unexplored ${text(r.unexplored.amount)}
  = ${text(formatUnits(right, d))} ${text(ctx.report.asset.symbol)}
${verdict}</div>`
}

function endpointRows(ctx: SectionContext): string[][] {
  const { report } = ctx
  const hits = report.hits.flatMap((h) =>
    h.outputs.map((o) => [
      text('exchange'),
      text(REASONS.exchange),
      code(h.address),
      `${txCell(h.chain, o.txHash)} : ${o.outputIndex}`,
      text(h.entity),
    ]),
  )
  const rest = report.atRest.map((r) => [
    text('unspent'),
    text(REASONS.unspent),
    code(r.address),
    `${txCell(r.chain, r.txHash)} : ${r.outputIndex}`,
    `${text(r.amount)} ${text(r.asset)}`,
  ])
  const other = report.unexplored.map((u) => [
    text(u.reason),
    `${text(REASONS[u.reason] ?? u.reason)}<br><span class="note">${text(u.detail)}</span>`,
    code(u.address),
    `${txCell(u.chain, u.txHash)} : ${u.outputIndex}`,
    `${u.entity ? `${text(u.entity)}; ` : ''}${text(u.amount)} ${text(u.asset)}`,
  ])
  return [...hits, ...rest, ...other]
}

export function reconciliationSection(ctx: SectionContext): string {
  return `<section id="reconciliation" class="page-break">
<h2>Reconciliation</h2>
<p>Every base unit traced from the theft is accounted for exactly (no rounding):</p>
${equation(ctx)}
<h3>Stop reason for every endpoint</h3>
${table(['Stop', 'Reason', 'Address', 'Output', 'Entity / amount'], endpointRows(ctx), { className: 'small' })}
</section>`
}
