/**
 * Reads a batch file (CSV with a header, or JSONL) into validated cases.
 * Every row is checked before any network work and every bad row is
 * reported — line, field and reason — in one error.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, resolve } from 'node:path'
import { UsageError } from '../core/errors.js'
import { CsvSyntaxError, readCsvRecords } from '../labels/csv-records.js'
import { canonicalField } from './case-fields.js'
import { type BatchCase, type ParsedRow, validateRow } from './case-schema.js'
import { assignCaseDirs } from './ids.js'

export type { BatchCase } from './case-schema.js'

export type CaseProblem = { line: number; field: string; reason: string }

export class BatchFileError extends UsageError {
  override name = 'BatchFileError'
  readonly file: string
  readonly problems: readonly CaseProblem[]
  constructor(options: { file: string; problems: readonly CaseProblem[] }) {
    const n = options.problems.length
    const rows = new Set(options.problems.map((p) => p.line)).size
    super(
      `${options.file}: ${n} problem${n === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}; nothing was traced`,
      {
        metaMessages: options.problems.map(
          (p) => `line ${p.line}: ${p.field}: ${p.reason}`,
        ),
      },
    )
    this.file = options.file
    this.problems = options.problems
  }
}

export type CasesFormat = 'csv' | 'jsonl'
type RawRow = {
  line: number
  fields: Record<string, unknown>
  unknown: string[]
}

export type ParseCasesOptions = {
  /** Shown in messages. */
  file?: string | undefined
  format?: CasesFormat | undefined
  /** Relative label paths are resolved from here (the cases file's folder). */
  baseDir?: string | undefined
  fileExists?: ((path: string) => boolean) | undefined
}

export type ParsedCases = { cases: BatchCase[]; warnings: string[] }

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

function readRows(
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

export function parseCases(
  text: string,
  options: ParseCasesOptions = {},
): ParsedCases {
  const file = options.file ?? 'cases'
  const format = options.format ?? detectFormat(text, file)
  const base = options.baseDir ?? process.cwd()
  const exists = options.fileExists ?? existsSync
  const problems: CaseProblem[] = []
  const warnings = new Set<string>()
  const valid: (ParsedRow & { line: number })[] = []
  const firstLine = new Map<string, number>()
  for (const row of readRows(text, format, problems)) {
    for (const key of row.unknown)
      warnings.add(`ignored unknown field "${key}"`)
    if (!('case_id' in row.fields)) row.fields.case_id = `line-${row.line}`
    const { value, issues } = validateRow(row.fields, (p) =>
      exists(resolve(base, p)),
    )
    for (const issue of issues) problems.push({ line: row.line, ...issue })
    if (!value) continue
    const first = firstLine.get(value.id)
    if (first !== undefined) {
      problems.push({
        line: row.line,
        field: 'case_id',
        reason: `duplicate of line ${first}`,
      })
      continue
    }
    firstLine.set(value.id, row.line)
    const labelFiles = value.labelFiles.map((p) =>
      isAbsolute(p) ? p : resolve(base, p),
    )
    valid.push({ ...value, labelFiles, line: row.line })
  }
  if (problems.length > 0)
    throw new BatchFileError({
      file,
      problems: problems.sort((a, b) => a.line - b.line),
    })
  if (valid.length === 0) throw new UsageError(`${file}: no cases`)
  const dirs = assignCaseDirs(valid.map((c) => c.id))
  const cases = valid.map((c, i) => ({ ...c, dir: dirs[i] ?? c.id }))
  return { cases, warnings: [...warnings] }
}

/** Reads and parses a cases file; label paths are relative to its folder. */
export function loadCasesFile(path: string): ParsedCases {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read cases file "${path}"`, { cause: err })
  }
  return parseCases(text, { file: path, baseDir: dirname(resolve(path)) })
}
