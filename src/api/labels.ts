/** The labels a trace sees: bundled, the user's imported database, and --labels files. */
import { existsSync } from 'node:fs'
import type { Label, LabelLookup } from '../core/types.js'
import { loadBundledLabels } from '../labels/bundled.js'
import { loadLabelsFile } from '../labels/csv.js'
import { combineLookups, createLabelIndex } from '../labels/memory.js'
import { createLabelDb, defaultLabelDbPath } from '../labels/sqlite.js'

export type TraceLabelOptions = {
  labelFiles?: readonly string[] | undefined
  labels?: readonly Label[] | undefined
  /** false: only the labels given explicitly (no bundle, no imported database). */
  bundledLabels?: boolean | undefined
  env?: Record<string, string | undefined> | undefined
}

export function loadTraceLabels(options: TraceLabelOptions): LabelLookup {
  const explicit = [
    ...(options.labels ?? []),
    ...(options.labelFiles ?? []).flatMap((f) => loadLabelsFile(f)),
  ]
  if (options.bundledLabels === false) return createLabelIndex(explicit)
  const index = createLabelIndex([...loadBundledLabels(), ...explicit])
  // What `fundtrace labels import` wrote is used when it exists.
  const dbPath = options.env?.FUNDTRACE_LABEL_DB ?? defaultLabelDbPath()
  if (!existsSync(dbPath)) return index
  return combineLookups(index, createLabelDb({ path: dbPath, readonly: true }))
}
