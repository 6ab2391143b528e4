/** The accounting identity with numbers, and the stop reason of every endpoint. */
import { formatUnits } from '../../../core/amount.js'
import { endpoints } from '../../endpoints.js'
import { sharedSymbol } from '../../reconciliation.js'
import { STOP_REASONS } from '../../stop-reasons.js'
import type { AmountText, Reconciliation } from '../../types.js'
import { assetName } from '../../views/graph.js'
import { code, free, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'

type Line = Reconciliation & {
  symbol: string
  decimals: number
  contract?: string | undefined
}

function equation(r: Line): string {
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
  return `<div class="eq">stolen ${text(r.stolen.amount)} + absorbed ${text(r.absorbed.amount)}  =  ${text(formatUnits(left, r.decimals))}
= at exchanges ${text(r.atExchanges.amount)} + at services ${text(r.atServices.amount)} + at rest ${text(r.atRest.amount)}
  + returned to victim ${text(r.returnedToVictim.amount)} + fees ${text(r.fees.amount)} + unexplored ${text(r.unexplored.amount)}
  = ${text(formatUnits(right, r.decimals))} ${text(assetName(r.symbol, r.contract))}
${verdict}</div>`
}

/** One identity per asset on EVM; the headline one otherwise. */
function lines(ctx: SectionContext): Line[] {
  const { report } = ctx
  if (report.reconciliations?.length)
    return report.reconciliations.map((r) => ({
      ...r,
      symbol: sharedSymbol(report, r) ? `${r.asset} on ${r.chain}` : r.asset,
    }))
  return [
    {
      ...report.reconciliation,
      symbol: report.asset.symbol,
      decimals: report.asset.decimals,
      contract: report.asset.contract,
    },
  ]
}

function endpointRows(ctx: SectionContext): string[][] {
  return endpoints(ctx.report).map((e) => [
    text(e.stop),
    `${text(STOP_REASONS[e.stop] ?? e.stop)}${e.detail ? `<br><span class="note">${text(e.detail)}</span>` : ''}`,
    code(e.address),
    e.outputs
      .map((o) => `${txCell(ctx.report, e.chain, o.txHash)} : ${o.outputIndex}`)
      .join('<br>'),
    `${e.entity ? `${free(e.entity)}; ` : ''}${text(e.amount)} ${text(assetName(e.asset, e.contract))}`,
  ])
}

export function reconciliationSection(ctx: SectionContext): string {
  const all = lines(ctx)
  const identities = all
    .map((r) =>
      all.length > 1
        ? `<h3>${text(assetName(r.symbol, r.contract))}</h3>\n${equation(r)}`
        : equation(r),
    )
    .join('\n')
  return `<section id="reconciliation" class="page-break">
<h2>Reconciliation</h2>
<p>Every base unit traced from the theft is accounted for exactly (no rounding)${all.length > 1 ? ', for each asset separately' : ''}:</p>
${identities}
<h3>Stop reason for every endpoint</h3>
${table(['Stop', 'Reason', 'Address', 'Output', 'Entity / amount'], endpointRows(ctx), { className: 'small endpoints' })}
<p class="note">The same rows, with exact amounts in base units, are in endpoints.csv.</p>
</section>`
}
