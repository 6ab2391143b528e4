/**
 * MANIFEST.sha256: one `sha256sum` line per file in the folder, so anyone can
 * check a bundle with `sha256sum -c MANIFEST.sha256` and no fundtrace at all.
 */
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sha256Hex } from './manifest.js'

export const SUMS_FILE = 'MANIFEST.sha256'

/**
 * Top-level files written after the bundle is sealed that hold no evidence:
 * a batch's resume marker says only that the case folder is finished.
 */
const UNSEALED = new Set([SUMS_FILE, 'done'])

/** Every regular file under dir, as sorted POSIX paths; symlinks apart. */
export async function listFiles(
  dir: string,
): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = []
  const links: string[] = []
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(dir, rel), { withFileTypes: true })
    for (const entry of entries) {
      // A watched folder's earlier revisions are bundles sealed on their own.
      if (!rel && entry.name === 'revisions' && entry.isDirectory()) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isSymbolicLink()) links.push(path)
      else if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) files.push(path)
    }
  }
  await walk('')
  return { files: files.sort(byteOrder), links: links.sort(byteOrder) }
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return Buffer.compare(x, y)
}

/** GNU coreutils escapes `\` and newline in names and marks the line with `\`. */
export function sumsLine(sha256: string, path: string): string {
  if (!/[\\\n\r]/.test(path)) return `${sha256}  ${path}\n`
  const escaped = path
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
  return `\\${sha256}  ${escaped}\n`
}

type SumsEntry = { sha256: string; path: string }

/** Parses sha256sum output; malformed lines are returned by line number. */
export function parseSums(text: string): {
  entries: SumsEntry[]
  malformed: number[]
} {
  const entries: SumsEntry[] = []
  const malformed: number[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    if (line === '') return
    const m = /^(\\?)([0-9a-fA-F]{64}) [ *](.+)$/.exec(line)
    if (!m?.[2] || !m[3]) {
      malformed.push(i + 1)
      return
    }
    const path = m[1]
      ? m[3].replace(/\\(\\|n|r)/g, (_, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
        )
      : m[3]
    entries.push({ sha256: m[2].toLowerCase(), path })
  })
  return { entries, malformed }
}

/** Hashes every file in dir except MANIFEST.sha256 and writes it. */
export async function writeSums(dir: string): Promise<SumsEntry[]> {
  const { files } = await listFiles(dir)
  const entries: SumsEntry[] = []
  for (const path of files.filter((p) => p !== SUMS_FILE))
    entries.push({ path, sha256: sha256Hex(await readFile(join(dir, path))) })
  await writeFile(
    join(dir, SUMS_FILE),
    entries.map((e) => sumsLine(e.sha256, e.path)).join(''),
  )
  return entries
}

export type BundleProblem = {
  kind:
    | 'missing'
    | 'changed'
    | 'extra'
    | 'malformed'
    | 'unsafe'
    | 'symlink'
    | 'manifest'
    | 'evidence'
  path: string
}

type BundleCheck = {
  ok: boolean
  checked: number
  problems: BundleProblem[]
}

const unsafe = (path: string) =>
  path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '')

/** Re-hashes every listed file and lists what is missing, changed or extra. */
export async function verifySums(dir: string): Promise<BundleCheck> {
  const text = await readFile(join(dir, SUMS_FILE), 'utf8').catch(() => null)
  if (text === null)
    return {
      ok: false,
      checked: 0,
      problems: [{ kind: 'missing', path: SUMS_FILE }],
    }
  const { entries, malformed } = parseSums(text)
  const problems: BundleProblem[] = malformed.map((n) => ({
    kind: 'malformed',
    path: `${SUMS_FILE} line ${n}`,
  }))
  const listed = new Set<string>()
  let checked = 0
  for (const entry of entries) {
    listed.add(entry.path)
    if (unsafe(entry.path)) {
      problems.push({ kind: 'unsafe', path: entry.path })
      continue
    }
    const file = join(dir, ...entry.path.split('/'))
    const info = await lstat(file).catch(() => null)
    if (!info?.isFile()) {
      problems.push({
        kind: info?.isSymbolicLink() ? 'symlink' : 'missing',
        path: entry.path,
      })
      continue
    }
    checked++
    if (sha256Hex(await readFile(file)) !== entry.sha256)
      problems.push({ kind: 'changed', path: entry.path })
  }
  const { files, links } = await listFiles(dir)
  for (const path of files)
    if (!UNSEALED.has(path) && !listed.has(path))
      problems.push({ kind: 'extra', path })
  for (const path of links)
    if (!listed.has(path)) problems.push({ kind: 'symlink', path })
  return { ok: problems.length === 0, checked, problems }
}
