/**
 * report.json's swaps as explorer edges: each joins the node asset A went
 * into with the node that received asset B, so a path from the theft can
 * cross from one chain (or asset) to the other.
 */
import { stripUnsafe } from '../../core/text-safety.js'
import type { Report, SwapRow, SwapSideRow } from '../types.js'
import { explorerTxUrl } from '../views/explorer.js'
import { swapEnds } from '../views/graph.js'
import { type EvidenceIndex, evidenceFor } from './evidence-index.js'
import type { ExploreEdge, ExploreSwap, ExploreSwapSide } from './types.js'

/** How each kind of match ties the two sides, and how sure that is. */
const MATCHES: Record<string, { how: string; confidence: string }> = {
  'memo-out': {
    how: 'the outbound memo (OUT:) names the inbound tx hash',
    confidence: 'high',
  },
  'memo-refund': {
    how: 'the refund memo (REFUND:) names the inbound tx hash',
    confidence: 'high',
  },
  'same-tx': {
    how: 'both payments are in one tx',
    confidence: 'high',
  },
  'deposit-id': {
    how: "the relayer's fill event names the origin chain and the deposit id",
    confidence: 'high',
  },
  'amount-time': {
    how: "one payment to the bridge's recipient of the amount, within the bridge's fee and time window",
    confidence: 'medium',
  },
}

export function swapMatch(row: SwapRow): { how: string; confidence: string } {
  const known = MATCHES[row.match]
  // A match this page does not know is shown as report.json names it, unrated.
  const base = {
    how: known?.how ?? row.match,
    confidence: row.confidence ?? known?.confidence ?? 'not stated',
  }
  return row.rule ? { ...base, how: `${base.how} (rule ${row.rule})` } : base
}

function side(
  row: SwapSideRow,
  tainted: { amount: string; amountBase: string },
): ExploreSwapSide {
  return {
    chain: row.chain,
    txHash: row.txHash,
    url: explorerTxUrl(row.chain, row.txHash),
    index: row.index,
    address: row.address,
    asset: stripUnsafe(row.asset),
    decimals: row.decimals,
    amount: row.amount,
    amountBase: row.amountBase,
    tainted: tainted.amount,
    taintedBase: tainted.amountBase,
    time: row.time,
  }
}

export function exploreSwap(row: SwapRow): ExploreSwap {
  const { how, confidence } = swapMatch(row)
  return {
    protocol: stripUnsafe(row.protocol),
    matched: how,
    confidence,
    memo: stripUnsafe(row.memo),
    outMemo: stripUnsafe(row.outMemo),
    inbound: side(row.inbound, row.taintIn),
    outbound: side(row.outbound, row.taintOut),
    crossCheck: row.crossCheck
      ? {
          source: stripUnsafe(row.crossCheck.source),
          verdict: stripUnsafe(row.crossCheck.verdict),
          detail: stripUnsafe(row.crossCheck.detail),
        }
      : null,
  }
}

/** The swaps both of whose ends are drawn, as edges; ids `swap:<n>`. */
export function swapEdgesOf(
  report: Report,
  prefix: string,
  caseId: string,
  evidence: EvidenceIndex,
): ExploreEdge[] {
  return (report.swaps ?? []).flatMap((row, i) => {
    const ends = swapEnds(report, row)
    if (!ends) return []
    const swap = exploreSwap(row)
    const out = swap.outbound
    const edge: ExploreEdge = {
      id: `${prefix}swap:${i}`,
      caseId,
      source: prefix + ends.source.id,
      target: prefix + ends.target.id,
      chain: out.chain,
      txHash: out.txHash,
      outputIndex: out.index,
      asset: out.asset,
      decimals: out.decimals,
      amount: out.amount,
      amountBase: out.amountBase,
      tainted: out.tainted,
      taintedBase: out.taintedBase,
      fee: null,
      tracedFee: null,
      feeAsset: '',
      policy: '',
      block: null,
      time: out.time,
      hop: ends.target.hop,
      url: out.url,
      evidence: evidenceFor(evidence, [
        row.inbound.txHash,
        row.outbound.txHash,
      ]),
      swap,
    }
    return [edge]
  })
}
