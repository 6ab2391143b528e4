import { z } from 'zod'
import { formatZodIssues } from '../../core/errors.js'
import { LabelFileError } from '../csv.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
  mapCategory,
} from './common.js'

const item = z.object({
  chain: z.string().optional(),
  address: z.string(),
  entity: z.string().optional(),
  name: z.string().optional(),
  label: z.string().optional(),
  category: z.string().optional(),
  source: z.string().optional(),
  confidence: z.enum(['official', 'high', 'medium', 'low']).optional(),
  retrieved: z.string().optional(),
})

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new LabelFileError({ file, reason: 'invalid JSON', cause: err })
  }
}

/** An array of Label-like objects; `name`/`label` stand in for `entity`. */
export function importJson(text: string, options: ImportOptions): ImportResult {
  const data = parseJson(text, options.file)
  if (!Array.isArray(data)) {
    throw new LabelFileError({
      file: options.file,
      reason: 'expected a JSON array of labels',
    })
  }
  const { add, skip, result } = createCollector(options)
  data.forEach((raw, i) => {
    const where = `${options.file}[${i}]`
    const parsed = item.safeParse(raw)
    if (!parsed.success) {
      skip(where, formatZodIssues(parsed.error.issues).join('; '))
      return
    }
    const row = parsed.data
    const chain = row.chain ?? options.chain
    if (!chain) {
      skip(where, 'no chain; pass --chain')
      return
    }
    add(
      {
        chain,
        address: row.address,
        entity: row.entity ?? row.name ?? row.label ?? '',
        category: mapCategory(row.category ?? 'unknown'),
        source: row.source ?? options.file,
        confidence: row.confidence ?? 'high',
        retrieved: row.retrieved,
      },
      where,
    )
  })
  return result
}
