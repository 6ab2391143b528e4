/** A queued tx's turn: budget, CoinJoin and sweep stops, then the policy. */
import type { UtxoTx } from '../core/types.js'
import type { Transfer } from '../graph/flowGraph.js'
import { candidatesText } from './attribution.js'
import { addEndpoint, type TraceContext } from './context.js'
import { detectCoinjoin, detectSweep, type SweepMatch } from './heuristics.js'
import { parentMismatches } from './parents.js'
import { settleOutputs, taintedInputs } from './process.js'
import { outpointKey, type QueueEntry } from './queue.js'
import { applyPolicy, taintedIn } from './speculate.js'
import type { Incoming } from './types.js'

export async function handleSpender(
  ctx: TraceContext,
  entry: QueueEntry,
  tx: UtxoTx,
): Promise<void> {
  const incoming = spentIncoming(ctx, entry, tx)
  if (incoming.size === 0) return
  const stopAll = (stop: Parameters<typeof addEndpoint>[2]) => {
    for (const input of incoming.values())
      addEndpoint(ctx, input, { spentBy: tx.txid, ...stop })
  }
  // Budget first (rule 7 precedes 8 and 9); the engine stops unfetched txs
  // once the budget is spent, this catches the last one in flight.
  if (!ctx.processed.has(tx.txid) && ctx.processed.size >= ctx.maxNodes)
    return stopAll({
      reason: 'max-nodes',
      detail: `node budget of ${ctx.maxNodes} txs reached before ${tx.txid}`,
    })
  const lies = parentMismatches(tx, ctx.fetcher.settledTx, ctx.stops.format)
  if (lies.length > 0)
    return stopAll({
      reason: 'fetch-failed',
      detail: `${tx.txid} contradicts its verified parents: ${lies.join('; ')} — its JSON is not used`,
    })
  const coinjoin = detectCoinjoin(tx, taintedIn(incoming))
  if (coinjoin) {
    const detail = `${coinjoin.inputs} inputs from ${coinjoin.distinctInputs} addresses, ${coinjoin.equalOutputs} outputs of ${ctx.stops.format(coinjoin.value)}`
    ctx.heuristics.push({ rule: 'coinjoin', txHash: tx.txid, detail })
    return stopAll({
      reason: 'coinjoin',
      detail: `spent by CoinJoin-like tx ${tx.txid}: ${detail}`,
    })
  }
  const sweep = detectSweep(tx, ctx.stops)
  if (sweep) {
    ctx.heuristics.push({
      rule: 'deposit-sweep',
      txHash: tx.txid,
      detail: sweepDetail(sweep),
    })
    return stopAll({
      reason: 'exchange',
      detail: `deposit address swept by ${tx.txid} into ${sweepInto(sweep)}`,
      entity: sweep.entity,
      category: 'exchange-deposit',
      labels: sweep.labels,
      attribution: 'deposit-sweep',
      confidence: sweep.confidence,
      evidence: [tx.txid],
    })
  }
  const result = applyPolicy(ctx, tx, incoming)
  const inputs = taintedInputs(tx, incoming)
  ctx.fees += result.feeTaint
  ctx.txFees.push({
    txHash: tx.txid,
    fee: tx.fee,
    feeTaint: result.feeTaint,
    // Kept for a tx whose tainted value all goes to the fee: it has no edge,
    // so the hop table shows it from these (report/fee-only.ts).
    hop: entry.hop,
    block: tx.block?.height ?? null,
    time: tx.block?.time ?? null,
    from: payers(inputs),
  })
  ctx.absorbed += result.absorbed
  ctx.processed.add(tx.txid)
  ctx.maxHop = Math.max(ctx.maxHop, entry.hop)
  await settleOutputs(ctx, tx, entry.hop, result.outputs, inputs)
}

function sweepDetail(sweep: SweepMatch): string {
  if (!sweep.conflict)
    return `every output pays ${sweep.entity} and no input is labelled: the inputs are ${sweep.entity} deposit addresses`
  return `every output pays an exchange-labelled address and no input is labelled: the inputs are deposit addresses whose operator is disputed: labels name ${candidatesText(sweep.candidates)}`
}

/** "ExchangeZ", or every candidate when the labels disagree. */
function sweepInto(sweep: SweepMatch): string {
  return sweep.conflict
    ? `wallets labelled ${candidatesText(sweep.candidates)} (operator disputed)`
    : sweep.entity
}

/** The tainted inputs' addresses, once each in input order: who paid the traced fee. */
function payers(inputs: Transfer['inputs']): string[] {
  const known = inputs.flatMap((i) => (i.address === null ? [] : [i.address]))
  return [...new Set(known)]
}

/** Incoming taint the tx really spends; anything else cannot be followed. */
function spentIncoming(
  ctx: TraceContext,
  entry: QueueEntry,
  tx: UtxoTx,
): Map<string, Incoming> {
  const spent = new Set(tx.inputs.map((i) => outpointKey(i.txid, i.vout)))
  const incoming = new Map<string, Incoming>()
  for (const [key, input] of entry.incoming) {
    if (spent.has(key)) incoming.set(key, input)
    else
      addEndpoint(ctx, input, {
        reason: 'fetch-failed',
        detail: `the source says ${tx.txid} spends this output but the tx does not`,
        spentBy: tx.txid,
      })
  }
  return incoming
}
