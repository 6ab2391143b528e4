/** The library entry point that mirrors `fundtrace trace`: options in, a Report out. */
import { runCrossChain } from '../chains/cross/run.js'
import type { ChainSourceMap } from '../chains/cross/sources.js'
import { resolveChain } from '../chains/index.js'
import type { Progress, SourceOptions } from '../chains/types.js'
import { TRACE_DEFAULTS } from '../core/defaults.js'
import type { Label } from '../core/types.js'
import { buildReport } from '../report/build.js'
import type { Provenance, Report } from '../report/types.js'
import { assertIntact } from '../report/verify-bundle.js'
import { recordedSynthetic } from '../sources/setup.js'
import type { HttpClient, SourceUse } from '../sources/types.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import { VERSION } from '../version.js'
import { loadTraceLabels } from './labels.js'

export type TraceOptions = SourceOptions & {
  /** 'bitcoin' (default), an EVM chain name or a numeric EVM chain id. */
  chain?: string | undefined
  /** `TXID` or `TXID:VOUT` (Bitcoin), or a tx hash (EVM). */
  txs?: readonly string[] | undefined
  /** A drained wallet: its outflows from `since` (unix seconds) on are the theft. */
  address?: { address: string; since?: number | undefined } | undefined
  victims?: readonly string[] | undefined
  labelFiles?: readonly string[] | undefined
  labels?: readonly Label[] | undefined
  bundledLabels?: boolean | undefined
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  /** Whole units as text ("0.00000546"), applied to each asset in its own decimals. */
  minAmount?: string | undefined
  /** Account chains: more transfers than this and an address stops as a likely service. */
  serviceThreshold?: number | undefined
  /**
   * Made-up transactions (a demo or training case served locally): the report
   * says so on its cover and links to no public explorer. A replay of a
   * synthetic bundle is synthetic without it.
   */
  synthetic?: boolean | undefined
  signal?: AbortSignal | undefined
  /** `txs` counts transactions (UTXO) or addresses read (account). */
  onProgress?: ((p: Progress) => void) | undefined
  now?: (() => Date) | undefined
  /**
   * Sources of the chains other than `chain` that a swap may lead to, by
   * chain name (Bitcoin's is always `esploraUrl`). A chain reached without
   * one stops with `no-source`.
   */
  chains?: ChainSourceMap | undefined
  /**
   * A thornode (`https://thornode.example`) to cross-check THORChain swaps
   * matched from chain data: `/thorchain/tx/status/<inbound>`. Optional: no
   * request is made without it.
   */
  thorchainUrl?: string | undefined
}

export type TraceOutcome = {
  model: 'utxo' | 'account'
  report: Report
  result: TraceResult
  /** The client that fetched the evidence: the bundle reads it back from here. */
  http: HttpClient
}

/**
 * Traces one case end to end, on whichever chain module `chain` names.
 * @example
 * const { report } = await trace({ txs: ['f4184fc5…:1'], replay: 'fixtures/cases/satoshi-hal' })
 */
export async function trace(options: TraceOptions): Promise<TraceOutcome> {
  const chain = resolveChain(options.chain ?? 'bitcoin')
  if (options.replay) await assertIntact(options.replay, '--replay')
  const request = {
    ...options,
    txs: options.txs ?? [],
    victims: options.victims ?? [],
    labels: loadTraceLabels(options),
    policy: options.policy ?? TRACE_DEFAULTS.policy,
    maxHops: options.maxHops ?? TRACE_DEFAULTS.maxHops,
    maxNodes: options.maxNodes ?? TRACE_DEFAULTS.maxNodes,
    minAmount: options.minAmount ?? TRACE_DEFAULTS.minAmount,
  }
  const { result, http, context } = await runCrossChain(chain, request)
  const { minAmount, ...facts } = context
  const report = buildReport(result, {
    ...facts,
    options: {
      maxHops: request.maxHops,
      maxNodes: request.maxNodes,
      minAmount,
      policy: request.policy,
    },
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    toolVersion: VERSION,
    provenance: provenanceOf(options, facts.sources),
  })
  return { model: chain.model, report, result, http }
}

/** Synthetic or replayed: what the cover must say; undefined for a live trace. */
function provenanceOf(
  options: Pick<TraceOptions, 'synthetic' | 'replay'>,
  sources: readonly SourceUse[],
): Provenance | undefined {
  const synthetic =
    options.synthetic === true ||
    (options.replay !== undefined && recordedSynthetic(options.replay))
  // Replayed evidence keeps the retrieval times of the run that recorded it.
  const recorded = sources
    .map((s) => s.firstRetrievedAt)
    .filter((t): t is string => t !== null)
    .sort()
  if (!synthetic && !options.replay) return undefined
  return {
    ...(synthetic ? { synthetic: true as const } : {}),
    ...(options.replay ? { replay: { recordedAt: recorded[0] ?? null } } : {}),
  }
}
