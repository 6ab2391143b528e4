import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BaseError, formatZodIssues } from '../core/errors.js'
import {
  type Bundle,
  type BundledLabel,
  bundleSchema,
  decodeBundle,
} from './bundle-format.js'

class BundledLabelsError extends BaseError {
  override name = 'BundledLabelsError'
}

const RELATIVE = join('data', 'labels', 'bundled.json')

/** Walks up from this module: the file sits at the package root in src and dist. */
function bundledLabelsPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, RELATIVE)
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  throw new BundledLabelsError(`bundled label data not found (${RELATIVE})`)
}

let cache: { bundle: Bundle; labels: BundledLabel[] } | undefined

function load() {
  if (cache) return cache
  const path = bundledLabelsPath()
  const parsed = bundleSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    throw new BundledLabelsError(`${path}: invalid bundled label data`, {
      metaMessages: formatZodIssues(parsed.error.issues).slice(0, 5),
    })
  }
  cache = { bundle: parsed.data, labels: decodeBundle(parsed.data) }
  return cache
}

/** The labels shipped with fundtrace; each carries its origin id. */
export function loadBundledLabels(): BundledLabel[] {
  return load().labels
}

/** Origins (repo, commit, file, licence) of the bundled labels. */
export function bundledOrigins(): Bundle['origins'] {
  return load().bundle.origins
}
