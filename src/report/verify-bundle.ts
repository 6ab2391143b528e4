/**
 * Whether a report folder is still what fundtrace sealed: MANIFEST.sha256,
 * manifest.json with its bundle hash, and every evidence record's own hash.
 * Replay and re-rendering refuse a folder that fails, so a hand-edited
 * bundle cannot be laundered into a freshly sealed one.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BaseError } from '../core/errors.js'
import { damagedRecords } from '../evidence/fileStore.js'
import { MANIFEST_FILE, verifyManifest } from './manifest.js'
import { type BundleProblem, SUMS_FILE, verifySums } from './sums.js'

export type BundleVerdict = {
  ok: boolean
  /** Files re-hashed against MANIFEST.sha256. */
  checked: number
  problems: BundleProblem[]
}

export async function verifyBundle(dir: string): Promise<BundleVerdict> {
  const sums = await verifySums(dir)
  const problems = [...sums.problems]
  if (existsSync(join(dir, MANIFEST_FILE))) {
    const manifest = await verifyManifest(dir).catch(() => ({
      problems: [`${MANIFEST_FILE}: not readable`],
    }))
    for (const line of manifest.problems)
      problems.push({ kind: 'manifest', path: line })
  }
  problems.push(...(await evidenceProblems(join(dir, 'evidence'))))
  return { ok: problems.length === 0, checked: sums.checked, problems }
}

async function evidenceProblems(evidenceDir: string): Promise<BundleProblem[]> {
  const damaged = await damagedRecords(evidenceDir)
  return damaged.map((path) => ({
    kind: 'evidence',
    path: `evidence/${path}`,
  }))
}

/** A bundle or evidence folder that fails its own hashes: exit 1, naming the files. */
export class TamperedBundleError extends BaseError {
  override name = 'TamperedBundleError'
}

/** What replay, re-rendering and watch read: everything else they write anew. */
function isInput(problem: BundleProblem): boolean {
  const path = problem.path
  return (
    path === 'report.json' ||
    path.startsWith('report.json:') ||
    path.startsWith('evidence/') ||
    path.startsWith('labels/') ||
    path.startsWith('bundleSha256') ||
    path === SUMS_FILE
  )
}

/**
 * Throws unless the files `dir` is read for (report.json and the evidence)
 * are intact. A bare evidence folder (a cache, no MANIFEST.sha256) is
 * checked record by record.
 */
export async function assertIntact(dir: string, use: string): Promise<void> {
  const sealed = existsSync(join(dir, SUMS_FILE))
  const problems = sealed
    ? (await verifyBundle(dir)).problems.filter(isInput)
    : (await damagedRecords(dir)).map(
        (path): BundleProblem => ({ kind: 'evidence', path }),
      )
  if (problems.length === 0) return
  const shown = problems.slice(0, 5).map((p) => `${p.kind}: ${p.path}`)
  throw new TamperedBundleError(
    `${use}: ${dir} fails its integrity check (${problems.length} problem${problems.length > 1 ? 's' : ''}); refusing to use it`,
    {
      metaMessages: [
        ...shown,
        ...(problems.length > 5 ? [`… and ${problems.length - 5} more`] : []),
        `Run: fundtrace verify ${dir}`,
      ],
    },
  )
}
