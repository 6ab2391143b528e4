/** Runs `trace` for the CLI: progress on stderr, report to disk and stdout, exit code from status. */

import { trace } from '../api/trace.js'
import { loadCaseFile } from '../case/load.js'
import { applyCaseFacts } from '../case/timeline.js'
import { resolveChain } from '../chains/index.js'
import {
  type LabelSet,
  labelsOfFiles,
  readLabelFiles,
} from '../labels/label-set.js'
import { createCoinGeckoSource } from '../prices/coingecko.js'
import { loadPriceFile } from '../prices/file.js'
import { applyFiat, chainPriceSources } from '../prices/lookup.js'
import type { PriceSource } from '../prices/types.js'
import { serializeReport } from '../report/build.js'
import { usedEvidenceFiles } from '../report/bundle.js'
import { assertOutDirUsable, writeReportBundles } from '../report/bundles.js'
import { readBundleLabelSet } from '../report/label-set.js'
import type { Report } from '../report/types.js'
import type { HttpClient } from '../sources/types.js'
import type { CliIo } from './io.js'
import { unreachableError } from './network-error.js'
import { parseSince, type TraceFlags } from './options.js'
import { createProgress } from './progress.js'
import { formatSummary } from './summary.js'

export async function runTrace(flags: TraceFlags, io: CliIo): Promise<0 | 3> {
  // Bad case or price files are usage errors before any network request.
  const caseFacts = flags.case ? await loadCaseFile(flags.case) : undefined
  const priceFile = flags.prices ? await loadPriceFile(flags.prices) : undefined
  // A file or an unrelated folder at --out would only fail after the trace.
  if (flags.out) await assertOutDirUsable(flags.out)
  const labelSet = await traceLabelSet(flags)
  const progress = createProgress(io, flags.progress && !flags.json)
  // Only the client goes on: the adapter's caches and the engine's result are
  // garbage once the report is built, not held while the bundle is written.
  const { report: traced, http } = await trace({
    chain: flags.chain,
    txs: flags.tx,
    address: flags.address
      ? {
          address: flags.address,
          since:
            flags.since !== undefined ? parseSince(flags.since) : undefined,
        }
      : undefined,
    victims: flags.victim,
    labels: labelsOfFiles(labelSet.files),
    bundledLabels: labelSet.builtIn,
    policy: flags.policy,
    maxHops: flags.maxHops,
    maxNodes: flags.maxNodes,
    minAmount: flags.minAmount,
    serviceThreshold: flags.serviceThreshold,
    esploraUrl: flags.esploraUrl,
    explorerUrl: flags.explorerUrl,
    explorerKind: flags.explorerKind,
    rpcUrls: flags.rpcUrl,
    explorer: flags.explorer,
    chains: flags.chains,
    thorchainUrl: flags.thorchainUrl,
    cache: flags.cache,
    cacheDir: flags.cacheDir,
    replay: flags.replay,
    synthetic: flags.synthetic,
    rps: flags.rps,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    fetch: io.fetch,
    env: io.env,
    signal: io.signal,
    onProgress: progress.update,
    onEvent: progress.event,
  })
    .catch((err: unknown) => {
      throw unreachableError(err, urlFlags(flags.chain)) ?? err
    })
    .finally(progress.done)
  const withCase = caseFacts ? applyCaseFacts(traced, caseFacts) : traced
  try {
    return await finish(withCase, flags, { priceFile, labelSet }, http, io)
  } finally {
    // A --no-cache run's spooled evidence goes once the bundle is written.
    await http.close()
  }
}

/** The source flags of the chain that take a URL: the way around an outage. */
function urlFlags(chain: string): string[] {
  return resolveChain(chain).module.sourceFlags.filter((flag) =>
    flag.endsWith('-url'),
  )
}

/** Prices, the bundle and the summary for a finished trace. */
async function finish(
  traced: Report,
  flags: TraceFlags,
  inputs: { priceFile: PriceSource | undefined; labelSet: LabelSet },
  http: HttpClient,
  io: CliIo,
): Promise<0 | 3> {
  const report = await withFiat(traced, flags, inputs.priceFile, http)
  // A PDF failure (no Chromium) is reported after the summary; the rest is written.
  const failed = flags.out
    ? await writeBundles(report, flags, http, inputs.labelSet).then(
        () => undefined,
        (err: unknown) => err,
      )
    : undefined
  io.stdout(
    flags.json
      ? serializeReport(report)
      : formatSummary(report, flags.out, { full: flags.full }),
  )
  if (failed) throw failed
  return report.status === 'complete' ? 0 : 3
}

async function withFiat(
  report: Report,
  flags: TraceFlags,
  priceFile: PriceSource | undefined,
  http: HttpClient,
): Promise<Report> {
  const sources: PriceSource[] = []
  if (priceFile) sources.push(priceFile)
  if (flags.fiat === 'coingecko') sources.push(createCoinGeckoSource({ http }))
  return sources.length
    ? applyFiat(report, chainPriceSources(...sources))
    : report
}

/** Evidence is read after pricing, so price answers travel with the report. */
async function writeBundles(
  report: Report,
  flags: TraceFlags & { out?: string | undefined },
  http: HttpClient,
  labels: LabelSet,
): Promise<void> {
  const outDir = flags.out ?? '.'
  // The victim copy is written first so the outer MANIFEST.sha256 covers it;
  // it carries no raw evidence, which names the victim's addresses.
  await writeReportBundles(report, {
    outDir,
    evidence: usedEvidenceFiles(http),
    labels,
    redactVictim: flags.redactVictim,
    pdf: flags.pdf,
    chromium: flags.chromium,
  })
}

/**
 * Read once: the labels traced with are the bytes the bundle keeps. A replay
 * without --labels uses the label files its bundle carries, so the same
 * evidence gives the same report; --no-bundled-labels still turns built-ins off.
 */
async function traceLabelSet(flags: TraceFlags): Promise<LabelSet> {
  const given = flags.labels ?? []
  const carried =
    flags.replay && given.length === 0
      ? await readBundleLabelSet(flags.replay)
      : undefined
  if (carried)
    return {
      builtIn: flags.bundledLabels !== false && carried.builtIn,
      files: carried.files,
    }
  return {
    builtIn: flags.bundledLabels !== false,
    files: readLabelFiles(given),
  }
}
