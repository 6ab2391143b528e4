/** The UTXO trace engine: seeds in, endpoints, hits and a flow graph out. */
import { formatUnits } from '../core/amount.js'
import type { UtxoTx } from '../core/types.js'
import { createFlowGraph } from '../graph/flowGraph.js'
import { addEndpoint, type TraceContext } from './context.js'
import { createFetcher, failureDetail, isAbort } from './fetcher.js'
import { policies } from './policy.js'
import { pendingOutputs, settleOutputs } from './process.js'
import { createQueue, outpointKey, type QueueEntry } from './queue.js'
import { fullRange, type Range } from './ranges.js'
import { finishTrace } from './result.js'
import { resolveSeeds, type SeedTx } from './seeds.js'
import { handleSpender, speculativeRanges } from './spender.js'
import type { TraceOptions, TraceResult } from './types.js'

export async function trace(options: TraceOptions): Promise<TraceResult> {
  const { adapter, signal } = options
  const fetcher = createFetcher(adapter, signal)
  const tip = adapter
    .getTipHeight({ signal })
    .then((height): number | null => height)
    .catch(() => null)
  const resolved = await resolveSeeds({ ...options, adapter, fetcher })
  const { decimals, symbol } = adapter.asset
  const ctx: TraceContext = {
    adapter,
    fetcher,
    queue: createQueue(),
    policy: policies[options.policy],
    stops: {
      chain: adapter.chain,
      victims: resolved.victims,
      labels: options.labels,
      minAmount: options.minAmount ?? 0n,
      format: (value) => `${formatUnits(value, decimals)} ${symbol}`,
    },
    graph: createFlowGraph({
      chain: adapter.chain,
      decimals,
      policy: options.policy,
    }),
    maxHops: options.maxHops ?? 12,
    maxNodes: options.maxNodes ?? 2000,
    prefetch: options.prefetch ?? 8,
    signal,
    onProgress: options.onProgress,
    seedTxids: new Set(resolved.seeds.map((seed) => seed.tx.txid)),
    processed: new Set(),
    hooked: new Set(),
    maxHop: 0,
    stolen: 0n,
    absorbed: 0n,
    fees: 0n,
    endpoints: [],
    heuristics: [...resolved.heuristics],
    aborted: false,
  }
  for (const seed of resolved.seeds) prefetchSeed(ctx, seed)
  for (const seed of resolved.seeds) {
    if (ctx.aborted) break
    await processSeed(ctx, seed)
  }
  await drainQueue(ctx)
  return finishTrace(ctx, await tip)
}

const seedRanges = (seed: SeedTx): Range[][] =>
  seed.tx.outputs.map((output) =>
    seed.tainted.includes(output.index) ? fullRange(output.value) : [],
  )

function prefetchSeed(ctx: TraceContext, seed: SeedTx): void {
  if (pendingOutputs(ctx, seed.tx, 1, seedRanges(seed), false).length > 0)
    void ctx.fetcher.outspends(seed.tx.txid).catch(() => {})
}

async function processSeed(ctx: TraceContext, seed: SeedTx): Promise<void> {
  const ranges = seedRanges(seed)
  for (const own of ranges) ctx.stolen += own[0]?.[1] ?? 0n
  ctx.processed.add(seed.tx.txid)
  ctx.maxHop = Math.max(ctx.maxHop, 1)
  // The victim's coins: every input is a source of the theft.
  const inputs = seed.tx.inputs.map((input) => ({
    node: input.address ?? outpointKey(input.txid, input.vout),
    address: input.address,
    taint: input.value,
  }))
  await settleOutputs(ctx, seed.tx, 1, ranges, inputs)
  reportProgress(ctx)
}

async function drainQueue(ctx: TraceContext): Promise<void> {
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

/** Outspends ahead of time, only for a tx whose outputs will certainly need them. */
function prefetchOutspends(ctx: TraceContext, txid: string): void {
  const entry = ctx.queue.get(txid)
  const tx = ctx.fetcher.settledTx(txid)
  if (!entry || !tx || ctx.aborted || ctx.fetcher.hasOutspends(txid)) return
  const isNew = !ctx.processed.has(txid)
  const ahead = ctx.queue.ordered().indexOf(entry)
  if (isNew && ctx.processed.size + ahead + 1 > ctx.maxNodes) return
  const ranges = speculativeRanges(ctx, tx, entry)
  if (!ranges) return
  if (pendingOutputs(ctx, tx, entry.hop, ranges, false).length > 0)
    void ctx.fetcher.outspends(txid).catch(() => {})
}

function reportProgress(ctx: TraceContext): void {
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

export type {
  Endpoint,
  HeuristicHit,
  TraceHit,
  TraceOptions,
  TraceProgress,
  TraceResult,
} from './types.js'
