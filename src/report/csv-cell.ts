/** CSV cells and rows: RFC 4180, formula triggers neutralised (OWASP CSV injection). */

export type Cell = string | number | null | undefined

/** Neutralises formula triggers: = + - @ tab CR (OWASP CSV injection). */
export function csvCell(value: Cell): string {
  let text = value == null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(
  header: readonly string[],
  rows: readonly Cell[][],
): string {
  return [header, ...rows]
    .map((row) => `${row.map(csvCell).join(',')}\r\n`)
    .join('')
}
