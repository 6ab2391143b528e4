/**
 * `--prices FILE`: an offline price list, CSV with the columns
 *   asset,time_or_date,price_usd,source
 * e.g. `BTC,2026-03-01,65000.12,CoinGecko daily close` or
 *      `BTC,2026-03-01T10:00:00Z,65210.5,Kraken trade history`.
 * A token other than the canonical USDT/USDC/DAI/WETH/WBTC of its chain is
 * looked up by its contract address (`0x…,2026-03-01,0.98,DEX quote`).
 * A header row, blank lines and lines starting with # are skipped. Times
 * without a zone are UTC. Prices stay decimal strings.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseLocalTime } from '../case/time.js'
import { UsageError } from '../core/errors.js'
import { parseDecimal } from './decimal.js'
import type { PriceSource } from './types.js'

export class PriceFileError extends UsageError {
  override name = 'PriceFileError'
  readonly lines: readonly string[]
  constructor(lines: readonly string[]) {
    super(lines[0] ?? 'invalid price file', { metaMessages: lines.slice(1) })
    this.lines = lines
  }
}

type PriceRow = {
  asset: string
  /** An ISO UTC instant (exact time) or YYYY-MM-DD (whole UTC day). */
  at: string
  kind: 'time' | 'date'
  price: string
  source: string
  line: number
}

const COLUMNS = ['asset', 'time_or_date', 'price_usd', 'source'] as const

/** One CSV record; quotes per RFC 4180, no line breaks inside fields. */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = []
  let i = 0
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = ''
      i++
      for (;;) {
        if (i >= line.length) return null
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"'
          i += 2
        } else if (line[i] === '"') {
          i++
          break
        } else cell += line[i++]
      }
      if (i < line.length && line[i] !== ',') return null
      cells.push(cell)
    } else {
      const end = line.indexOf(',', i)
      const stop = end === -1 ? line.length : end
      cells.push(line.slice(i, stop))
      i = stop
    }
    i++
  }
  return cells.map((c) => c.trim())
}

function parseAt(text: string): Pick<PriceRow, 'at' | 'kind'> | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const parsed = parseLocalTime(`${text}T00:00`)
    return parsed ? { at: text, kind: 'date' } : null
  }
  const parsed = parseLocalTime(text)
  if (!parsed) return null
  return {
    at: new Date(parsed.explicit ?? parsed.wall).toISOString(),
    kind: 'time',
  }
}

function parseRow(
  cells: string[],
  line: number,
  file: string,
): PriceRow | string {
  const where = `${file}:${line}:`
  if (cells.length !== COLUMNS.length)
    return `${where} row: expected ${COLUMNS.length} columns (${COLUMNS.join(',')}), got ${cells.length}`
  const [asset = '', atText = '', price = '', source = ''] = cells
  if (!/^(?:[A-Za-z0-9._-]{1,20}|0x[0-9a-fA-F]{40})$/.test(asset))
    return `${where} asset: expected a symbol such as BTC or a token contract 0x…, got "${asset}"`
  const at = parseAt(atText)
  if (!at)
    return `${where} time_or_date: expected YYYY-MM-DD or an ISO UTC time such as 2026-03-01T10:00:00Z, got "${atText}"`
  const value = parseDecimal(price)
  if (!value || /,/.test(price))
    return `${where} price_usd: expected a plain decimal such as 65000.12, got "${price}"`
  if (value.int === 0n) return `${where} price_usd: must be greater than 0`
  if (!source)
    return `${where} source: required (name where the price came from)`
  return { asset: asset.toUpperCase(), ...at, price, source, line }
}

/** Parses the whole file; all problems are reported at once, one per line. */
export function parsePriceFile(text: string, file = 'prices.csv'): PriceRow[] {
  const rows: PriceRow[] = []
  const problems: string[] = []
  const seen = new Map<string, PriceRow>()
  const lines = text.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue
    const cells = splitCsvLine(raw.replace(/^\uFEFF/, ''))
    if (!cells) {
      problems.push(`${file}:${line}: row: unbalanced quotes`)
      continue
    }
    const isHeader = rows.length === 0 && problems.length === 0
    if (isHeader && cells[0]?.toLowerCase() === 'asset') continue
    const row = parseRow(cells, line, file)
    if (typeof row === 'string') {
      problems.push(row)
      continue
    }
    const key = `${row.asset}|${row.at}`
    const first = seen.get(key)
    if (first) {
      problems.push(
        `${file}:${line}: time_or_date: second price for ${row.asset} at ${row.at} (first on line ${first.line})`,
      )
      continue
    }
    seen.set(key, row)
    rows.push(row)
  }
  if (problems.length) throw new PriceFileError(problems)
  return rows
}

export async function loadPriceFile(path: string): Promise<PriceSource> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new PriceFileError([`${path}: cannot read the price file (${code})`])
  }
  return createFilePriceSource(parsePriceFile(text, path), basename(path))
}

/** Exact timestamp first, else the row for the same UTC date, else null. */
export function createFilePriceSource(
  rows: readonly PriceRow[],
  file = 'prices.csv',
): PriceSource {
  const byKey = new Map(rows.map((r) => [`${r.asset}|${r.at}`, r]))
  return {
    name: `price file ${file}`,
    async priceAt(asset, time) {
      const iso = time.toISOString()
      const key = asset.toUpperCase()
      const row =
        byKey.get(`${key}|${iso}`) ?? byKey.get(`${key}|${iso.slice(0, 10)}`)
      if (!row) return null
      return {
        price: row.price,
        source: `${row.source} (${file}:${row.line})`,
        at: row.at,
      }
    },
  }
}
