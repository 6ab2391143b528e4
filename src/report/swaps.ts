/** Swap edges as report.json writes them: decimal text, ISO times, chain on every side. */
import { amountText } from '../core/amount.js'
import { isoTime } from '../core/time.js'
import type { SwapEdge, SwapSideRecord, TraceResult } from '../trace/types.js'
import type { Report, SwapRow, SwapSideRow } from './types.js'

const CROSS_REASONS = new Set(['swapped', 'swap-pending', 'no-source'])

/** Does this trace touch a swap (and so get the cross-chain fields)? */
export function isCrossChain(result: TraceResult): boolean {
  return result.endpoints.some((e) => CROSS_REASONS.has(e.reason))
}

export function swapFields(
  result: TraceResult,
): Pick<Report, 'chains' | 'swaps'> {
  if (!isCrossChain(result)) return {}
  return {
    chains: result.chains ?? [result.chain],
    swaps: (result.swaps ?? []).map(swapRow),
  }
}

function swapRow(s: SwapEdge): SwapRow {
  return {
    protocol: s.protocol,
    match: s.match,
    ...(s.rule ? { rule: s.rule } : {}),
    ...(s.confidence ? { confidence: s.confidence } : {}),
    memo: s.memo,
    outMemo: s.outMemo,
    inbound: side(s.inbound),
    outbound: side(s.outbound),
    taintIn: amountText(s.taintIn, s.inbound.asset.decimals),
    taintOut: amountText(s.taintOut, s.outbound.asset.decimals),
    ...(s.crossCheck ? { crossCheck: { ...s.crossCheck } } : {}),
  }
}

function side(s: SwapSideRecord): SwapSideRow {
  return {
    chain: s.chain,
    txHash: s.txHash,
    index: s.index,
    address: s.address,
    asset: s.asset.symbol,
    ...(s.asset.contract ? { contract: s.asset.contract } : {}),
    decimals: s.asset.decimals,
    ...amountText(s.amount, s.asset.decimals),
    time: s.time === null ? null : isoTime(s.time),
  }
}
