/** `fundtrace labels import`: a label file into the local label database. */
import { readFileSync } from 'node:fs'
import { UsageError } from '../../core/errors.js'
import type { Confidence } from '../../core/types.js'
import { CONFIDENCES, LabelFileError } from '../../labels/csv.js'
import {
  detectFormat,
  FORMATS,
  importLabels,
  isLabelFormat,
} from '../../labels/import/index.js'
import { sanitizeForTerminal as clean } from '../../labels/sanitize.js'
import { createLabelDb } from '../../labels/sqlite.js'
import type { Io } from './labels-stores.js'

export function runImport(
  file: string,
  opts: { format?: string; db?: string; chain?: string; confidence?: string },
  io: Io,
) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new LabelFileError({
      file,
      reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      cause: err,
    })
  }
  const format = opts.format ?? detectFormat(file, text)
  if (!format || !isLabelFormat(format)) {
    throw new UsageError(
      `cannot tell the format of ${file}; pass --format ${FORMATS.join('|')}`,
    )
  }
  if (opts.confidence && !CONFIDENCES.includes(opts.confidence as Confidence)) {
    throw new UsageError(
      `--confidence must be one of ${CONFIDENCES.join(', ')}`,
    )
  }
  const result = importLabels(text, format, {
    file,
    chain: opts.chain,
    confidence: opts.confidence as Confidence | undefined,
  })
  const db = createLabelDb({ path: opts.db })
  try {
    const added = db.insertMany(result.labels, `import:${format}:${file}`)
    io.stdout(
      `imported ${added} new labels (${result.labels.length} read, ${result.skipped.length} skipped) as ${format} into ${db.path}\n`,
    )
  } finally {
    db.close()
  }
  for (const s of result.skipped.slice(0, 20))
    io.stderr(`skipped ${clean(s.where)}: ${clean(s.reason)}\n`)
  if (result.skipped.length > 20)
    io.stderr(`... and ${result.skipped.length - 20} more skipped\n`)
}
