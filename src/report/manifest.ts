/** Integrity: per-file SHA-256, a bundle hash, and verification of a folder. */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report } from './types.js'

export const MANIFEST_FILE = 'manifest.json'

/**
 * Files left out of the bundle hash: they carry the hash themselves, or (the
 * explorer) are a viewer over report.json that carries a program, not facts.
 */
const PRESENTATION_FILES = [
  'report.html',
  'report.pdf',
  'explore.html',
  MANIFEST_FILE,
]
/** The freeze letters print the bundle hash too, so it cannot cover them. */
const LETTERS_DIR = 'freeze-requests/'

/** What manifests written before the letters carried the hash say they cover. */
const COVERS_WITH_LETTERS =
  'every file listed except report.html, report.pdf, manifest.json'
export const BUNDLE_COVERS = `every file listed except ${PRESENTATION_FILES.join(', ')}, ${LETTERS_DIR}*`

export type ManifestEntry = { path: string; sha256: string; size: number }

export type Manifest = {
  version: 1
  algorithm: 'sha256'
  reportId: string
  /** sha256 over the sorted `sha256  path\n` lines of `bundleCovers`. */
  bundleSha256: string
  bundleCovers: string
  files: ManifestEntry[]
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export function entryFor(
  path: string,
  data: string | Uint8Array,
): ManifestEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  return { path, sha256: sha256Hex(bytes), size: bytes.byteLength }
}

/** `sha256sum`-compatible lines, sorted by path (byte order). */
export function manifestLines(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('')
}

export function isLetter(path: string): boolean {
  return path.startsWith(LETTERS_DIR)
}

/**
 * The bundle hash over every entry except the files that print it. `covers`
 * is the manifest's own statement, so a bundle written before the letters
 * carried the hash (letters covered) still verifies.
 */
export function bundleSha256(
  entries: readonly ManifestEntry[],
  covers: string = BUNDLE_COVERS,
): string {
  const letters = covers !== COVERS_WITH_LETTERS
  const covered = entries.filter(
    (e) =>
      !PRESENTATION_FILES.includes(e.path) && !(letters && isLetter(e.path)),
  )
  return sha256Hex(manifestLines(covered))
}

/** JSON with sorted keys, so the id does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** First 16 hex of sha256 over the canonical report without generatedAt. */
export function reportId(report: Report): string {
  const { generatedAt: _ignored, ...rest } = report
  return sha256Hex(canonical(rest)).slice(0, 16)
}

export function buildManifest(
  report: Report,
  entries: readonly ManifestEntry[],
): Manifest {
  const files = [...entries].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  )
  return {
    version: 1,
    algorithm: 'sha256',
    reportId: reportId(report),
    bundleSha256: bundleSha256(files),
    bundleCovers: BUNDLE_COVERS,
    files,
  }
}

type VerifyResult = { ok: boolean; problems: string[] }

/** Re-hashes every file the manifest lists and re-derives the bundle hash. */
export async function verifyManifest(dir: string): Promise<VerifyResult> {
  const manifest = JSON.parse(
    await readFile(join(dir, MANIFEST_FILE), 'utf8'),
  ) as Manifest
  const problems: string[] = []
  for (const entry of manifest.files) {
    if (entry.path.split('/').some((p) => p === '..' || p === '')) {
      problems.push(`${entry.path}: unsafe path`)
      continue
    }
    const file = join(dir, entry.path)
    const info = await stat(file).catch(() => null)
    if (!info) {
      problems.push(`${entry.path}: missing`)
      continue
    }
    const actual = sha256Hex(await readFile(file))
    if (actual !== entry.sha256) problems.push(`${entry.path}: sha256 mismatch`)
    if (info.size !== entry.size) problems.push(`${entry.path}: size mismatch`)
  }
  if (
    bundleSha256(manifest.files, manifest.bundleCovers) !==
    manifest.bundleSha256
  )
    problems.push('bundleSha256 does not match the listed files')
  return { ok: problems.length === 0, problems }
}
