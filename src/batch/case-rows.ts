/** Raw rows of a cases file, CSV with a header or JSONL, under canonical field names. */
import { extname } from 'node:path'
import { CsvSyntaxError, readCsvRecords } from '../labels/csv-records.js'
import type { CaseProblem } from './case-errors.js'
import { canonicalField } from './case-fields.js'

export type CasesFormat = 'csv' | 'jsonl'
export type RawRow = {
  line: number
  fields: Record<string, unknown>
  unknown: string[]
}

export function detectFormat(text: string, file = ''): CasesFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl'
  if (ext === '.csv') return 'csv'
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv'
}

function mapKeys(
  entries: readonly (readonly [string, unknown])[],
): Omit<RawRow, 'line'> {
  const fields: Record<string, unknown> = {}
  const unknown: string[] = []
  for (const [key, value] of entries) {
    const field = canonicalField(key)
    if (!field) {
      unknown.push(key)
      continue
    }
    // Repeated columns (victim,victim) add up rather than overwrite.
    const prev = fields[field]
    fields[field] =
      prev === undefined || value === undefined
        ? (value ?? prev)
        : [prev, value].flat()
  }
  return { fields, unknown }
}

function csvRows(text: string, problems: CaseProblem[]): RawRow[] {
  const records = [...readCsvRecords(text)]
  const [header, ...body] = records
  if (!header) return []
  return body.map((record) => {
    if (record.fields.length !== header.fields.length)
      problems.push({
        line: record.line,
        field: '(row)',
        reason: `has ${record.fields.length} fields, the header has ${header.fields.length}`,
      })
    const entries = header.fields.map((name, i) => {
      const cell = record.fields[i]?.trim()
      return [name, cell ? cell : undefined] as const
    })
    const mapped = mapKeys(entries)
    return { line: record.line, ...mapped }
  })
}

function jsonlRows(text: string, problems: CaseProblem[]): RawRow[] {
  const rows: RawRow[] = []
  text.split(/\r?\n/).forEach((source, i) => {
    const line = i + 1
    if (!source.trim() || source.trimStart().startsWith('#')) return
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch {
      problems.push({ line, field: '(row)', reason: 'is not valid JSON' })
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, field: '(row)', reason: 'must be a JSON object' })
      return
    }
    const entries = Object.entries(value).map(
      ([k, v]) => [k, v ?? undefined] as const,
    )
    rows.push({ line, ...mapKeys(entries) })
  })
  return rows
}

export function readRows(
  text: string,
  format: CasesFormat,
  problems: CaseProblem[],
): RawRow[] {
  try {
    return format === 'csv'
      ? csvRows(text, problems)
      : jsonlRows(text, problems)
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err
    problems.push({ line: err.line, field: '(row)', reason: err.message })
    return []
  }
}
