/** report.json from a TraceResult: decimal strings at the edge, stable order everywhere. */
import { formatUnits, parseUnits } from '../core/amount.js'
import type { Seed } from '../core/seeds.js'
import type { Asset } from '../core/types.js'
import { exportGraph } from '../graph/export.js'
import { policies } from '../trace/policy.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import { buildAlerts } from './attribution.js'
import { endpointRows, isoTime } from './build-rows.js'
import { graphWithTxFees } from './edge-fees.js'
import { feeOnlyField } from './fee-only.js'
import { reconcile } from './reconcile.js'
import { type Report, SCHEMA_VERSION, type SourceUse } from './types.js'

export type BuildReportContext = {
  chain: string
  asset: Asset
  seeds: readonly Seed[]
  victims: readonly string[]
  options: {
    maxHops: number
    maxNodes: number
    /** Base units, or whole units as text ("0.00001"). */
    minAmount: bigint | string
    policy: PolicyName
  }
  generatedAt: string
  toolVersion: string
  sources: readonly SourceUse[]
}

export function buildReport(
  result: TraceResult,
  ctx: BuildReportContext,
): Report {
  const { decimals, symbol } = ctx.asset
  const fmt = (value: bigint) => formatUnits(value, decimals)
  const caseEntry = caseSection(ctx, fmt)
  const rows = endpointRows(result, ctx.chain, symbol, fmt)
  const asset = { symbol, decimals }
  const graph = graphWithTxFees(
    exportGraph(result.graph),
    result.txFees,
    decimals,
  )
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'fundtrace', version: ctx.toolVersion },
    generatedAt: ctx.generatedAt,
    case: caseEntry,
    policy: {
      name: result.policy,
      description: policies[result.policy].description,
    },
    asset,
    status: result.status,
    alerts: buildAlerts({
      hits: rows.hits,
      unexplored: rows.unexplored,
      asset,
    }),
    reconciliation: reconcile(result),
    hits: rows.hits,
    atRest: rows.atRest,
    unexplored: rows.unexplored,
    heuristics: result.heuristics.map((h) => ({ ...h })),
    graph,
    ...feeOnlyField(graph.edges, result.txFees, {
      chain: ctx.chain,
      symbol,
      decimals,
    }),
    sources: ctx.sources.map((s) => ({ ...s })),
    stats: {
      hops: result.maxHopReached,
      txs: result.txsProcessed,
      requests: ctx.sources.reduce((n, s) => n + s.requests, 0),
    },
  }
}

/** Stable JSON: 2-space indent and a trailing newline. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** The case as run: seeds, victims and options, the minimum in whole units. */
function caseSection(
  ctx: BuildReportContext,
  fmt: (value: bigint) => string,
): Report['case'] {
  const minAmount =
    typeof ctx.options.minAmount === 'bigint'
      ? ctx.options.minAmount
      : parseUnits(ctx.options.minAmount, ctx.asset.decimals)
  return {
    chain: ctx.chain,
    seeds: ctx.seeds.map(caseSeed),
    victims: [...new Set(ctx.victims)],
    options: {
      maxHops: ctx.options.maxHops,
      minAmount: fmt(minAmount),
      maxNodes: ctx.options.maxNodes,
      policy: ctx.options.policy,
    },
  }
}

function caseSeed(seed: Seed): Report['case']['seeds'][number] {
  if (seed.kind === 'tx')
    return seed.outputs
      ? {
          kind: 'tx',
          txid: seed.txid,
          outputs: [...seed.outputs].sort((a, b) => a - b),
        }
      : { kind: 'tx', txid: seed.txid }
  return seed.since === undefined
    ? { kind: 'address', address: seed.address }
    : { kind: 'address', address: seed.address, since: isoTime(seed.since) }
}
