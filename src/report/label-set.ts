/**
 * The label files a report was traced with, inside its bundle:
 * labels/<n>-<name>.csv byte for byte, and labels/labels.json saying which
 * they are, their SHA-256 and whether the built-in labels were on. The
 * manifest hashes them like every other file.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { LabelSet } from '../labels/label-set.js'
import { sha256Hex } from './manifest.js'
import { TamperedBundleError } from './verify-bundle.js'

export const LABELS_INDEX = 'labels/labels.json'

type LabelIndex = {
  version: 1
  builtIn: boolean
  files: { path: string; name: string; sha256: string }[]
}

/** Only names of our own making are read back: no path leaves labels/. */
const FILE_PATH = /^labels\/\d+-[A-Za-z0-9._-]{1,80}$/

/** The bundle files for a label set, keyed by relative path; the index last. */
export function labelSetFiles(set: LabelSet): Map<string, string> {
  const files = new Map<string, string>()
  const index: LabelIndex = { version: 1, builtIn: set.builtIn, files: [] }
  set.files.forEach((file, i) => {
    const safe = basename(file.name).replace(/[^A-Za-z0-9._-]/g, '_')
    const path = `labels/${i + 1}-${safe.slice(0, 80)}`
    files.set(path, file.text)
    // The name as given: a file without a source column cites it as the source.
    index.files.push({ path, name: file.name, sha256: sha256Hex(file.text) })
  })
  files.set(LABELS_INDEX, `${JSON.stringify(index, null, 2)}\n`)
  return files
}

/**
 * The label set a bundle carries, or undefined for a bundle written before
 * bundles carried one. A file that does not match its recorded hash throws.
 */
export async function readBundleLabelSet(
  dir: string,
): Promise<LabelSet | undefined> {
  const text = await readFile(join(dir, LABELS_INDEX), 'utf8').catch(() => null)
  if (text === null) return undefined
  const index = parseIndex(text, dir)
  const files = []
  for (const entry of index.files) {
    const path = join(dir, ...entry.path.split('/'))
    const body = await readFile(path, 'utf8').catch(() => null)
    if (body === null || sha256Hex(body) !== entry.sha256)
      throw new TamperedBundleError(
        `${dir}: ${entry.path} is ${body === null ? 'missing' : 'not the label file the report was traced with'}; run: fundtrace verify ${dir}`,
      )
    files.push({ name: entry.name, text: body })
  }
  return { builtIn: index.builtIn, files }
}

function parseIndex(text: string, dir: string): LabelIndex {
  const bad = () =>
    new TamperedBundleError(`${dir}: ${LABELS_INDEX} is not a label index`)
  let data: Partial<LabelIndex>
  try {
    data = JSON.parse(text) as Partial<LabelIndex>
  } catch {
    throw bad()
  }
  const files = Array.isArray(data.files) ? data.files : null
  if (typeof data.builtIn !== 'boolean' || files === null) throw bad()
  for (const f of files)
    if (
      typeof f?.path !== 'string' ||
      !FILE_PATH.test(f.path) ||
      typeof f.name !== 'string' ||
      typeof f.sha256 !== 'string'
    )
      throw bad()
  return { version: 1, builtIn: data.builtIn, files }
}
