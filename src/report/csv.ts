/**
 * Spreadsheets for compliance teams: RFC 4180 (CRLF, quotes doubled), exact
 * decimal amounts as text next to integer base units, and every cell that a
 * spreadsheet would read as a formula prefixed with a single quote.
 */

import { hitsCsv } from './csv-hits.js'
import { hopsCsv } from './csv-hops.js'
import { atRestCsv, unexploredCsv } from './csv-stops.js'
import { endpointsCsv } from './endpoints.js'
import type { Report } from './types.js'

export { csvCell, toCsv } from './csv-cell.js'
export { hitsCsv } from './csv-hits.js'
export { hopsCsv } from './csv-hops.js'
export { atRestCsv, unexploredCsv } from './csv-stops.js'

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
