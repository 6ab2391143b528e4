/**
 * Works the spender queue in chain order: prefetches ahead, settles each tx
 * once its funders are settled, and stops what the node budget cannot reach.
 */
import type { UtxoTx } from '../core/types.js'
import { addEndpoint, type TraceContext } from './context.js'
import { failureDetail, isAbort } from './fetcher.js'
import { pendingOutputs } from './pending.js'
import type { QueueEntry } from './queue.js'
import { speculativeRanges } from './speculate.js'
import { handleSpender } from './spender.js'
import { prefetchSpends } from './spends.js'

export async function drainQueue(ctx: TraceContext): Promise<void> {
  while (ctx.queue.size > 0 && !ctx.aborted) {
    if (ctx.signal?.aborted) break
    const order = ctx.queue.ordered()
    if (budgetSpent(ctx)) stopOverBudget(ctx, order)
    if (ctx.queue.size === 0) break
    prefetch(ctx, ctx.queue.ordered())
    const next = await pickReady(ctx, ctx.queue.ordered())
    if (!next) continue
    ctx.queue.remove(next.entry.txid)
    await handleSpender(ctx, next.entry, next.tx)
    reportProgress(ctx)
  }
  if (ctx.aborted || ctx.signal?.aborted) interruptAll(ctx)
}

/**
 * The first entry in chain order whose funders are all settled, so a merge
 * sees every tainted input at once. A failed fetch settles its entry here.
 */
async function pickReady(
  ctx: TraceContext,
  order: QueueEntry[],
): Promise<{ entry: QueueEntry; tx: UtxoTx } | undefined> {
  for (const entry of order) {
    let tx: UtxoTx
    try {
      tx = await ctx.fetcher.tx(entry.txid)
    } catch (err) {
      if (isAbort(err, ctx.signal)) {
        ctx.aborted = true
        return undefined
      }
      ctx.queue.remove(entry.txid)
      failEntry(ctx, entry, failureDetail(err))
      return undefined
    }
    const waiting = tx.inputs.some(
      (input) => input.txid !== tx.txid && ctx.queue.has(input.txid),
    )
    if (!waiting) return { entry, tx }
  }
  // Unreachable for a DAG of txs; guards against a source that lies.
  const head = order[0]
  if (!head) return undefined
  return { entry: head, tx: await ctx.fetcher.tx(head.txid) }
}

const budgetSpent = (ctx: TraceContext) => ctx.processed.size >= ctx.maxNodes

/** Over budget: txs not yet processed are stopped unfetched (rule 7). */
function stopOverBudget(ctx: TraceContext, order: QueueEntry[]): void {
  for (const entry of order) {
    if (ctx.processed.has(entry.txid)) continue
    ctx.queue.remove(entry.txid)
    for (const input of entry.incoming.values())
      addEndpoint(ctx, input, {
        reason: 'max-nodes',
        detail: `node budget of ${ctx.maxNodes} txs reached before ${entry.txid}`,
        spentBy: entry.txid,
      })
  }
}

function failEntry(ctx: TraceContext, entry: QueueEntry, detail: string) {
  for (const input of entry.incoming.values())
    addEndpoint(ctx, input, {
      reason: 'fetch-failed',
      detail,
      spentBy: entry.txid,
    })
}

function interruptAll(ctx: TraceContext): void {
  for (const entry of ctx.queue.ordered()) {
    ctx.queue.remove(entry.txid)
    failEntry(ctx, entry, 'interrupted')
  }
}

/** Starts fetches for the next txs so the adapter can keep requests in flight. */
function prefetch(ctx: TraceContext, order: QueueEntry[]): void {
  // Txs past the node budget will never be processed: do not fetch them.
  let room = ctx.maxNodes - ctx.processed.size
  for (const entry of order.slice(0, ctx.prefetch + 1)) {
    if (!ctx.processed.has(entry.txid) && room-- <= 0) continue
    const request = ctx.fetcher.tx(entry.txid)
    if (ctx.hooked.has(entry.txid)) continue
    ctx.hooked.add(entry.txid)
    request.then(
      () => prefetchOutspends(ctx, entry.txid),
      () => {},
    )
  }
}

/** Spends ahead of time, only for a tx whose outputs will certainly need them. */
function prefetchOutspends(ctx: TraceContext, txid: string): void {
  const entry = ctx.queue.get(txid)
  const tx = ctx.fetcher.settledTx(txid)
  if (!entry || !tx || ctx.aborted || ctx.fetcher.hasOutspends(txid)) return
  const isNew = !ctx.processed.has(txid)
  const ahead = ctx.queue.ordered().indexOf(entry)
  if (isNew && ctx.processed.size + ahead + 1 > ctx.maxNodes) return
  const ranges = speculativeRanges(ctx, tx, entry)
  if (!ranges) return
  prefetchSpends(ctx, tx, pendingOutputs(ctx, tx, entry.hop, ranges, false))
}

export function reportProgress(ctx: TraceContext): void {
  ctx.onProgress?.({
    txs: ctx.processed.size,
    hops: ctx.maxHop,
    hits: new Set(
      ctx.endpoints
        .filter((e) => e.reason === 'exchange')
        .map((e) => e.address),
    ).size,
    queued: ctx.queue.size,
  })
}
