/** Hit, at-rest and unexplored rows of report.json, from any model's endpoints. */
import { amountText, formatUnits } from '../core/amount.js'
import { isoTime } from '../core/time.js'
import type { Asset } from '../core/types.js'
import type { BridgeLead, Endpoint, TraceHit } from '../trace/types.js'
import { attributionFields, labelConflict } from './attribution.js'
import type { AtRest, BridgeLeadRow, Hit, Report, Unexplored } from './types.js'
import { labelRef } from './views/labels.js'

export function hitRow(
  hit: TraceHit,
  chain: string,
  heuristics: Report['heuristics'],
): Hit {
  const times = hit.outputs.flatMap((o) => (o.block ? [o.block.time] : []))
  const row: Hit = withContract(
    {
      ...amountText(hit.amount, hit.asset.decimals),
      chain,
      address: hit.address,
      entity: hit.entity,
      category: hit.category,
      attribution: hit.attribution,
      confidence: hit.confidence,
      labels: hit.labels.map(labelRef),
      evidence: [...hit.evidence],
      asset: hit.asset.symbol,
      received: formatUnits(hit.received, hit.asset.decimals),
      receivedBase: hit.received.toString(),
      txHashes: [...new Set(hit.outputs.map((o) => o.txid))].sort(compare),
      outputs: hit.outputs.map((o) => ({
        txHash: o.txid,
        outputIndex: o.vout,
        block: o.block?.height ?? null,
      })),
      firstSeen: times.length > 0 ? isoTime(Math.min(...times)) : null,
      hops: hit.hops,
      flags: [...hit.flags],
    },
    hit.asset,
  )
  // A deposit-sweep hit's label sits on the exchange wallet, not on the deposit address: say so.
  return { ...row, ...attributionFields(row, hit.labels, heuristics) }
}

export function atRestRow(
  e: Endpoint,
  chain: string,
  asOfBlock: number,
): AtRest {
  return withContract(
    {
      ...amountText(e.taint, e.asset.decimals),
      chain,
      address: e.address,
      asset: e.asset.symbol,
      txHash: e.txid,
      outputIndex: e.vout,
      value: formatUnits(e.value, e.asset.decimals),
      asOfBlock,
      hops: e.hop,
    },
    e.asset,
  )
}

/** A labelled stop shows every label, its flags and any conflict. */
export function unexploredRow(e: Endpoint, chain: string): Unexplored {
  const row: Unexplored = {
    ...amountText(e.taint, e.asset.decimals),
    chain,
    asset: e.asset.symbol,
    address: e.address,
    txHash: e.txid,
    outputIndex: e.vout,
    reason: e.reason,
    detail: e.detail,
    hops: e.hop,
  }
  if (e.entity !== null) row.entity = e.entity
  if (e.category !== null) row.category = e.category
  if (e.labels.length > 0) {
    row.labels = e.labels.map(labelRef)
    row.flags = [...e.flags]
    if (e.confidence !== null) row.confidence = e.confidence
    const conflict = labelConflict(e.labels)
    if (conflict) row.conflict = conflict
  }
  if (e.bridge) row.bridge = bridgeLeadRow(e.bridge)
  return withContract(row, e.asset)
}

function bridgeLeadRow(lead: BridgeLead): BridgeLeadRow {
  return {
    protocol: lead.protocol,
    event: lead.event,
    contract: lead.contract,
    destinationChainId: lead.destinationChainId,
    destinationChain: lead.destination,
    recipient: lead.recipient,
    depositId: lead.depositId,
    inputToken: lead.inputToken,
    inputAmountBase: String(lead.inputAmount),
    outputToken: lead.outputToken,
    outputAmountBase:
      lead.outputAmount === null ? null : String(lead.outputAmount),
  }
}

/** The native coin first, then tokens by contract; largest first within an asset. */
export function byAssetThenAmount(
  a: { asset: Asset; address: string | null; amount: bigint },
  b: typeof a,
): number {
  const ka = a.asset.contract ?? ''
  const kb = b.asset.contract ?? ''
  if (ka !== kb) return ka < kb ? -1 : 1
  if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1
  return compare(a.address ?? '', b.address ?? '')
}

/** As byAssetThenAmount; then by outpoint, so equal rows keep one order. */
export function endpointOrder(a: Endpoint, b: Endpoint): number {
  return (
    byAssetThenAmount({ ...a, amount: a.taint }, { ...b, amount: b.taint }) ||
    compare(a.txid, b.txid) ||
    a.vout - b.vout ||
    compare(a.reason, b.reason)
  )
}

export function withContract<T extends object>(
  row: T,
  asset: Asset,
): T & { contract?: string } {
  return asset.contract ? { ...row, contract: asset.contract } : row
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
