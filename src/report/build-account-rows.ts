/** One hit or at-rest row of an account report, and what every row shares. */
import { formatUnits } from '../core/amount.js'
import type { Asset, Label } from '../core/types.js'
import type {
  AccountAtRest,
  AccountEdge,
  AccountHit,
} from '../trace/account/types.js'
import { attributionFields } from './attribution.js'
import { text, withContract } from './build-account-recon.js'
import type { AtRest, Hit, Report } from './types.js'

/** The tainted inflows a row names, in chain order. */
export type Inflows = (address: string, asset: Asset) => AccountEdge[]

export function hitRow(
  h: AccountHit,
  chain: string,
  edges: AccountEdge[],
  heuristics: Report['heuristics'],
): Hit {
  const times = edges.map((e) => e.time)
  const attribution: Hit['attribution'] =
    h.attribution === 'deposit-forward' ? 'deposit-sweep' : 'label'
  const row: Hit = withContract(
    {
      ...text(h.amount, h.asset),
      chain,
      address: h.address,
      entity: h.entity,
      // As on Bitcoin: the hit is the deposit, the label is the hot wallet's.
      category:
        h.attribution === 'deposit-forward' ? 'exchange-deposit' : h.category,
      attribution,
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
  // The label sits on the exchange wallet, not on the deposit address: say so.
  return { ...row, ...attributionFields(row, h.labels, heuristics) }
}

/** Names the latest tainted inflow; `value` is what the tainted inflows carried in full. */
export function atRestRow(
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

export function positionOf(e: Pick<AccountEdge, 'kind' | 'logIndex'>): number {
  return e.kind === 'native' ? 0 : Math.max(0, e.logIndex)
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

export function byAssetThenAmount(
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

export const isoTime = (seconds: number) =>
  new Date(seconds * 1000).toISOString()
