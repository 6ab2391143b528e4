/**
 * Reads a batch file (CSV with a header, or JSONL) into validated cases.
 * Every row is checked before any network work and every bad row is
 * reported — line, field and reason — in one error.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { UsageError } from '../core/errors.js'
import { BatchFileError, type CaseProblem } from './case-errors.js'
import {
  type CasesFormat,
  detectFormat,
  type RawRow,
  readRows,
} from './case-rows.js'
import { type BatchCase, type ParsedRow, validateRow } from './case-schema.js'
import { assignCaseDirs } from './ids.js'

export { BatchFileError, type CaseProblem } from './case-errors.js'
export { type CasesFormat, detectFormat } from './case-rows.js'
export type { BatchCase } from './case-schema.js'

export type ParseCasesOptions = {
  /** Shown in messages. */
  file?: string | undefined
  format?: CasesFormat | undefined
  /** Relative label paths are resolved from here (the cases file's folder). */
  baseDir?: string | undefined
  fileExists?: ((path: string) => boolean) | undefined
}

export type ParsedCases = { cases: BatchCase[]; warnings: string[] }

type LineCase = ParsedRow & { line: number }

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
  const rows = readRows(text, format, problems)
  const valid = acceptRows(rows, base, exists, problems, warnings)
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

/** The rows that validate, label paths resolved; a repeated case_id is a problem on its later line. */
function acceptRows(
  rows: readonly RawRow[],
  base: string,
  exists: (path: string) => boolean,
  problems: CaseProblem[],
  warnings: Set<string>,
): LineCase[] {
  const valid: LineCase[] = []
  const firstLine = new Map<string, number>()
  for (const row of rows) {
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
  return valid
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
