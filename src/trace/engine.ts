/** The UTXO trace engine: seeds in, endpoints, hits and a flow graph out. */
import { formatUnits } from '../core/amount.js'
import { createFlowGraph } from '../graph/flowGraph.js'
import type { TraceContext } from './context.js'
import { drainQueue, reportProgress } from './drain.js'
import { createFetcher, type Fetcher } from './fetcher.js'
import { pendingOutputs } from './pending.js'
import { policies } from './policy.js'
import { settleOutputs } from './process.js'
import { createQueue, outpointKey } from './queue.js'
import { fullRange, type Range } from './ranges.js'
import { finishTrace } from './result.js'
import { type ResolvedSeeds, resolveSeeds, type SeedTx } from './seeds.js'
import { prefetchSpends } from './spends.js'
import type { TraceOptions, TraceResult } from './types.js'

export async function trace(options: TraceOptions): Promise<TraceResult> {
  const { adapter, signal } = options
  const fetcher = createFetcher(adapter, signal)
  const tip = adapter
    .getTipHeight({ signal })
    .then((height): number | null => height)
    .catch(() => null)
  const resolved = await resolveSeeds({ ...options, adapter, fetcher })
  const ctx = newContext(options, fetcher, resolved)
  for (const seed of resolved.seeds) prefetchSeed(ctx, seed)
  for (const seed of resolved.seeds) {
    if (ctx.aborted) break
    await processSeed(ctx, seed)
  }
  await drainQueue(ctx)
  return finishTrace(ctx, await tip)
}

function newContext(
  options: TraceOptions,
  fetcher: Fetcher,
  resolved: ResolvedSeeds,
): TraceContext {
  const { adapter, signal } = options
  const { decimals, symbol } = adapter.asset
  return {
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
    txFees: [],
    endpoints: [],
    heuristics: [...resolved.heuristics],
    aborted: false,
  }
}

const seedRanges = (seed: SeedTx): Range[][] =>
  seed.tx.outputs.map((output) =>
    seed.tainted.includes(output.index) ? fullRange(output.value) : [],
  )

function prefetchSeed(ctx: TraceContext, seed: SeedTx): void {
  prefetchSpends(
    ctx,
    seed.tx,
    pendingOutputs(ctx, seed.tx, 1, seedRanges(seed), false),
  )
}

async function processSeed(ctx: TraceContext, seed: SeedTx): Promise<void> {
  const ranges = seedRanges(seed)
  for (const own of ranges) ctx.stolen += own[0]?.[1] ?? 0n
  ctx.processed.add(seed.tx.txid)
  // The seed's fee was paid before the theft's outputs existed: none of it is traced.
  ctx.txFees.push({ txHash: seed.tx.txid, fee: seed.tx.fee, feeTaint: 0n })
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
