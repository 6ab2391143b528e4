/** One tx's turn: apply the policy, stop or follow each tainted output. */
import type { OutSpend, UtxoTx } from '../core/types.js'
import { addTransfer, outputNodeId, type Transfer } from '../graph/flowGraph.js'
import { addEndpoint, type TraceContext } from './context.js'
import { failureDetail, isAbort } from './fetcher.js'
import { incomingOf, type Pending, pendingOutputs } from './pending.js'
import type { Range } from './ranges.js'
import { rangesLength } from './ranges.js'
import { spendsOf } from './spends.js'
import type { Incoming } from './types.js'

/** Settles every tainted output of a processed tx. */
export async function settleOutputs(
  ctx: TraceContext,
  tx: UtxoTx,
  hop: number,
  ranges: Range[][],
  inputs: Transfer['inputs'],
): Promise<void> {
  const pending = pendingOutputs(ctx, tx, hop, ranges, true)
  const unspent = new Set<number>()
  if (pending.length > 0) {
    let spends: Map<number, OutSpend | undefined> | undefined
    try {
      spends = await spendsOf(ctx, tx, pending)
    } catch (err) {
      const aborted = isAbort(err, ctx.signal)
      if (aborted) ctx.aborted = true
      const detail = aborted ? 'interrupted' : failureDetail(err)
      for (const output of pending)
        addEndpoint(ctx, output, { reason: 'fetch-failed', detail })
    }
    if (spends)
      for (const output of pending)
        if (follow(ctx, output, spends.get(output.vout)))
          unspent.add(output.vout)
  }
  tx.outputs.forEach((output, i) => {
    const tainted = rangesLength(ranges[i] ?? [])
    if (tainted === 0n) return
    addTransfer(ctx.graph, {
      txid: tx.txid,
      outputIndex: output.index,
      address: output.address,
      amount: output.value,
      tainted,
      block: tx.block,
      hop,
      inputs,
      unspent: unspent.has(output.index),
    })
  })
}

/** Rules 5–6 and queueing; returns true when the output is unspent. */
function follow(
  ctx: TraceContext,
  output: Pending,
  spend: OutSpend | undefined,
): boolean {
  if (!spend) {
    addEndpoint(ctx, output, {
      reason: 'fetch-failed',
      detail: 'the source returned no spend status for this output',
    })
    return false
  }
  if (!spend.spent) {
    addEndpoint(ctx, output, { reason: 'unspent', detail: 'unspent' })
    return true
  }
  const spentBy = spend.txid
  if (ctx.seedTxids.has(spentBy)) {
    // Its outputs are already counted as stolen: following would count twice.
    addEndpoint(ctx, output, {
      reason: 'victim',
      detail: `spent by seed tx ${spentBy}, whose outputs count as stolen`,
      spentBy,
    })
    return false
  }
  if (output.hop + 1 > ctx.maxHops) {
    addEndpoint(ctx, output, {
      reason: 'max-hops',
      detail: `spent by ${spentBy} at hop ${output.hop + 1}, beyond max-hops ${ctx.maxHops}`,
      spentBy,
    })
    return false
  }
  ctx.queue.add(spentBy, spend.block, output.hop + 1, incomingOf(output))
  return false
}

/** Graph source candidates: the tainted inputs of a tx, in input order. */
export function taintedInputs(
  tx: UtxoTx,
  incoming: ReadonlyMap<string, Incoming>,
): Transfer['inputs'] {
  return tx.inputs.flatMap((input) => {
    const taint = incoming.get(`${input.txid}:${input.vout}`)?.taint
    if (!taint) return []
    const node = outputNodeId(input.txid, input.vout, input.address)
    return [{ node, address: input.address, taint }]
  })
}
