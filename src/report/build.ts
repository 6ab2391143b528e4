/**
 * report.json from any model's TraceResult: decimal strings at the edge,
 * stable order everywhere. The walk says what happened; this only tells it.
 */

import { formatUnits } from '../core/amount.js'
import type { Seed } from '../core/seeds.js'
import type { SourceUse } from '../sources/types.js'
import { reconcile } from '../trace/reconcile.js'
import { assertBalanced, traceStatus } from '../trace/status.js'
import type { TraceResult } from '../trace/types.js'
import { buildAlerts } from './attribution.js'
import {
  type CaseOptions,
  caseSection,
  seedHeuristics,
  type TransferNotes,
  transferNotes,
} from './case-section.js'
import { cutsOf } from './cuts.js'
import { graphWithTxFees } from './edge-fees.js'
import { feeOnlyField } from './fee-only.js'
import {
  CASE_OPTION_FIELDS,
  inOrder,
  REPORT_FIELDS,
  UNEXPLORED_FIELDS,
} from './field-order.js'
import { reportGraph } from './graph.js'
import { withKnownAssets } from './known-assets.js'
import {
  assetReconciliation,
  headlineAsset,
  headlineReconciliation,
} from './reconciliation.js'
import {
  atRestRow,
  byAssetThenAmount,
  endpointOrder,
  hitRow,
  unexploredRow,
  withContract,
} from './rows.js'
import { isCrossChain, swapFields } from './swaps.js'
import { type Provenance, type Report, SCHEMA_VERSION } from './types.js'

export type BuildReportContext = TransferNotes & {
  seeds: readonly Seed[]
  /** A drained-wallet seed's outflow txs, each taken as a theft. */
  addressSeedTxs?:
    | readonly { txHash: string; time: number; assets: string[] }[]
    | undefined
  victims: readonly string[]
  options: CaseOptions
  generatedAt: string
  toolVersion: string
  sources: readonly SourceUse[]
  /** The chain tip, when the caller read it after the walk. */
  tipHeight?: number | null | undefined
  /** The wiring's own, added to the walk's. */
  limitations?: readonly string[] | undefined
  /** Synthetic or replayed data; absent for a live trace. */
  provenance?: Provenance | undefined
}

export function buildReport(
  traced: TraceResult,
  ctx: BuildReportContext,
): Report {
  const result = withKnownAssets(traced, [
    ...(ctx.filtered ?? [])
      .filter((f) => f.reason !== 'invalid-decimals')
      .map((f) => f.transfer.asset),
    ...(ctx.discrepancies ?? []).map((d) => d.transfer.asset),
  ])
  const native = result.nativeAsset
  const headline = headlineAsset(result.stolen, native)
  const reconciliations = reconcile(result)
  assertBalanced(reconciliations)
  const graph = graphWithTxFees(
    reportGraph(result.flow, native, (result.chains?.length ?? 0) > 1),
    result.txFees,
    native.decimals,
  )
  const rows = endpointRows(
    result,
    ctx.tipHeight ?? result.tipHeight ?? highestBlock(result),
  )
  const asset = withContract(
    { symbol: headline.symbol, decimals: headline.decimals },
    headline,
  )
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'fundtrace', version: ctx.toolVersion },
    generatedAt: ctx.generatedAt,
    ...(ctx.provenance ? { provenance: { ...ctx.provenance } } : {}),
    case: caseOf(result, ctx),
    policy: { ...result.policy },
    asset,
    // Recomputed with what only the wiring knows: sources that disagreed.
    status: traceStatus({
      endpoints: result.endpoints,
      reconciliations,
      discrepancies: ctx.discrepancies?.length,
    }),
    ...cutsField(result, ctx),
    reconciliation: headlineReconciliation(reconciliations, headline),
    ...rows,
    heuristics: [
      ...seedHeuristics(ctx.seeds, ctx.addressSeedTxs ?? []),
      ...result.heuristics.filter((h) => h.txHash).map((h) => ({ ...h })),
    ],
    graph,
    ...feeOnlyField(graph.edges, result.txFees, {
      chain: result.chain,
      symbol: native.symbol,
      decimals: native.decimals,
    }),
    sources: ctx.sources.map((s) => ({ ...s })),
    stats: {
      hops: result.stats.hops,
      txs: result.stats.txs,
      requests: ctx.sources.reduce((n, s) => n + s.requests, 0),
      addresses: result.stats.addresses,
    },
    reconciliations: reconciliations.map((r) =>
      assetReconciliation(r, (result.chains?.length ?? 0) > 1),
    ),
    ...limitationsField(result, ctx),
    ...transferNotes(ctx),
    ...swapFields(result),
  }
  // A trace through swaps lists every asset's books, whatever its seed model.
  const fields = isCrossChain(result)
    ? [...REPORT_FIELDS.account, 'chains' as const, 'swaps' as const]
    : REPORT_FIELDS[result.model]
  return inOrder(withAlerts(report, result.model), fields)
}

/** Written only when something was cut: reports of whole trails stay as they were. */
function cutsField(
  result: TraceResult,
  ctx: BuildReportContext,
): Pick<Report, 'cuts'> {
  const { options } = ctx
  const minAmount =
    typeof options.minAmount === 'bigint'
      ? formatUnits(options.minAmount, result.nativeAsset.decimals)
      : options.minAmount
  const cuts = cutsOf(result.endpoints, result.chain, {
    ...options,
    minAmount,
  })
  return cuts.length > 0 ? { cuts } : {}
}

/** Stable JSON: 2-space indent and a trailing newline. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** Sanctioned or hack-labelled endpoints, flagged first; the account model writes them only when there are any. */
function withAlerts(report: Report, model: TraceResult['model']): Report {
  const alerts = buildAlerts(report)
  return model === 'utxo' || alerts.length > 0 ? { ...report, alerts } : report
}

function caseOf(result: TraceResult, ctx: BuildReportContext): Report['case'] {
  const section = caseSection(result.chain, result.nativeAsset, ctx)
  return {
    ...section,
    options: inOrder(section.options, CASE_OPTION_FIELDS[result.model]),
  }
}

/** Hits, funds at rest and every other stop, each sorted by asset then amount. */
function endpointRows(
  result: TraceResult,
  asOf: number,
): Pick<Report, 'hits' | 'atRest' | 'unexplored'> {
  const { chain, endpoints } = result
  // A cross-chain trace's funds at rest are as of their own chain's tip.
  const tipOf = (on: string) =>
    on && on !== chain ? (result.tipHeights?.[on] ?? asOf) : asOf
  const sorted = [...endpoints].sort(endpointOrder)
  return {
    hits: [...result.hits]
      .sort(byAssetThenAmount)
      .map((h) => hitRow(h, h.asset.chain || chain, result.heuristics)),
    atRest: sorted
      .filter((e) => e.reason === 'unspent')
      .map((e) => atRestRow(e, e.asset.chain || chain, tipOf(e.asset.chain))),
    unexplored: sorted
      .filter((e) => e.reason !== 'unspent' && e.reason !== 'exchange')
      .map((e) =>
        inOrder(
          unexploredRow(e, e.asset.chain || chain),
          UNEXPLORED_FIELDS[result.model],
        ),
      ),
  }
}

/** UTXO reports list limitations only when there is one: reports without any stay as they were. */
function limitationsField(
  result: TraceResult,
  ctx: BuildReportContext,
): Pick<Report, 'limitations'> {
  const limitations = limitationsOf(result, ctx)
  return result.model === 'account' || limitations.length > 0
    ? { limitations }
    : {}
}

/** The walk's, the wiring's, and each heuristic tied to no tx (an unseen balance). */
function limitationsOf(result: TraceResult, ctx: BuildReportContext): string[] {
  const unseen = result.heuristics.filter((h) => !h.txHash)
  return [
    ...new Set([
      ...result.limitations,
      ...(ctx.limitations ?? []),
      ...unseen.map((h) => h.detail),
    ]),
  ]
}

function highestBlock(result: TraceResult): number {
  const heights = [
    ...result.endpoints.map((e) => e.block?.height ?? 0),
    ...result.flow.edges.map((e) => e.block ?? 0),
  ]
  return heights.reduce((h, b) => Math.max(h, b), 0)
}
