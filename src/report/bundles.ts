/** The police bundle and, on request, the victim copy inside it. */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { UsageError } from '../core/errors.js'
import type { LabelSet } from '../labels/label-set.js'
import {
  type EvidenceFiles,
  type WrittenBundle,
  writeReportBundle,
} from './bundle.js'
import type { Audience } from './html/sections/context.js'
import { MANIFEST_FILE } from './manifest.js'
import { SUMS_FILE } from './sums.js'
import type { Report } from './types.js'

const VICTIM_COPY_DIR = 'victim-copy'

type WriteReportBundlesOptions = {
  outDir: string
  /** The audience of outDir itself; default police. */
  audience?: Audience | undefined
  evidence?: EvidenceFiles | undefined
  /** Copied into the police bundle only, like the evidence. */
  labels?: LabelSet | undefined
  /** Also write outDir/victim-copy/ (redacted, without the raw evidence). */
  redactVictim?: boolean | undefined
  pdf?: boolean | undefined
  chromium?: string | undefined
}

type WrittenBundles = {
  main: WrittenBundle
  victim?: WrittenBundle | undefined
}

/** What is at the --out path today, as far as replacing it is concerned. */
export type OutDirState =
  | 'missing'
  | 'empty'
  | 'bundle'
  | 'file'
  | 'parent-not-folder'
  | 'foreign'

/** A folder is an earlier bundle only if it carries fundtrace's own seal files. */
export function isBundleListing(names: readonly string[]): boolean {
  const has = (name: string) => names.includes(name)
  return has(SUMS_FILE) || (has(MANIFEST_FILE) && has('report.json'))
}

export async function outDirState(outDir: string): Promise<OutDirState> {
  const info = await stat(outDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return err.code
    throw err
  })
  if (info === 'ENOTDIR') return 'parent-not-folder'
  if (info === 'ENOENT') {
    // mkdir -p would fail late on a file among the missing parents.
    const parent = dirname(outDir)
    if (parent === outDir) return 'missing'
    const above = await outDirState(parent)
    return above === 'file' || above === 'parent-not-folder'
      ? 'parent-not-folder'
      : 'missing'
  }
  if (!info.isDirectory()) return 'file'
  const names = await readdir(outDir)
  if (names.length === 0) return 'empty'
  return isBundleListing(names) ? 'bundle' : 'foreign'
}

/**
 * Refuses an --out path that could only fail after the trace, or that would
 * mix the report into someone else's files: checked before any network work.
 */
export async function assertOutDirUsable(outDir: string): Promise<void> {
  const state = await outDirState(resolve(outDir))
  if (state === 'file')
    throw new UsageError(`--out ${outDir}: is a file, not a folder`)
  if (state === 'parent-not-folder')
    throw new UsageError(`--out ${outDir}: a parent of it is a file`)
  if (state === 'foreign')
    throw new UsageError(
      `--out ${outDir}: folder is not empty and holds no fundtrace report; give a new or empty folder`,
    )
}

/**
 * The bundle goes into a fresh sibling folder that then replaces outDir
 * whole, so nothing of an earlier run (victim copy, freeze letters, PDF,
 * evidence) is left beside the new files or sealed into the new manifest.
 */
export async function writeReportBundles(
  report: Report,
  options: WriteReportBundlesOptions,
): Promise<WrittenBundles> {
  const target = resolve(options.outDir)
  await assertOutDirUsable(target)
  // `--out .`: the folder the user stands in is kept, its contents swapped.
  const inPlace = holdsCwd(target)
  const tmp = inPlace
    ? join(target, `.fundtrace-new-${tag()}`)
    : siblingName(target, 'new')
  try {
    const written = await writeInto(report, { ...options, outDir: tmp })
    // A PDF failure comes after the seal: that bundle is complete, swap it in.
    const sealed = await stat(join(tmp, SUMS_FILE)).then(
      () => true,
      () => false,
    )
    if (sealed && inPlace) await swapContents(tmp, target)
    else if (sealed) await swapIn(tmp, target)
    if (written.error || !written.main) throw written.error
    const relocate = (b: WrittenBundle): WrittenBundle => ({
      ...b,
      outDir: join(options.outDir, b.outDir.slice(tmp.length)),
    })
    return {
      main: relocate(written.main),
      victim: written.victim && relocate(written.victim),
    }
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

const tag = () => `${process.pid}-${randomBytes(4).toString('hex')}`

function siblingName(target: string, what: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.fundtrace-${what}-${tag()}`,
  )
}

/**
 * Renaming the folder a shell stands in would leave that shell in a deleted
 * folder that looks empty: the report would seem never written.
 */
function holdsCwd(target: string): boolean {
  const cwd = process.cwd()
  return cwd === target || cwd.startsWith(`${target}${sep}`)
}

/**
 * The swap done entry by entry inside target: the old entries move aside
 * first and are deleted only once every new one is in place (on a failure
 * they stay in the `.fundtrace-old-*` folder, not lost).
 */
async function swapContents(tmp: string, target: string): Promise<void> {
  const trash = join(target, `.fundtrace-old-${tag()}`)
  await mkdir(trash)
  const ours = new Set([basename(tmp), basename(trash)])
  for (const name of await readdir(target))
    if (!ours.has(name)) await rename(join(target, name), join(trash, name))
  for (const name of await readdir(tmp))
    await rename(join(tmp, name), join(target, name))
  await rm(trash, { recursive: true, force: true })
}

/** rename is atomic per folder; the old one is out of the way before the new one lands. */
export async function swapIn(tmp: string, target: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined)
  if (!existing) {
    await rename(tmp, target)
    return
  }
  const trash = siblingName(target, 'old')
  await rename(target, trash)
  try {
    await rename(tmp, target)
  } catch (err) {
    await rename(trash, target)
    throw err
  }
  await rm(trash, { recursive: true, force: true })
}

type WrittenOrFailed = {
  main?: WrittenBundle | undefined
  victim?: WrittenBundle | undefined
  error?: unknown
}

/**
 * The victim copy is written first so that the outer MANIFEST.sha256 covers
 * it too. A PDF error in either copy is returned only after both are written.
 */
async function writeInto(
  report: Report,
  options: WriteReportBundlesOptions,
): Promise<WrittenOrFailed> {
  const errors: unknown[] = []
  const keep = (err: unknown) => {
    errors.push(err)
    return undefined
  }
  const common = { pdf: options.pdf, chromium: options.chromium }
  // The raw evidence names the victim's addresses, so the victim copy has none.
  const victim = options.redactVictim
    ? await writeReportBundle(report, {
        ...common,
        outDir: join(options.outDir, VICTIM_COPY_DIR),
        audience: 'victim',
      }).catch(keep)
    : undefined
  const main = await writeReportBundle(report, {
    ...common,
    outDir: options.outDir,
    audience: options.audience ?? 'police',
    evidence: options.evidence,
    labels: options.labels,
  }).catch(keep)
  return errors.length ? { main, victim, error: errors[0] } : { main, victim }
}
