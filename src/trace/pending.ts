/** The tainted outputs of a tx that no stop rule ends: the ones to follow. */
import type { UtxoTx } from '../core/types.js'
import { addEndpoint, type OutputRef, type TraceContext } from './context.js'
import type { Range } from './ranges.js'
import { rangesLength } from './ranges.js'
import { classifyOutput } from './stops.js'
import type { Incoming } from './types.js'

export type Pending = OutputRef & { ranges: Range[] }

/** Stops rules 1–4 where they apply and returns the outputs still to follow. */
export function pendingOutputs(
  ctx: TraceContext,
  tx: UtxoTx,
  hop: number,
  ranges: Range[][],
  record: boolean,
): Pending[] {
  const pending: Pending[] = []
  tx.outputs.forEach((output, i) => {
    const own = ranges[i] ?? []
    const taint = rangesLength(own)
    if (taint === 0n) return
    const ref: OutputRef = {
      txid: tx.txid,
      vout: output.index,
      address: output.address,
      value: output.value,
      taint,
      hop,
      block: tx.block,
    }
    const stop = classifyOutput(ctx.stops, ref)
    if (!stop) pending.push({ ...ref, ranges: own })
    else if (record) addEndpoint(ctx, ref, stop)
  })
  return pending
}

/** The taint a pending output carries into the tx that spends it. */
export function incomingOf(output: Pending): Incoming {
  return {
    txid: output.txid,
    vout: output.vout,
    address: output.address,
    value: output.value,
    ranges: output.ranges,
    taint: output.taint,
    hop: output.hop,
    block: output.block,
  }
}
