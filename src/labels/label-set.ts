/**
 * The labels a trace ran with, as plain data a bundle can carry: whether the
 * built-in set (with the imported database) was on, and the exact text of
 * each label file. A later run on the bundle attributes the same way.
 */
import type { Label } from '../core/types.js'
import { parseLabelsCsv, readLabelsText } from './csv.js'

export type LabelFile = {
  /** Where the text came from: named in parse errors. */
  name: string
  text: string
}

export type LabelSet = {
  /** The bundled label set and the imported database were used. */
  builtIn: boolean
  files: LabelFile[]
}

/** A missing or unreadable file is a LabelFileError (exit 2). */
export function readLabelFile(name: string): LabelFile {
  return { name, text: readLabelsText(name) }
}

export function readLabelFiles(paths: readonly string[]): LabelFile[] {
  return paths.map(readLabelFile)
}

/** The labels in the files, in order; the first bad line throws. */
export function labelsOfFiles(files: readonly LabelFile[]): Label[] {
  return files.flatMap((f) => parseLabelsCsv(f.text, { file: f.name }))
}

const COLUMNS = [
  'chain',
  'address',
  'entity',
  'category',
  'source',
  'confidence',
  'retrieved',
] as const

/** Labels held in memory as a label CSV that parseLabelsCsv reads back unchanged. */
export function labelsCsv(labels: readonly Label[]): string {
  const field = (value: string) =>
    /[",\r\n#]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
  const rows = labels.map((label) =>
    COLUMNS.map((c) => field(label[c] ?? '')).join(','),
  )
  return `${[COLUMNS.join(','), ...rows].join('\n')}\n`
}
