/**
 * Case ids become directory names under the batch output. Ids come from a
 * spreadsheet someone else filled in, so they are treated as hostile: a clean
 * id is used as is; anything else becomes a slug plus a hash of the original,
 * which keeps the mapping stable between runs (resume depends on it).
 */
import { createHash } from 'node:crypto'

const CLEAN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
// Names Windows refuses as files whatever their extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i
/** Names the batch writes next to the case folders. */
const TAKEN = new Set([
  'summary.csv',
  'summary.json',
  'index.html',
  'explore.html',
  'freeze-requests',
  '.partial',
])

export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8)
}

export function isCleanId(id: string): boolean {
  return (
    CLEAN.test(id) &&
    !id.includes('..') &&
    !id.endsWith('.') &&
    !RESERVED.test(id) &&
    !TAKEN.has(id.toLowerCase())
  )
}

function slugifyId(id: string): string {
  const slug = id
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 48)
    .replace(/[-.]+$/g, '')
  return slug || 'case'
}

/** The directory for one id, independent of the other ids. */
export function caseDirName(id: string): string {
  return isCleanId(id) ? id : `${slugifyId(id)}-${shortHash(id)}`
}

/**
 * Directory names for a list of distinct ids, unique even on case-insensitive
 * file systems: ids whose names still collide all get the hash suffix.
 */
export function assignCaseDirs(ids: readonly string[]): string[] {
  const names = ids.map(caseDirName)
  const seen = new Map<string, number>()
  for (const name of names) {
    const key = name.toLowerCase()
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  const out = names.map((name, i) =>
    (seen.get(name.toLowerCase()) ?? 0) > 1
      ? `${slugifyId(ids[i] ?? '')}-${shortHash(ids[i] ?? '')}`
      : name,
  )
  // A hash collision among 8 hex digits is unlikely but not impossible.
  const used = new Set<string>()
  return out.map((name, i) => {
    let unique = name
    for (let n = 2; used.has(unique.toLowerCase()); n++)
      unique = `${slugifyId(ids[i] ?? '')}-${shortHash(`${ids[i]}#${n}`)}`
    used.add(unique.toLowerCase())
    return unique
  })
}
