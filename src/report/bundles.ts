/** The police bundle and, on request, the victim copy inside it. */
import { join } from 'node:path'
import {
  type EvidenceFiles,
  type WrittenBundle,
  writeReportBundle,
} from './bundle.js'
import type { Audience } from './html/sections/context.js'
import type { Report } from './types.js'

const VICTIM_COPY_DIR = 'victim-copy'

type WriteReportBundlesOptions = {
  outDir: string
  /** The audience of outDir itself; default police. */
  audience?: Audience | undefined
  evidence?: EvidenceFiles | undefined
  /** Also write outDir/victim-copy/ (redacted, without the raw evidence). */
  redactVictim?: boolean | undefined
  pdf?: boolean | undefined
  chromium?: string | undefined
}

type WrittenBundles = {
  main: WrittenBundle
  victim?: WrittenBundle | undefined
}

/**
 * The victim copy is written first so that the outer MANIFEST.sha256 covers
 * it too. A PDF error in either copy is thrown only after both are written.
 */
export async function writeReportBundles(
  report: Report,
  options: WriteReportBundlesOptions,
): Promise<WrittenBundles> {
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
  }).catch(keep)
  if (errors.length || !main) throw errors[0]
  return { main, victim }
}
