/** Runs `trace` for the CLI: progress on stderr, report to disk and stdout, exit code from status. */

import { serializeReport } from '../report/build.js'
import { writeReportBundle } from '../report/bundle.js'
import { trace } from './api.js'
import type { CliIo } from './io.js'
import { parseSince, splitTxSeed, type TraceFlags } from './options.js'
import { createProgress } from './progress.js'
import { formatSummary } from './summary.js'

export async function runTrace(flags: TraceFlags, io: CliIo): Promise<0 | 3> {
  for (const tx of flags.tx) splitTxSeed(tx)
  const progress = createProgress(io, flags.progress && !flags.json)
  const { report, stack } = await trace({
    txs: flags.tx,
    address: flags.address
      ? {
          address: flags.address,
          since:
            flags.since !== undefined ? parseSince(flags.since) : undefined,
        }
      : undefined,
    victims: flags.victim,
    labelFiles: flags.labels,
    bundledLabels: flags.bundledLabels,
    policy: flags.policy,
    maxHops: flags.maxHops,
    maxNodes: flags.maxNodes,
    minAmount: flags.minAmount,
    esploraUrl: flags.esploraUrl,
    cache: flags.cache,
    cacheDir: flags.cacheDir,
    replay: flags.replay,
    rps: flags.rps,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    fetch: io.fetch,
    env: io.env,
    signal: io.signal,
    onProgress: progress.update,
    onEvent: progress.event,
  }).finally(progress.done)
  if (flags.out) {
    await writeReportBundle(report, {
      outDir: flags.out,
      audience: 'police',
      evidence: [...stack.http.touched().values()].map((record) => ({
        key: record.key,
        json: `${JSON.stringify(record, null, 2)}\n`,
      })),
    })
  }
  io.stdout(
    flags.json ? serializeReport(report) : formatSummary(report, flags.out),
  )
  return report.status === 'complete' ? 0 : 3
}
