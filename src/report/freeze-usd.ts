/**
 * USD lines of a freeze request: a missing price is said to be unknown and
 * why, never estimated.
 */

import { utc } from '../core/time.js'
import { formatCents, groupUsd } from '../prices/decimal.js'
import { plainText } from './html/escape.js'
import type { Hit, Report, UsdValue } from './types.js'

/** "USD 22,750.04 (at 65,000.12 USD/BTC for 2026-03-01; price: …)" or "unknown (why)". */
export function usdText(usd: UsdValue | undefined, symbol: string): string {
  if (!usd || usd.value === null)
    return `unknown (${plainText(usd?.note ?? 'no price')}); not estimated`
  const rate = usd.price
    ? `at ${plainText(groupUsd(usd.price))} USD/${plainText(symbol)} for ${plainText(usd.priceAt)}; `
    : ''
  const note = usd.note ? `; ${plainText(usd.note)}` : ''
  return `USD ${plainText(groupUsd(usd.value))} (${rate}price: ${plainText(usd.priceSource)}${note})`
}

/** The deposits' USD values summed, for the freeze line; unknown if any is. */
export function venueUsd(hits: Hit[]): string {
  const cents = hits.map((h) => /^(\d+)\.(\d{2})$/.exec(h.usd?.value ?? ''))
  const missing = cents.filter((m) => !m).length
  if (missing)
    return `, USD value when credited unknown for ${missing} of ${hits.length} deposit${hits.length === 1 ? '' : 's'}`
  const total = cents.reduce((acc, m) => acc + BigInt(`${m?.[1]}${m?.[2]}`), 0n)
  const what = hits.length === 1 ? 'when credited' : 'in total when credited'
  return `, worth USD ${groupUsd(formatCents(total))} ${what}`
}

/** The total loss in USD at the theft, with the price and the source named. */
export function lossLines(report: Report): string[] {
  const fiat = report.fiat
  if (!fiat) return []
  const loss = fiat.totalLoss
  const when = loss.txTime ? ` (theft tx ${utc(loss.txTime)})` : ''
  return [
    `  Total loss in USD at the time of the theft${when}: ${usdText(loss, report.asset.symbol)}`,
    `  USD price source: ${plainText(fiat.source)}. A missing price is shown as unknown, never estimated; the amounts in coin above are what the trace establishes.`,
  ]
}
