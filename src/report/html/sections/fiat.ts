/** USD values at the time, wherever the report has them. */

import { utc } from '../../../core/time.js'
import { groupUsd } from '../../../prices/decimal.js'
import type { Report, UsdValue } from '../../types.js'
import { escapeHtml } from '../escape.js'
import { text } from '../table.js'
import type { SectionContext } from './context.js'

/** A table cell: "USD 1,234.56" with its price and source, or "unknown" with why. */
export function usdCell(usd: UsdValue | undefined, symbol: string): string {
  if (!usd) return '—'
  if (usd.value === null)
    return `unknown${usd.note ? `<br><span class="note">${text(usd.note)}</span>` : ''}`
  const price = usd.price
    ? `${escapeHtml(groupUsd(usd.price))} USD/${escapeHtml(symbol)}`
    : 'several prices'
  return `<strong>USD ${escapeHtml(groupUsd(usd.value))}</strong><br><span class="note">at ${price} (${text(usd.priceAt)}); ${text(usd.priceSource)}</span>`
}

/** The sentence after the stolen amount on the summary page. */
export function lossUsdText(report: Report): string {
  const loss = report.fiat?.totalLoss
  if (!loss) return '(USD value not computed: no price source)'
  if (loss.value === null)
    return `(USD value unknown: ${text(loss.note ?? 'no price')})`
  return `= <strong>USD ${escapeHtml(groupUsd(loss.value))}</strong> at the time of the theft (${text(utc(loss.txTime))}; price: ${text(loss.priceSource)})`
}

export function fiatSection(ctx: SectionContext): string {
  const fiat = ctx.report.fiat
  if (!fiat) return ''
  const unknown = fiat.unknown
    ? `<p><strong>${fiat.unknown}</strong> value(s) have no price and are shown as unknown.</p>`
    : ''
  return `<section id="fiat">
<h2>Values in USD</h2>
<p>Total loss: ${lossUsdText(ctx.report)}.</p>
<p>Price source: <strong>${text(fiat.source)}</strong>. ${text(fiat.method)}</p>
${unknown}
<p class="note">USD values are for reference (police forms and exchange thresholds are in USD); the exact amounts in ${text(ctx.report.asset.symbol)} are what the trace establishes.</p>
</section>`
}
