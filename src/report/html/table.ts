/** Tiny HTML builders. Cells are HTML that the caller has already escaped. */
import type { Report } from '../types.js'
import { reportTxUrl } from '../views/explorer.js'
import { escapeHtml, safeHref } from './escape.js'

export type Row = { cells: string[]; className?: string | undefined }

export function table(
  head: readonly string[],
  rows: readonly (string[] | Row)[],
  options: {
    className?: string
    numeric?: readonly number[]
    /** Minimum column widths (CSS lengths) by column index. */
    widths?: Readonly<Record<number, string>>
  } = {},
): string {
  const numeric = new Set(options.numeric ?? [])
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '')
  const width = (i: number) => {
    const w = options.widths?.[i]
    return w && /^[0-9.]+(em|mm|px|%)$/.test(w) ? ` style="min-width:${w}"` : ''
  }
  const th = head
    .map((h, i) => `<th${cls(i)}${width(i)}>${escapeHtml(h)}</th>`)
    .join('')
  const body = rows
    .map((row) => {
      const { cells, className } = Array.isArray(row)
        ? { cells: row, className: undefined }
        : row
      const tr = className ? `<tr class="${escapeHtml(className)}">` : '<tr>'
      return `${tr}${cells.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`
    })
    .join('\n')
  const tcls = options.className
    ? ` class="${escapeHtml(options.className)}"`
    : ''
  return `<table${tcls}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** Copyable identifier text. */
export function code(text: string | null | undefined): string {
  return text == null || text === '' ? '—' : `<code>${escapeHtml(text)}</code>`
}

/** A tx hash as copyable text plus an explorer link when one is known. */
export function txCell(
  report: Pick<Report, 'provenance'>,
  chain: string,
  txHash: string,
): string {
  const href = safeHref(reportTxUrl(report, chain, txHash))
  const anchor = href
    ? ` <a class="note" href="${escapeHtml(href)}" rel="noreferrer noopener">explorer</a>`
    : ''
  return `${code(txHash)}${anchor}`
}

export function text(value: unknown): string {
  return value == null || value === '' ? '—' : escapeHtml(value)
}

/**
 * Third-party text (entity names, label sources): it can be one endless
 * word, so it may break anywhere rather than widen the page.
 */
export function free(value: unknown): string {
  return `<span class="free">${text(value)}</span>`
}
