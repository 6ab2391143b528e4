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

import { formatUnits } from '../core/amount.js'
import type { Asset, Label } from '../core/types.js'
import type { AddressSeedTx } from '../trace/account/address-seed.js'
import type {
  AccountAtRest,
  AccountEdge,
  AccountHit,
  AccountWalkResult,
} from '../trace/account/types.js'
import { buildAlerts } from './attribution.js'
import {
  accountGraph,
  edgeIndex,
  withKnownAssets,
} from './build-account-graph.js'
import {
  assetReconciliations,
  headlineAsset,
  keyOf,
  sameAsset,
  stripAsset,
  text,
  withContract,
  zeroReconciliation,
} from './build-account-recon.js'
import {
  type AtRest,
  type FilteredTransfer,
  type Hit,
  type PolicyName,
  type Report,
  type ReportDiscrepancy,
  SCHEMA_VERSION,
  type SourceUse,
  type Unexplored,
} from './types.js'

export type AccountTransferNote = {
  txHash: string
  kind: 'native' | 'internal' | 'erc20'
  from: string
  to: string
  value: bigint
  asset: Asset
}

export type BuildAccountReportContext = {
  chain: string
  /** The chain's native coin. */
  nativeAsset: Asset
  seeds: readonly string[]
  /** A drained-wallet seed and the outflow txs it named. */
  addressSeed?: { address: string; since?: number | undefined } | undefined
  addressSeedTxs?: readonly AddressSeedTx[] | undefined
  victims: readonly string[]
  options: {
    maxHops: number
    maxNodes: number
    /** Whole units, applied to each asset in its own decimals. */
    minAmount: string
    policy: PolicyName
  }
  generatedAt: string
  toolVersion: string
  sources: readonly SourceUse[]
  tipHeight: number | null
  /** The wiring's own, added to the walk's. */
  limitations?: readonly string[] | undefined
  discrepancies?:
    | readonly {
        transfer: AccountTransferNote
        side: 'explorer-only' | 'rpc-only'
        detail: string
      }[]
    | undefined
  filtered?:
    | readonly {
        transfer: AccountTransferNote
        reason: 'zero-value' | 'impostor-token'
      }[]
    | undefined
}

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
  const result = withKnownAssets(walked, [
    ...(ctx.filtered ?? []).map((f) => f.transfer.asset),
    ...(ctx.discrepancies ?? []).map((d) => d.transfer.asset),
  ])
  const headline = headlineAsset(result, ctx.nativeAsset)
  const reconciliations = assetReconciliations(result)
  const top = reconciliations.find((r) => sameAsset(r, headline))
  const byInflow = edgeIndex(result.edges)
  const deposits = new Set(
    result.hits
      .filter((h) => h.attribution === 'deposit-forward')
      .map((h) => `${h.address}|${keyOf(h.asset)}`),
  )
  const inflows = (address: string, asset: Asset) =>
    (byInflow.get(`${address}|${keyOf(asset)}`) ?? []).filter(
      (e) => !deposits.has(`${e.from}|${keyOf(asset)}`),
    )
  const unseen = result.heuristics.filter((h) => !h.txHash)
  const asOf = ctx.tipHeight ?? highestBlock(result.edges)
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'fundtrace', version: ctx.toolVersion },
    generatedAt: ctx.generatedAt,
    case: {
      chain: ctx.chain,
      seeds: [
        ...(ctx.addressSeed ? [addressSeedEntry(ctx.addressSeed)] : []),
        ...ctx.seeds.map((txid) => ({ kind: 'tx' as const, txid })),
      ],
      victims: [...new Set(ctx.victims)],
      options: { ...ctx.options },
    },
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
    hits: result.hits
      .map((h) => hitRow(h, ctx.chain, inflows(h.address, h.asset)))
      .sort(byAssetThenAmount),
    atRest: result.atRest
      .map((r) => atRestRow(r, ctx.chain, inflows(r.address, r.asset), asOf))
      .sort(byAssetThenAmount),
    unexplored: unexploredRows(result, ctx.chain, inflows).sort(
      byAssetThenAmount,
    ),
    heuristics: [
      ...seedHeuristics(ctx),
      ...result.heuristics.filter((h) => h.txHash).map((h) => ({ ...h })),
    ],
    graph: accountGraph(result, ctx.victims, ctx.options.policy),
    sources: ctx.sources.map((s) => ({ ...s })),
    stats: {
      hops: result.edges.reduce((n, e) => Math.max(n, e.hop), 0),
      txs: new Set(result.edges.map((e) => e.txHash)).size,
      requests: ctx.sources.reduce((n, s) => n + s.requests, 0),
      addresses: result.stats.addresses,
    },
    reconciliations,
    limitations: [
      ...new Set([
        ...result.limitations,
        ...(ctx.limitations ?? []),
        ...unseen.map((h) => h.detail),
      ]),
    ],
    discrepancies: (ctx.discrepancies ?? []).map(
      (d): ReportDiscrepancy =>
        withContract(
          {
            ...note(d.transfer),
            kind: d.transfer.kind,
            side: d.side,
            detail: d.detail,
          },
          d.transfer.asset,
        ),
    ),
    filtered: (ctx.filtered ?? []).map(
      (f): FilteredTransfer =>
        withContract(
          { ...note(f.transfer), reason: f.reason },
          f.transfer.asset,
        ),
    ),
  }
  // Sanctioned or hack-labelled endpoints are flagged first, as on Bitcoin.
  const alerts = buildAlerts(report)
  return alerts.length ? { ...report, alerts } : report
}

type Inflows = (address: string, asset: Asset) => AccountEdge[]

function hitRow(h: AccountHit, chain: string, edges: AccountEdge[]): Hit {
  const times = edges.map((e) => e.time)
  return withContract(
    {
      ...text(h.amount, h.asset),
      chain,
      address: h.address,
      entity: h.entity,
      category: h.category,
      attribution:
        h.attribution === 'deposit-forward' ? 'deposit-sweep' : 'label',
      confidence: h.confidence,
      labels: h.labels.map(labelRef),
      evidence: [...h.evidence],
      asset: h.asset.symbol,
      received: formatUnits(h.received, h.asset.decimals),
      receivedBase: h.received.toString(),
      txHashes: [...new Set(edges.map((e) => e.txHash))].sort(),
      outputs: edges.map((e) => ({
        txHash: e.txHash,
        outputIndex: positionOf(e),
        block: e.block,
      })),
      firstSeen: times.length > 0 ? isoTime(Math.min(...times)) : null,
      hops: h.hop,
      flags: flagsOf(h.labels),
    },
    h.asset,
  )
}

/** Names the latest tainted inflow; `value` is what the tainted inflows carried in full. */
function atRestRow(
  r: AccountAtRest,
  chain: string,
  edges: AccountEdge[],
  asOfBlock: number,
): AtRest {
  const last = edges.at(-1)
  return withContract(
    {
      ...text(r.amount, r.asset),
      chain,
      address: r.address,
      asset: r.asset.symbol,
      txHash: last?.txHash ?? '-',
      outputIndex: last ? positionOf(last) : 0,
      value: formatUnits(
        edges.reduce((s, e) => s + e.value, 0n),
        r.asset.decimals,
      ),
      asOfBlock,
      hops: r.hop,
    },
    r.asset,
  )
}

function unexploredRows(
  result: AccountWalkResult,
  chain: string,
  inflows: Inflows,
): Unexplored[] {
  const row = (
    u: { address: string; asset: Asset; amount: bigint; hop: number },
    rest: Pick<Unexplored, 'reason' | 'detail'> & Partial<Unexplored>,
  ): Unexplored => {
    const last = inflows(u.address, u.asset).at(-1)
    return withContract(
      {
        ...text(u.amount, u.asset),
        chain,
        asset: u.asset.symbol,
        address: u.address,
        txHash: last?.txHash ?? '-',
        outputIndex: last ? positionOf(last) : 0,
        hops: u.hop,
        ...rest,
      },
      u.asset,
    )
  }
  const skipped = result.unexplored
    .filter((u) => u.amount > 0n || u.reason === 'fetch-failed')
    .map((u) =>
      u.reason === 'likely-service'
        ? row(u, {
            reason: 'service',
            category: 'likely-service',
            detail: u.detail,
          })
        : row(u, { reason: u.reason, detail: u.detail }),
    )
  const stops = result.stops
    .filter((s) => s.amount > 0n)
    .map((s) =>
      s.reason === 'victim'
        ? row(s, { reason: 'victim', detail: 'returned to a victim address' })
        : row(s, {
            reason: 'service',
            category: s.reason,
            detail: `${s.reason}${s.entity ? `: ${s.entity}` : ''}${s.flags.length ? ` [${s.flags.join(',')}]` : ''}; not followed through`,
            ...(s.entity ? { entity: s.entity } : {}),
          }),
    )
  return [...skipped, ...stops]
}

export function positionOf(e: Pick<AccountEdge, 'kind' | 'logIndex'>): number {
  return e.kind === 'native' ? 0 : Math.max(0, e.logIndex)
}

function note(t: AccountTransferNote) {
  return {
    ...text(t.value, t.asset),
    txHash: t.txHash,
    asset: t.asset.symbol,
    from: t.from,
    to: t.to,
  }
}

function labelRef(label: Label): Hit['labels'][number] {
  const ref: Hit['labels'][number] = {
    entity: label.entity,
    category: label.category,
    source: label.source,
    confidence: label.confidence,
  }
  if (label.retrieved !== undefined) ref.retrieved = label.retrieved
  return ref
}

function flagsOf(labels: readonly Label[]): string[] {
  const flags = labels
    .map((l) => l.category.toLowerCase())
    .filter((c) => c.startsWith('sanction') || c.startsWith('hack'))
  return [...new Set(flags)].sort()
}

function byAssetThenAmount(
  a: {
    asset: string
    contract?: string | undefined
    amountBase: string
    address: string | null
  },
  b: typeof a,
): number {
  const ka = a.contract ?? ''
  const kb = b.contract ?? ''
  if (ka !== kb) return ka < kb ? -1 : 1
  const va = BigInt(a.amountBase)
  const vb = BigInt(b.amountBase)
  if (va !== vb) return va > vb ? -1 : 1
  return (a.address ?? '') < (b.address ?? '') ? -1 : 1
}

function highestBlock(edges: readonly AccountEdge[]): number {
  return edges.reduce((h, e) => Math.max(h, e.block), 0)
}

export const isoTime = (seconds: number) =>
  new Date(seconds * 1000).toISOString()

export { headlineAsset }

function addressSeedEntry(seed: {
  address: string
  since?: number | undefined
}) {
  return seed.since === undefined
    ? { kind: 'address' as const, address: seed.address }
    : {
        kind: 'address' as const,
        address: seed.address,
        since: new Date(seed.since * 1000).toISOString(),
      }
}

/** Why each drained-wallet tx was taken as a theft: the rule and the tx. */
function seedHeuristics(ctx: BuildAccountReportContext) {
  const address = ctx.addressSeed?.address
  return (ctx.addressSeedTxs ?? []).map((d) => ({
    rule: 'address-seed',
    txHash: d.txHash,
    detail: `${d.assets.join(', ')} left the victim address ${address} at ${new Date(d.time * 1000).toISOString()}, at or after --since: taken as stolen`,
  }))
}
