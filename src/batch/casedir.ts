/**
 * DIR/<case>/ on disk. A case folder is built aside and renamed into place,
 * and its `done` marker is written last, atomically: a folder without one is
 * unfinished and is traced again on the next run.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAtomic } from '../evidence/atomic-write.js'
import type { LabelSet } from '../labels/label-set.js'
import { type EvidenceFiles, writeReportBundle } from '../report/bundle.js'
import { assertOutDirUsable, swapIn } from '../report/bundles.js'
import type { Audience } from '../report/html/sections/context.js'
import type { Report } from '../report/types.js'

const DONE_FILE = 'done'
const PARTIAL = '.partial'

type DoneMarker = {
  caseId: string
  /** Hash of the case's inputs: a changed row is traced again. */
  fingerprint: string
  status: 'complete'
  finishedAt: string
}

export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value), 'utf8')
    .digest('hex')
}

/** The finished case's report, or undefined if it must be (re)traced. */
export async function readFinished(
  outDir: string,
  dir: string,
  print: string,
): Promise<Report | undefined> {
  try {
    const done = JSON.parse(
      await readFile(join(outDir, dir, DONE_FILE), 'utf8'),
    ) as Partial<DoneMarker>
    if (done.fingerprint !== print || done.status !== 'complete')
      return undefined
    const report = JSON.parse(
      await readFile(join(outDir, dir, 'report.json'), 'utf8'),
    ) as Report
    return report.status === 'complete' ? report : undefined
  } catch {
    return undefined
  }
}

type WriteCaseOptions = {
  outDir: string
  dir: string
  caseId: string
  print: string
  report: Report
  evidence: EvidenceFiles
  /** The label files and switch the case was traced with. */
  labels: LabelSet
  audience: Audience
  /** Writes the done marker (only for a complete trace). */
  done: boolean
  now: () => Date
}

export async function writeCase(options: WriteCaseOptions): Promise<void> {
  const { outDir, dir } = options
  const staging = join(
    outDir,
    PARTIAL,
    `${dir}.${randomBytes(6).toString('hex')}`,
  )
  const final = join(outDir, dir)
  try {
    await writeReportBundle(options.report, {
      outDir: staging,
      audience: options.audience,
      evidence: options.evidence,
      labels: options.labels,
    })
    // Same rules as trace --out: an earlier bundle is replaced whole; a file
    // or someone else's folder that appeared during the run is not deleted.
    await assertOutDirUsable(final)
    await swapIn(staging, final)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  if (!options.done) return
  const marker: DoneMarker = {
    caseId: options.caseId,
    fingerprint: options.print,
    status: 'complete',
    finishedAt: options.now().toISOString(),
  }
  await writeAtomic(
    join(final, DONE_FILE),
    `${JSON.stringify(marker, null, 2)}\n`,
  )
}

/**
 * Before any network work, as trace does for --out: a case folder that is a
 * file, or a non-empty folder holding no fundtrace report, is refused (exit
 * 2) rather than deleted when the case is written.
 */
export async function assertCaseDirsUsable(
  outDir: string,
  dirs: readonly string[],
): Promise<void> {
  for (const dir of dirs) await assertOutDirUsable(join(outDir, dir))
}

export async function clearStaging(outDir: string): Promise<void> {
  await rm(join(outDir, PARTIAL), { recursive: true, force: true })
}
