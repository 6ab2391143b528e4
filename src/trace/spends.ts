/**
 * Where the tainted outputs of a settled tx went, in as few requests as the
 * source allows. The likely change's address history names its spender and
 * carries that tx whole; the other outputs' outspends are asked in batches
 * formed ahead along the change chain, so a peel chain costs about one
 * request per hop. What is asked depends only on the data and on the
 * trace's state at a step of the drain, never on timing: a replay asks the
 * same URLs.
 */
import type { OutSpend, UtxoTx } from '../core/types.js'
import type { TraceContext } from './context.js'
import { isAbort } from './fetcher.js'
import { incomingOf, type Pending, pendingOutputs } from './pending.js'
import { outpointKey } from './queue.js'
import { speculativeRanges } from './speculate.js'

/** Txs per batched outspends request (mempool/electrs accepts up to 50). */
export const OUTSPENDS_BATCH = 25

type Addressed = Pending & { address: string }

/** The output whose history is asked: the largest taint, as a peel's change. */
export function likelyChange(
  pending: readonly Pending[],
): Addressed | undefined {
  let best: Addressed | undefined
  for (const output of pending) {
    if (output.address === null) continue
    const more =
      !best ||
      output.taint > best.taint ||
      (output.taint === best.taint && output.value > best.value)
    if (more) best = { ...output, address: output.address }
  }
  return best
}

/**
 * Without batches a tx with other outputs to settle needs its outspends
 * anyway, and they name the change's spender too: no history then.
 */
function asksHistory(
  ctx: TraceContext,
  pending: readonly Pending[],
  change: Addressed | undefined,
): change is Addressed {
  if (!change || !ctx.adapter.getAddressHistory) return false
  return pending.length === 1 || ctx.fetcher.batchSupport() !== 'no'
}

export async function spendsOf(
  ctx: TraceContext,
  tx: UtxoTx,
  pending: readonly Pending[],
): Promise<Map<number, OutSpend | undefined>> {
  const spends = new Map<number, OutSpend | undefined>()
  const change = likelyChange(pending)
  let ahead: Ahead | undefined
  if (asksHistory(ctx, pending, change)) {
    const found = await historySpends(ctx, tx, change.address)
    for (const output of pending) {
      const spend = found?.spends.get(output.vout)
      if (output.address === change.address && spend)
        spends.set(output.vout, spend)
    }
    ahead = { output: change, found: found?.spenders.get(change.vout) }
  }
  const rest = pending.filter((output) => !spends.has(output.vout))
  if (rest.length === 0) return spends
  if (!ctx.fetcher.inBatch(tx.txid) && ctx.fetcher.batchSupport() !== 'no')
    ctx.fetcher.outspendsBatch(await batchAhead(ctx, tx.txid, ahead))
  const all = await ctx.fetcher.outspends(tx.txid)
  for (const output of rest) spends.set(output.vout, all[output.vout])
  return spends
}

/** What a history says about one tx's outputs at that address. */
type Found = {
  /** Per vout: spent (by whom) or unspent. */
  spends: Map<number, OutSpend>
  /** Per spent vout, the spender when its JSON verified. */
  spenders: Map<number, UtxoTx | undefined>
}

/**
 * Undefined when the history cannot tell: too long for one answer, failed,
 * or not even listing the tx that made the outputs.
 */
async function historySpends(
  ctx: TraceContext,
  tx: UtxoTx,
  address: string,
): Promise<Found | undefined> {
  const { txid } = tx
  let history: Awaited<ReturnType<typeof ctx.fetcher.history>>
  try {
    history = await ctx.fetcher.history(address)
  } catch (err) {
    if (isAbort(err, ctx.signal)) throw err
    return undefined
  }
  if (!history?.some((h) => h.txid === txid)) return undefined
  const found: Found = { spends: new Map(), spenders: new Map() }
  for (const output of tx.outputs) {
    if (output.address !== address) continue
    found.spends.set(output.index, { spent: false })
    for (const h of history) {
      const vin = h.spends.findIndex(
        (s) => s.txid === txid && s.vout === output.index,
      )
      if (vin < 0) continue
      if (h.tx) ctx.fetcher.seed(h.tx)
      found.spends.set(output.index, {
        spent: true,
        txid: h.txid,
        vin,
        block: h.block,
      })
      found.spenders.set(output.index, h.tx)
      break
    }
  }
  return found
}

/** A change output and the verified tx that spends it, if any. */
type Ahead = { output: Addressed; found: UtxoTx | undefined }

/**
 * The batch for a tx whose outspends are needed now: it, then the txs down
 * its change chain (each found by the history that will be asked for it
 * anyway) that will need outspends too, up to the batch size.
 */
async function batchAhead(
  ctx: TraceContext,
  txid: string,
  start: Ahead | undefined,
): Promise<string[]> {
  const txids = [txid]
  let room = ctx.maxNodes - ctx.processed.size - ctx.queue.size
  let ahead = start
  while (ahead?.found && txids.length < OUTSPENDS_BATCH && room-- > 0) {
    const spender = ahead.found
    const hop = ahead.output.hop + 1
    const pending = pendingAhead(ctx, spender, ahead.output, hop)
    if (pending.length === 0) break
    const change = likelyChange(pending)
    const others = pending.some((o) => o.vout !== change?.vout)
    if (others && !ctx.fetcher.inBatch(spender.txid)) txids.push(spender.txid)
    if (!change) break
    const found = await historySpends(ctx, spender, change.address)
    ahead = { output: change, found: found?.spenders.get(change.vout) }
  }
  return txids
}

/** The outputs a spender would follow if the change were its only tainted input. */
function pendingAhead(
  ctx: TraceContext,
  spender: UtxoTx,
  output: Pending,
  hop: number,
): Pending[] {
  const stopped =
    hop > ctx.maxHops ||
    ctx.seedTxids.has(spender.txid) ||
    ctx.processed.has(spender.txid)
  if (stopped) return []
  const incoming = new Map([
    [outpointKey(output.txid, output.vout), incomingOf(output)],
  ])
  const entry = {
    txid: spender.txid,
    hop,
    height: spender.block?.height ?? null,
    incoming,
  }
  const ranges = speculativeRanges(ctx, spender, entry)
  return ranges ? pendingOutputs(ctx, spender, hop, ranges, false) : []
}

/** Starts what a tx's turn will ask, for a tx whose outputs will certainly need it. */
export function prefetchSpends(
  ctx: TraceContext,
  tx: UtxoTx,
  pending: readonly Pending[],
): void {
  if (pending.length === 0) return
  const change = likelyChange(pending)
  const viaHistory = asksHistory(ctx, pending, change)
  if (viaHistory) void ctx.fetcher.history(change.address).catch(() => {})
  // Batches are formed only at a tx's turn, where their content is fixed.
  const plain = !viaHistory || pending.length > 1
  if (plain && ctx.fetcher.batchSupport() === 'no')
    void ctx.fetcher.outspends(tx.txid).catch(() => {})
}
