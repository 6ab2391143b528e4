import type { Cell } from './csv.js'
import type { UsdValue } from './types.js'

/** Appended to hits.csv, hops.csv and endpoints.csv when the report has fiat values. */
export const USD_COLUMNS = [
  'usd_value',
  'usd_price',
  'usd_price_source',
  'usd_price_at',
] as const

/**
 * The USD cells of one row. A missing price reads "unknown", with the reason
 * where the source would be, so a blank cell only ever means "not priced
 * for this kind of row" and an unknown value is never mistaken for zero.
 */
export function usdCells(usd: UsdValue | undefined): Cell[] {
  if (!usd) return ['', '', '', '']
  if (usd.value === null) return ['unknown', '', usd.note ?? 'no price', '']
  return [usd.value, usd.price, usd.priceSource, usd.priceAt]
}
