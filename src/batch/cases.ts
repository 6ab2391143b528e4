/**
 * Reads a batch file (CSV with a header, or JSONL) into validated cases.
 * Every row is checked before any network work and every bad row is
 * reported — line, field and reason — in one error.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, resolve } from 'node:path'
import { findChain, parseAddress, parseTxSeed } from '../chains/index.js'
import type { TxSeedInput } from '../chains/types.js'
import { UsageError } from '../core/errors.js'
import { parseInstant } from '../core/time.js'
import { CsvSyntaxError, readCsvRecords } from '../labels/csv-records.js'
import { closest } from '../labels/normalize.js'
import type { PolicyName } from '../trace/types.js'
import { rowSchema } from './case-row-schema.js'
import { assignCaseDirs } from './ids.js'

export type BatchCase = {
  /** The id as written in the file. */
  id: string
  /** Its sanitised directory name under the output folder. */
  dir: string
  /** 1-based line of the row in the cases file. */
  line: number
  chain: string
  /** `TXID` or `TXID:VOUT`. */
  txs: string[]
  victims: string[]
  address?: { address: string; since?: number | undefined } | undefined
  labelFiles: string[]
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  minAmount?: string | undefined
  note?: string | undefined
  /** EVM: this case's explorer API and nodes, over the batch's. */
  explorerUrl?: string | undefined
  explorerKind?: 'etherscan' | 'blockscout' | undefined
  rpcUrls?: string[] | undefined
}

type ParsedRow = Omit<BatchCase, 'dir' | 'line'>

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
  _warnings: Set<string>,
): LineCase[] {
  const valid: LineCase[] = []
  const firstLine = new Map<string, number>()
  for (const row of rows) {
    // A misspelt column would silently drop what it holds (a case without its victim).
    for (const key of row.unknown)
      problems.push({
        line: row.line,
        field: quoteKey(key),
        reason: unknownReason(key),
      })
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

/** Every bad row of a cases file, reported at once. */

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

// Raw rows of a cases file, under canonical field names.

type CasesFormat = 'csv' | 'jsonl'
type RawRow = {
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
  const headerProblem = checkHeader(header.fields)
  if (headerProblem) {
    // Every row would only repeat "give a tx": the header is what to fix.
    problems.push({ line: header.line, field: 'header', reason: headerProblem })
    return []
  }
  for (const name of header.fields)
    if (!canonicalField(name))
      problems.push({
        line: header.line,
        field: 'header',
        reason: `${unknownReason(name).replace('unknown field', `unknown column ${quoteKey(name)}`)}`,
      })
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
    // Unknown columns are reported once, on the header line.
    return { line: record.line, fields: mapped.fields, unknown: [] }
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

/** How a batch file's headers and JSONL keys map onto the row fields. */

/** Column / key spellings accepted, mapped to the canonical field. */
const FIELD_ALIASES: Record<string, string> = {
  case_id: 'case_id',
  caseid: 'case_id',
  id: 'case_id',
  case: 'case_id',
  chain: 'chain',
  tx: 'tx',
  txs: 'tx',
  txid: 'tx',
  tx_hash: 'tx',
  victim: 'victim',
  victims: 'victim',
  address: 'address',
  since: 'since',
  labels: 'labels',
  label_files: 'labels',
  labelfiles: 'labels',
  policy: 'policy',
  max_hops: 'max_hops',
  maxhops: 'max_hops',
  max_nodes: 'max_nodes',
  maxnodes: 'max_nodes',
  min_amount: 'min_amount',
  minamount: 'min_amount',
  note: 'note',
  explorer_url: 'explorer_url',
  explorerurl: 'explorer_url',
  explorer: 'explorer_url',
  explorer_kind: 'explorer_kind',
  explorerkind: 'explorer_kind',
  rpc_url: 'rpc_url',
  rpc_urls: 'rpc_url',
  rpcurl: 'rpc_url',
  rpc: 'rpc_url',
  notes: 'note',
  description: 'note',
  comment: 'note',
  name: 'note',
}

const CANONICAL_FIELDS = [...new Set(Object.values(FIELD_ALIASES))]

function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key)
}

/** "victim_address" meant victim: a known field as its first word wins over spelling. */
export function suggestField(key: string): string | undefined {
  const words = key
    .trim()
    .toLowerCase()
    .split(/[\s_-]+/)
  for (const word of words) {
    const field = FIELD_ALIASES[word]
    if (field) return field
  }
  const near = closest(key.trim().toLowerCase(), Object.keys(FIELD_ALIASES))
  return near === undefined ? undefined : FIELD_ALIASES[near]
}

function unknownReason(key: string): string {
  const hint = suggestField(key)
  return `unknown field${hint ? `; did you mean "${hint}"?` : ''} (known: ${CANONICAL_FIELDS.join(', ')})`
}

/** A header with no known column is not a header: a semicolon file, or data on line 1. */
function checkHeader(fields: readonly string[]): string | undefined {
  if (fields.some((name) => canonicalField(name))) return undefined
  const shown = quoteKey(fields.join(','))
  const separator = /[;\t|]/.test(fields.join(''))
    ? '; columns must be separated by commas'
    : ''
  return `${shown} is not a cases header${separator} (expected columns such as case_id,chain,tx,victim,address)`
}

function canonicalField(key: string): string | undefined {
  return FIELD_ALIASES[
    key
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ]
}

/** Validates one row; every problem is returned, none thrown. */
function validateRow(
  raw: Record<string, unknown>,
  fileExists: (path: string) => boolean,
): { value?: ParsedRow; issues: RowIssue[] } {
  const parsed = rowSchema.safeParse(raw)
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(row)',
        reason: i.message,
      })),
    }
  const r = parsed.data
  const issues: RowIssue[] = []
  const chain = findChain(r.chain)
  if (!chain)
    return {
      issues: [{ field: 'chain', reason: `unknown chain "${r.chain}"` }],
    }
  const txs = r.tx.map(
    (t) => attempt(() => seedText(parseTxSeed(chain, t)), 'tx', issues) ?? t,
  )
  const victims = r.victim.map(
    (v) => attempt(() => parseAddress(chain, v), 'victim', issues) ?? v,
  )
  const address =
    r.address &&
    attempt(() => parseAddress(chain, r.address ?? ''), 'address', issues)
  const since = r.since === undefined ? undefined : parseInstant(r.since)
  if (r.since !== undefined && since === undefined)
    issues.push({
      field: 'since',
      reason: `invalid time "${r.since}": use ISO 8601 with a zone (2026-03-01T09:30:00Z) or a date (00:00 UTC)`,
    })
  if (r.since && !r.address)
    issues.push({ field: 'since', reason: 'needs an address' })
  if (txs.length === 0 && !r.address)
    issues.push({ field: 'tx', reason: 'give a tx or an address to trace' })
  for (const file of r.labels)
    if (!fileExists(file))
      issues.push({ field: 'labels', reason: `no such file "${file}"` })
  // A source column is for the chains whose module reads that flag.
  const columns = [
    ['explorer_url', '--explorer-url', r.explorer_url],
    ['explorer_kind', '--explorer-kind', r.explorer_kind],
    ['rpc_url', '--rpc-url', r.rpc_url[0]],
  ] as const
  const foreign = columns.find(
    ([, flag, value]) =>
      value !== undefined && !chain.module.sourceFlags.includes(flag),
  )
  if (foreign)
    issues.push({
      field: foreign[0],
      reason: `is not read on ${chain.name}; its cases use ${chain.module.sourceFlags.join(', ')}`,
    })
  if (issues.length > 0) return { issues }
  return {
    issues,
    value: {
      id: r.case_id,
      chain: r.chain,
      txs,
      victims,
      ...(address
        ? {
            address: {
              address,
              since,
            },
          }
        : {}),
      labelFiles: r.labels,
      policy: r.policy,
      maxHops: r.max_hops,
      maxNodes: r.max_nodes,
      minAmount: r.min_amount,
      note: r.note,
      ...(r.explorer_url ? { explorerUrl: r.explorer_url } : {}),
      ...(r.explorer_kind ? { explorerKind: r.explorer_kind } : {}),
      ...(r.rpc_url.length ? { rpcUrls: r.rpc_url } : {}),
    },
  }
}

type RowIssue = { field: string; reason: string }

/** A seed as the trace takes it back: `TXID` or `TXID:VOUT`. */
const seedText = (seed: TxSeedInput): string =>
  seed.vout === undefined ? seed.txid : `${seed.txid}:${seed.vout}`

function attempt<T>(
  fn: () => T,
  field: string,
  issues: RowIssue[],
): T | undefined {
  try {
    return fn()
  } catch (err) {
    const reason =
      err instanceof Error ? err.message.split('\n')[0] : String(err)
    issues.push({ field, reason: reason ?? 'invalid' })
    return undefined
  }
}
