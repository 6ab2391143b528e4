/**
 * Writes the report folder: data files, graph exports, evidence, report.html,
 * report.pdf on request, manifest.json, and last MANIFEST.sha256 over it all.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { redactVictim } from '../case/redact.js'
import { BaseError } from '../core/errors.js'
import type { EvidenceRecord } from '../evidence/types.js'
import type { LabelSet } from '../labels/label-set.js'
import { serializeReport } from './build.js'
import { reportCsvs } from './csv.js'
import {
  type EvidenceIndex,
  evidenceTokens,
  indexEvidence,
} from './explore/evidence-index.js'
import { renderExplore } from './explore/explore.js'
import { EXPLORE_FILE } from './explore/page.js'
import { graphExports } from './exports.js'
import { freezeRequests } from './freeze.js'
import { renderHtml } from './html/html.js'
import type { Audience } from './html/sections/context.js'
import { labelSetFiles } from './label-set.js'
import {
  buildManifest,
  bundleSha256,
  entryFor,
  MANIFEST_FILE,
  type Manifest,
  type ManifestEntry,
  reportId,
} from './manifest.js'
import { ChromiumNotFoundError, findChromium, renderPdf } from './pdf.js'
import { writeSums } from './sums.js'
import type { Report } from './types.js'

export type EvidenceFile = {
  key: string
  json: string
  /** An earlier answer to the same request, replaced by the one the report used: its retrieval stamp. */
  superseded?: string | undefined
}

/** Evidence files, one at a time: thousands of raw responses need not sit in memory together. */
export type EvidenceFiles = Iterable<EvidenceFile> | AsyncIterable<EvidenceFile>

/** Each record as its bundle file, read as the bundle is written. */
export async function* evidenceFiles(
  records: Iterable<EvidenceRecord> | AsyncIterable<EvidenceRecord>,
): AsyncGenerator<EvidenceFile> {
  for await (const record of records)
    yield { key: record.key, json: `${JSON.stringify(record, null, 2)}\n` }
}

/** The records a run used, then the earlier answers they replaced. */
export async function* usedEvidenceFiles(http: {
  evidence(): AsyncIterable<EvidenceRecord>
  superseded?(): EvidenceRecord[]
}): AsyncGenerator<EvidenceFile> {
  yield* evidenceFiles(http.evidence())
  yield* supersededFiles(http.superseded?.() ?? [])
}

/** Earlier answers this run found changed, kept beside the ones it used. */
export async function* supersededFiles(
  records: readonly EvidenceRecord[],
): AsyncGenerator<EvidenceFile> {
  for (const record of records)
    yield {
      key: record.key,
      json: `${JSON.stringify(record, null, 2)}\n`,
      superseded: record.retrievedAt.replace(/[^0-9TZ]/g, ''),
    }
}

export type WriteReportBundleOptions = {
  outDir: string
  audience: Audience
  evidence?: EvidenceFiles | undefined
  /** The label files and switches the trace ran with, for a later run on the bundle (watch). */
  labels?: LabelSet | undefined
  pdf?: boolean | undefined
  /** Chromium binary for the PDF; default /usr/bin/chromium or PATH. */
  chromium?: string | undefined
}

export type WrittenBundle = {
  outDir: string
  reportId: string
  bundleSha256: string
  manifest: Manifest
}

class InvalidEvidenceKeyError extends BaseError {
  override name = 'InvalidEvidenceKeyError'
}

/**
 * The victim copy is redacted in the data itself (src/case/redact.ts): the
 * victim's name, contact and own addresses are removed from report.json, the
 * CSVs, the freeze requests and the HTML alike. The police copy is complete.
 */
function prepareForAudience(report: Report, audience: Audience): Report {
  return audience === 'victim' ? redactVictim(report) : report
}

/**
 * evidence/<k0k1>/<key>.json; a superseded answer sits beside it as
 * <key>.superseded-<stamp>.json, which replay never reads.
 */
function evidencePath(file: EvidenceFile): string {
  const { key, superseded } = file
  // Keys are sha256 hex from the evidence store; anything else could escape outDir.
  if (!/^[0-9a-f]{16,128}$/i.test(key))
    throw new InvalidEvidenceKeyError(
      `invalid evidence key "${key.slice(0, 80)}"`,
    )
  if (superseded !== undefined && !/^[0-9TZ]{1,32}$/.test(superseded))
    throw new InvalidEvidenceKeyError(`invalid evidence stamp "${superseded}"`)
  const tail = superseded === undefined ? '' : `.superseded-${superseded}`
  return `evidence/${key.slice(0, 2)}/${key}${tail}.json`
}

/** The files derived from the report, keyed by relative path; with the evidence, the bundle hash covers them. The freeze letters cite that hash, so they come after it. */
function dataFiles(report: Report): Map<string, string> {
  const files = new Map<string, string>()
  files.set('report.json', serializeReport(report))
  for (const [name, text] of Object.entries(reportCsvs(report)))
    files.set(name, text)
  for (const [name, text] of Object.entries(graphExports(report)))
    files.set(name, text)
  return files
}

/**
 * Writes each evidence file as it arrives, keeping only its manifest entry
 * and, for the explorer, which tx hashes and addresses its request names.
 */
async function writeEvidence(
  outDir: string,
  evidence: EvidenceFiles,
  index: { entries: EvidenceIndex; wanted: ReadonlySet<string> },
): Promise<ManifestEntry[]> {
  const entries = new Map<string, ManifestEntry>()
  for await (const record of evidence) {
    const path = evidencePath(record)
    await put(outDir, path, record.json)
    entries.set(path, entryFor(path, record.json))
    indexEvidence(index.entries, index.wanted, path, requestOf(record.json))
  }
  return [...entries.values()]
}

function requestOf(json: string): { url?: unknown; requestBody?: unknown } {
  try {
    const parsed: unknown = JSON.parse(json)
    return parsed && typeof parsed === 'object' ? parsed : {}
  } catch {
    return {}
  }
}

async function put(
  outDir: string,
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  const file = join(outDir, ...path.split('/'))
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, data)
}

/**
 * Writes the whole folder. A PDF that cannot be made (no Chromium, or
 * Chromium failed) does not stop the rest: everything else, manifest.json and
 * MANIFEST.sha256 are written first, then the error is thrown.
 */
export async function writeReportBundle(
  input: Report,
  options: WriteReportBundleOptions,
): Promise<WrittenBundle> {
  const report = prepareForAudience(input, options.audience)
  const files = dataFiles(report)
  if (options.labels)
    for (const [path, text] of labelSetFiles(options.labels))
      files.set(path, text)
  const entries = [...files].map(([path, text]) => entryFor(path, text))
  await mkdir(options.outDir, { recursive: true })
  // The set of freeze requests is derived from the report: stale ones from an
  // earlier run into the same folder must not be left behind and hashed.
  await rm(join(options.outDir, 'freeze-requests'), {
    recursive: true,
    force: true,
  })
  const index = { entries: new Map(), wanted: evidenceTokens(report) }
  entries.push(
    ...(await writeEvidence(options.outDir, options.evidence ?? [], index)),
  )
  const hash = bundleSha256(entries)
  for (const req of freezeRequests(report, { bundleSha256: hash })) {
    files.set(req.path, req.text)
    entries.push(entryFor(req.path, req.text))
  }
  const html = await renderHtml(report, {
    audience: options.audience,
    bundleSha256: hash,
  })
  for (const [path, text] of files) await put(options.outDir, path, text)
  await put(options.outDir, 'report.html', html)
  entries.push(entryFor('report.html', html))
  const explore = await renderExplore(`fundtrace graph ${reportId(report)}`, [
    { report, caseId: '', reportHref: 'report.html', evidence: index.entries },
  ])
  await put(options.outDir, EXPLORE_FILE, explore)
  entries.push(entryFor(EXPLORE_FILE, explore))
  const pdfError = options.pdf
    ? await writePdf(options.outDir, options.chromium).then(
        (bytes) => void entries.push(entryFor('report.pdf', bytes)),
        (err: unknown) => err,
      )
    : undefined
  const manifest = buildManifest(report, entries)
  await put(
    options.outDir,
    MANIFEST_FILE,
    `${JSON.stringify(manifest, null, 2)}\n`,
  )
  await writeSums(options.outDir)
  if (pdfError) throw pdfError
  return {
    outDir: options.outDir,
    reportId: reportId(report),
    bundleSha256: hash,
    manifest,
  }
}

async function writePdf(
  outDir: string,
  chromium: string | undefined,
): Promise<Uint8Array> {
  const pdfPath = join(outDir, 'report.pdf')
  // A PDF from an earlier run would no longer match this report.html.
  await rm(pdfPath, { force: true })
  if (!findChromium(chromium)) throw new ChromiumNotFoundError()
  await renderPdf(join(outDir, 'report.html'), pdfPath, { chromium })
  return readFile(pdfPath)
}
