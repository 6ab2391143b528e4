import type { Confidence } from '../../core/types.js'
import { CONFIDENCES, isIsoDate, LabelFileError } from '../csv.js'
import { CsvSyntaxError, readCsvRecords } from '../csv-records.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
  mapCategory,
} from './common.js'

const ALIASES: Record<string, string> = {
  chain: 'chain',
  blockchain: 'chain',
  network: 'chain',
  address: 'address',
  entity: 'entity',
  name: 'entity',
  label: 'entity',
  'name tag': 'entity',
  category: 'category',
  type: 'category',
  source: 'source',
  confidence: 'confidence',
  retrieved: 'retrieved',
  date: 'retrieved',
}

/** Yields CSV rows as objects keyed by lowercased header; syntax errors throw. */
export function* csvRows(text: string, file: string) {
  let header: string[] | undefined
  try {
    for (const record of readCsvRecords(text)) {
      if (!header) {
        header = record.fields.map((f) => f.trim().toLowerCase())
        continue
      }
      const row: Record<string, string> = {}
      header.forEach((name, i) => {
        row[name] = (record.fields[i] ?? '').trim()
      })
      yield { line: record.line, row, width: record.fields.length, header }
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err
    throw new LabelFileError({ file, line: err.line, reason: err.message })
  }
}

/**
 * Like the trace's --labels CSV but forgiving: header aliases (name, label,
 * blockchain...), missing category → "unknown", and bad rows are skipped
 * with a reason rather than ending the import.
 */
export function importCsv(text: string, options: ImportOptions): ImportResult {
  const { add, skip, result } = createCollector(options)
  for (const { line, row } of csvRows(text, options.file)) {
    const where = `${options.file}:${line}`
    const get = (name: string): string => {
      for (const [alias, canonical] of Object.entries(ALIASES)) {
        if (canonical === name && row[alias]) return row[alias]
      }
      return ''
    }
    const chain = get('chain') || options.chain
    if (!chain) {
      skip(where, 'no chain; add a chain column or pass --chain')
      continue
    }
    const confidence = (get('confidence') || 'high').toLowerCase()
    if (!CONFIDENCES.includes(confidence as Confidence)) {
      skip(where, `unknown confidence ${JSON.stringify(confidence)}`)
      continue
    }
    const retrieved = get('retrieved')
    add(
      {
        chain,
        address: get('address'),
        entity: get('entity'),
        category: mapCategory(get('category') || 'unknown'),
        source: get('source') || options.file,
        confidence: confidence as Confidence,
        retrieved: retrieved && isIsoDate(retrieved) ? retrieved : undefined,
      },
      where,
    )
  }
  return result
}
