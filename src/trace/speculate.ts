/** The policy applied to a tx's incoming taint, also ahead of its turn. */
import type { UtxoTx } from '../core/types.js'
import type { TraceContext } from './context.js'
import { detectCoinjoin, detectSweep } from './heuristics.js'
import type { PolicyResult } from './policy.js'
import { outpointKey, type QueueEntry } from './queue.js'
import type { Range } from './ranges.js'
import type { Incoming } from './types.js'

export const taintedIn =
  (incoming: ReadonlyMap<string, Incoming>) =>
  (input: { txid: string; vout: number }) =>
    (incoming.get(outpointKey(input.txid, input.vout))?.taint ?? 0n) > 0n

export function applyPolicy(
  ctx: TraceContext,
  tx: UtxoTx,
  incoming: ReadonlyMap<string, Incoming>,
): PolicyResult {
  let taint = 0n
  for (const input of incoming.values()) taint += input.taint
  // Poison already tainted every output of this tx in full: late taint only
  // replaces outside value that was counted as absorbed.
  if (ctx.policy.name === 'poison' && ctx.processed.has(tx.txid))
    return { outputs: tx.outputs.map(() => []), feeTaint: 0n, absorbed: -taint }
  return ctx.policy.apply(
    tx.inputs.map((input) => ({
      value: input.value,
      taint: incoming.get(outpointKey(input.txid, input.vout))?.ranges ?? [],
    })),
    tx.outputs.map((output) => output.value),
    tx.fee,
  )
}

/** The output ranges the tx would get now, or null when it will not be followed. */
export function speculativeRanges(
  ctx: TraceContext,
  tx: UtxoTx,
  entry: QueueEntry,
): Range[][] | null {
  const spent = new Set(tx.inputs.map((i) => outpointKey(i.txid, i.vout)))
  const incoming = new Map(
    [...entry.incoming].filter(([key]) => spent.has(key)),
  )
  if (incoming.size === 0) return null
  if (detectCoinjoin(tx, taintedIn(incoming)) || detectSweep(tx, ctx.stops))
    return null
  return applyPolicy(ctx, tx, incoming).outputs
}
