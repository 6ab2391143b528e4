/**
 * report.json from an account-model (EVM) walk. Choices, documented:
 * - One hit per deposit address and asset; `asset` is the symbol, `contract`
 *   the token contract (absent for the native coin); amounts are in the
 *   asset's own decimals.
 * - `outputIndex` (hits, at rest, unexplored, graph edges) is the transfer's
 *   position in its tx: the log index for ERC-20 (the explorer's row order when
 *   it gives none), the trace position for internal transfers, 0 for the tx's
 *   own value. Graph edges carry `kind` to tell them apart.
 * - At rest and unexplored rows name the latest tainted inflow into the address.
 * - The headline `reconciliation`/`asset` is the native coin when any was
 *   stolen, else the stolen asset with the largest whole-unit amount; every
 *   asset is in `reconciliations`.
 * - Unlabelled high-activity addresses ("likely service") are stops at a
 *   service (reason `service`, category `likely-service`) and counted under
 *   atServices, as labelled services are.
 */

import type { Asset } from '../core/types.js'
import type { AccountEdge, AccountWalkResult } from '../trace/account/types.js'
import type { PolicyName } from '../trace/types.js'
import { buildAlerts } from './attribution.js'
import {
  type BuildAccountReportContext,
  caseSection,
  seedHeuristics,
  transferNotes,
} from './build-account-context.js'
import {
  accountGraph,
  edgeIndex,
  withKnownAssets,
  withoutSweeps,
} from './build-account-graph.js'
import {
  assetReconciliations,
  headlineAsset,
  keyOf,
  sameAsset,
  stripAsset,
  withContract,
  zeroReconciliation,
} from './build-account-recon.js'
import {
  atRestRow,
  byAssetThenAmount,
  hitRow,
  type Inflows,
} from './build-account-rows.js'
import { unexploredRows } from './build-account-unexplored.js'
import { graphWithTxFees } from './edge-fees.js'
import { feeOnlyField } from './fee-only.js'
import { type Report, SCHEMA_VERSION } from './types.js'

export type {
  AccountTransferNote,
  BuildAccountReportContext,
} from './build-account-context.js'
export { isoTime, positionOf } from './build-account-rows.js'
export { headlineAsset }

export const ACCOUNT_POLICY_TEXT: Record<PolicyName, string> = {
  poison:
    'Poison: once an address holds tainted funds of an asset, every later outflow of that asset is treated as fully tainted; outside funds pulled in are reported as absorbed.',
  haircut:
    'Haircut: each outflow of an asset carries taint in proportion to the tainted share of the address balance at that moment; clean funds that arrived earlier dilute it.',
  fifo: 'FIFO: outflows of an asset spend the address balance first in, first out, in chain order (block, tx index, log index); clean funds that arrived earlier leave first.',
}

export function buildAccountReport(
  walked: AccountWalkResult,
  ctx: BuildAccountReportContext,
): Report {
  const result = withoutSweeps(
    withKnownAssets(walked, [
      ...(ctx.filtered ?? []).map((f) => f.transfer.asset),
      ...(ctx.discrepancies ?? []).map((d) => d.transfer.asset),
    ]),
  )
  const headline = headlineAsset(result, ctx.nativeAsset)
  const reconciliations = assetReconciliations(result)
  const top = reconciliations.find((r) => sameAsset(r, headline))
  const graph = graphWithTxFees(
    accountGraph(result, ctx.victims, ctx.options.policy),
    result.txFees,
    ctx.nativeAsset.decimals,
  )
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'fundtrace', version: ctx.toolVersion },
    generatedAt: ctx.generatedAt,
    case: caseSection(ctx),
    policy: {
      name: ctx.options.policy,
      description: ACCOUNT_POLICY_TEXT[ctx.options.policy],
    },
    asset: withContract(
      { symbol: headline.symbol, decimals: headline.decimals },
      headline,
    ),
    status: result.status,
    reconciliation: stripAsset(top ?? zeroReconciliation(headline)),
    ...endpointRows(result, ctx),
    heuristics: [
      ...seedHeuristics(ctx),
      ...result.heuristics.filter((h) => h.txHash).map((h) => ({ ...h })),
    ],
    graph,
    ...feeOnlyField(graph.edges, result.txFees, {
      chain: ctx.chain,
      symbol: ctx.nativeAsset.symbol,
      decimals: ctx.nativeAsset.decimals,
    }),
    sources: ctx.sources.map((s) => ({ ...s })),
    stats: accountStats(result, ctx),
    reconciliations,
    limitations: accountLimitations(result, ctx),
    ...transferNotes(ctx),
  }
  // Sanctioned or hack-labelled endpoints are flagged first, as on Bitcoin.
  const alerts = buildAlerts(report)
  return alerts.length ? { ...report, alerts } : report
}

/** Hits, funds at rest and unexplored rows, each sorted by asset then amount. */
function endpointRows(
  result: AccountWalkResult,
  ctx: BuildAccountReportContext,
): Pick<Report, 'hits' | 'atRest' | 'unexplored'> {
  const inflows = inflowsOf(result)
  const asOf = ctx.tipHeight ?? highestBlock(result.edges)
  return {
    hits: result.hits
      .map((h) =>
        hitRow(h, ctx.chain, inflows(h.address, h.asset), result.heuristics),
      )
      .sort(byAssetThenAmount),
    atRest: result.atRest
      .map((r) => atRestRow(r, ctx.chain, inflows(r.address, r.asset), asOf))
      .sort(byAssetThenAmount),
    unexplored: unexploredRows(result, ctx.chain, inflows).sort(
      byAssetThenAmount,
    ),
  }
}

/** Tainted inflows by address and asset (sweeps out of deposits are gone: withoutSweeps). */
function inflowsOf(result: AccountWalkResult): Inflows {
  const byInflow = edgeIndex(result.edges)
  return (address: string, asset: Asset) =>
    byInflow.get(`${address}|${keyOf(asset)}`) ?? []
}

function accountStats(
  result: AccountWalkResult,
  ctx: BuildAccountReportContext,
): Report['stats'] {
  return {
    hops: result.edges.reduce((n, e) => Math.max(n, e.hop), 0),
    txs: new Set(result.edges.map((e) => e.txHash)).size,
    requests: ctx.sources.reduce((n, s) => n + s.requests, 0),
    addresses: result.stats.addresses,
  }
}

/** The walk's, the wiring's, and each heuristic tied to no tx (an unseen balance). */
function accountLimitations(
  result: AccountWalkResult,
  ctx: BuildAccountReportContext,
): string[] {
  const unseen = result.heuristics.filter((h) => !h.txHash)
  return [
    ...new Set([
      ...result.limitations,
      ...(ctx.limitations ?? []),
      ...unseen.map((h) => h.detail),
    ]),
  ]
}

function highestBlock(edges: readonly AccountEdge[]): number {
  return edges.reduce((h, e) => Math.max(h, e.block), 0)
}
