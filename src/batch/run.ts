/**
 * `batch(cases, options)`: many traces under one API budget. Cases run N at
 * a time over one shared client; each writes DIR/<case>/ and, when complete,
 * a `done` marker; a re-run skips those and resumes the rest from the store.
 */
import pLimit from 'p-limit'
import type { TraceOptions } from '../api/trace.js'
import { DEFAULT_ESPLORA_URL } from '../chains/bitcoin/sources.js'
import type { ChainSourceMap } from '../chains/cross/sources.js'
import type { ExplorerKind } from '../chains/evm/wiring.js'
import type { Label } from '../core/types.js'
import type { EvidenceStore } from '../evidence/types.js'
import type { Audience } from '../report/html/sections/context.js'
import { assertIntact } from '../report/verify-bundle.js'
import { defaultCacheDir, recordedSourceUrl } from '../sources/setup.js'
import type { HostLimit, HttpEvent } from '../sources/types.js'
import type { PolicyName } from '../trace/types.js'
import { base, prepare, runCase } from './case-run.js'
import { assertCaseDirsUsable, clearStaging, readFinished } from './casedir.js'
import type { BatchCase } from './cases.js'
import { createBatchClient } from './client.js'
import { planEvmCases } from './evm.js'
import { crossCaseLinks } from './links.js'
import type { SharedRequests } from './shared-requests.js'
import { writeSummary } from './summary.js'
import type { BatchProgressEvent, BatchResult, CaseOutcome } from './types.js'

export type BatchOptions = {
  /** DIR: one folder per case plus summary.csv, index.html, freeze-requests/. */
  outDir: string
  /** Cases traced at once (default 4). */
  concurrency?: number | undefined
  esploraUrl?: string | undefined
  cache?: boolean | undefined
  cacheDir?: string | undefined
  replay?: string | undefined
  /** A shared evidence store (see docs/distributed.md); replaces the file store. */
  store?: EvidenceStore | undefined
  /** Requests per second per API host, shared by every case. */
  rps?: number | undefined
  hostConcurrency?: number | undefined
  limits?: Record<string, HostLimit> | undefined
  timeoutMs?: number | undefined
  retries?: number | undefined
  secrets?: readonly string[] | undefined
  fetch?: typeof globalThis.fetch | undefined
  env?: Record<string, string | undefined> | undefined
  /** Label files for every case (each case may add its own). */
  labelFiles?: readonly string[] | undefined
  labels?: readonly Label[] | undefined
  bundledLabels?: boolean | undefined
  /** Defaults for cases that do not set their own. */
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  minAmount?: string | undefined
  audience?: Audience | undefined
  /** EVM: Etherscan-v2-compatible API (default Etherscan; key from ETHERSCAN_API_KEY in `env` or the config file). */
  explorerUrl?: string | undefined
  explorerKind?: ExplorerKind | undefined
  /** EVM: JSON-RPC URLs, later ones are fallbacks. A row's rpc_url replaces them. */
  rpcUrls?: readonly string[] | undefined
  /** EVM: false for RPC only (--no-explorer). */
  explorer?: boolean | undefined
  /**
   * Each named chain's sources (`--explorer-url CHAIN=URL`), shared by every
   * case: that chain's rows (unless the row names its own) and every case
   * that crosses to it through a swap.
   */
  chains?: ChainSourceMap | undefined
  /** A thornode to cross-check THORChain swaps against (see TraceOptions). */
  thorchainUrl?: string | undefined
  /** Passed to every `trace` call as is; the fields above win. */
  traceOptions?: Partial<TraceOptions> | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((event: BatchProgressEvent) => void) | undefined
  onEvent?: ((event: HttpEvent) => void) | undefined
  now?: (() => Date) | undefined
}

export async function batch(
  cases: readonly BatchCase[],
  options: BatchOptions,
): Promise<BatchResult> {
  const outDir = options.outDir
  const now = options.now ?? (() => new Date())
  const emit = options.onProgress ?? (() => {})
  if (options.replay) await assertIntact(options.replay, '--replay')
  const prepared = prepare(cases, options)
  // As with trace --replay, a bundle names the Esplora it was recorded from.
  const esploraUrl = (
    options.esploraUrl ??
    (options.replay ? recordedSourceUrl(options.replay) : undefined) ??
    DEFAULT_ESPLORA_URL
  ).replace(/\/+$/, '')
  const t = options.traceOptions ?? {}
  // Before any network work: a case with no usable source fails the batch.
  const evm = planEvmCases(cases, {
    explorerUrl: options.explorerUrl ?? t.explorerUrl,
    explorerKind: options.explorerKind ?? t.explorerKind,
    rpcUrls: options.rpcUrls ?? t.rpcUrls,
    explorer: options.explorer ?? t.explorer,
    chains: options.chains ?? t.chains,
    thorchainUrl: options.thorchainUrl ?? t.thorchainUrl,
    env: options.env ?? t.env,
    replay: options.replay,
    rps: options.rps,
    hostConcurrency: options.hostConcurrency,
  })
  await assertCaseDirsUsable(
    outDir,
    prepared.map((p) => p.c.dir),
  )
  const shared = createBatchClient({
    esploraUrl,
    cache: options.cache,
    cacheDir: options.cacheDir ?? defaultCacheDir(options.env),
    replay: options.replay,
    store: options.store,
    rps: options.rps,
    hostConcurrency: options.hostConcurrency,
    limits: { ...evm.limits, ...options.limits },
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    // The API key and RPC keys are the shared client's secrets, for every case.
    secrets: [...(options.secrets ?? []), ...evm.secrets],
    fetch: options.fetch,
    onEvent: options.onEvent,
  })
  const signal = options.signal
  const onAbort = () => shared.stop()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await clearStaging(outDir)
    const finished = await Promise.all(
      prepared.map((p) => readFinished(outDir, p.c.dir, p.print)),
    )
    emit({
      type: 'batch-start',
      total: cases.length,
      finished: finished.filter(Boolean).length,
    })
    const limit = pLimit(Math.max(1, options.concurrency ?? 4))
    const outcomes = await Promise.all(
      prepared.map((p, i) => {
        const report = finished[i]
        if (report)
          return {
            ...base(p.c),
            status: 'complete' as const,
            resumed: true,
            report,
          }
        return limit(() =>
          runCase(
            p,
            { ...options, esploraUrl, now, evm: evm.sources.get(p.c.id) },
            shared,
            emit,
          ),
        )
      }),
    )
    return await finish(
      outcomes,
      shared,
      outDir,
      emit,
      signal?.aborted ?? false,
    )
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}

async function finish(
  outcomes: CaseOutcome[],
  shared: SharedRequests,
  outDir: string,
  emit: (e: BatchProgressEvent) => void,
  interrupted: boolean,
): Promise<BatchResult> {
  const traced = outcomes.flatMap((o) =>
    o.report ? [{ id: o.id, dir: o.dir, report: o.report }] : [],
  )
  const links = crossCaseLinks(traced)
  await writeSummary(outDir, outcomes, links)
  // Look-ups already on the wire finish and are stored, so a re-run needs none of them.
  await shared.drain()
  const attempts = [...shared.attempts().values()]
  const requests = attempts.reduce((a, n) => a + n, 0)
  const complete = outcomes.filter((o) => o.status === 'complete').length
  emit({
    type: 'batch-done',
    total: outcomes.length,
    complete,
    requests,
    distinct: attempts.length,
  })
  return {
    outDir,
    cases: outcomes,
    links,
    requests,
    distinctRequests: attempts.length,
    complete: complete === outcomes.length,
    interrupted,
  }
}
