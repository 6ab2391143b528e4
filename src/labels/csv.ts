import { readFileSync } from 'node:fs'
import { UsageError } from '../core/errors.js'
import { hasUnsafeText } from '../core/text-safety.js'
import type { Confidence, Label } from '../core/types.js'
import { CsvSyntaxError, readCsvRecords } from './csv-records.js'
import {
  closestCategory,
  InvalidAddressError,
  normalizeAddress,
  normalizeCategory,
  normalizeChain,
} from './normalize.js'

/** A bad label file: one line naming file, line and field. Exit code 2. */
export class LabelFileError extends UsageError {
  override name = 'LabelFileError'
  readonly file: string
  readonly line: number | undefined
  readonly field: string | undefined
  constructor(options: {
    file: string
    line?: number | undefined
    field?: string | undefined
    reason: string
    cause?: unknown
  }) {
    const where = [
      options.line === undefined
        ? options.file
        : `${options.file}:${options.line}`,
      options.field,
    ]
      .filter((part) => part !== undefined)
      .join(': ')
    super(`${where}: ${options.reason}`, { cause: options.cause })
    this.file = options.file
    this.line = options.line
    this.field = options.field
  }
}

export const CONFIDENCES: readonly Confidence[] = [
  'official',
  'high',
  'medium',
  'low',
]

const REQUIRED = ['chain', 'address', 'entity', 'category'] as const
const OPTIONAL = ['source', 'confidence', 'retrieved'] as const
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number]
const COLUMNS: readonly string[] = [...REQUIRED, ...OPTIONAL]

/** Short, escaped rendering of untrusted text for one-line messages. */
export function quote(value: string): string {
  const short = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return JSON.stringify(short)
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
}

type Header = Map<Column, number>

function parseHeader(fields: string[], file: string, line: number): Header {
  const header: Header = new Map()
  const fail = (reason: string) =>
    new LabelFileError({ file, line, field: 'header', reason })
  fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase()
    if (!COLUMNS.includes(name)) throw fail(`unknown column ${quote(raw)}`)
    if (header.has(name as Column)) throw fail(`duplicate column ${quote(raw)}`)
    header.set(name as Column, index)
  })
  const missing = REQUIRED.filter((name) => !header.has(name))
  if (missing.length > 0) throw fail(`missing column ${missing.join(', ')}`)
  return header
}

type RowContext = { file: string; line: number }

function toLabel(header: Header, fields: string[], ctx: RowContext): Label {
  const fail = (field: string, reason: string) =>
    new LabelFileError({ ...ctx, field, reason })
  const get = (name: Column): string | undefined => {
    const index = header.get(name)
    if (index === undefined) return undefined
    const value = (fields[index] ?? '').trim()
    if (hasUnsafeText(value)) throw fail(name, 'contains control characters')
    return value
  }
  const required = (name: Column): string => {
    const value = get(name)
    if (!value) throw fail(name, 'empty')
    return value
  }
  const chain = normalizeChain(required('chain'))
  const rawAddress = required('address')
  let address: string
  try {
    address = normalizeAddress(chain, rawAddress)
  } catch (err) {
    if (!(err instanceof InvalidAddressError)) throw err
    throw fail(
      'address',
      `invalid ${chain} address ${quote(rawAddress)}: ${err.reason}`,
    )
  }
  const entity = required('entity')
  const rawCategory = required('category')
  const source = get('source') || ctx.file
  const confidence = (get('confidence') || 'high').toLowerCase()
  if (!CONFIDENCES.includes(confidence as Confidence)) {
    throw fail(
      'confidence',
      `expected official, high, medium or low, got ${quote(confidence)}`,
    )
  }
  const retrieved = get('retrieved') || undefined
  if (retrieved !== undefined && !isIsoDate(retrieved)) {
    throw fail('retrieved', `expected an ISO date, got ${quote(retrieved)}`)
  }
  const category = normalizeCategory(rawCategory)
  if (category === undefined) {
    throw fail(
      'category',
      `unknown category ${quote(rawCategory)}; did you mean "${closestCategory(rawCategory)}"? (list: fundtrace labels --help)`,
    )
  }
  const label: Label = {
    chain,
    address,
    entity,
    category,
    source,
    confidence: confidence as Confidence,
  }
  if (retrieved !== undefined) label.retrieved = retrieved
  return label
}

/**
 * The trace's `--labels FILE`: `chain,address,entity,category` plus optional
 * `source`, `confidence`, `retrieved`. Strict: the first bad line throws, so a
 * typo never silently drops a label the investigator relies on.
 */
export function parseLabelsCsv(
  text: string,
  options: { file: string },
): Label[] {
  const { file } = options
  const labels: Label[] = []
  let header: Header | undefined
  try {
    for (const record of readCsvRecords(text)) {
      const ctx = { file, line: record.line }
      if (header === undefined) {
        header = parseHeader(record.fields, file, record.line)
        continue
      }
      if (record.fields.length !== header.size) {
        throw new LabelFileError({
          ...ctx,
          reason: `expected ${header.size} fields, got ${record.fields.length}`,
        })
      }
      labels.push(toLabel(header, record.fields, ctx))
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw new LabelFileError({ file, line: err.line, reason: err.message })
    }
    throw err
  }
  if (header === undefined) {
    throw new LabelFileError({ file, reason: 'no header line' })
  }
  return labels
}

/** Reads and parses a labels CSV; an unreadable file is a LabelFileError too. */
export function loadLabelsFile(path: string): Label[] {
  return parseLabelsCsv(readLabelsText(path), { file: path })
}

/** A labels file's text, read once so the labels used and the copy kept are the same bytes. */
export function readLabelsText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new LabelFileError({
      file: path,
      reason: `cannot read file (${code})`,
      cause: err,
    })
  }
}
