/**
 * What became of tainted value that reached THORChain: each inbound's memo
 * says where the swap pays out; the payout is looked up on that chain by the
 * memo `OUT:<inbound hash>` (or `REFUND:` back to the sender). Found, the
 * endpoint is `swapped` and the payout seeds a walk on its chain; not found,
 * `swap-pending` with the destination as the lead; no source, `no-source`.
 */
import { formatUnits } from '../../core/amount.js'
import { chainAssetKey } from '../../core/asset.js'
import { errorLine, UsageError } from '../../core/errors.js'
import type { Endpoint, SwapEdge, TraceResult } from '../../trace/types.js'
import { findChain, type ResolvedChain } from '../index.js'
import { isThorchainLabel } from '../thorchain/labels.js'
import { chainOfThorAsset } from '../thorchain/memo.js'
import type { Inbound, Outbound } from '../thorchain/readers.js'
import { type ThornodeView, viewText } from '../thorchain/thornode.js'
import type { SourceOptions, TransferSeed } from '../types.js'
import { judgeSwap, type SwapCheck } from './check.js'
import { sourceHint } from './sources.js'
import type { ChainStack } from './stacks.js'

export type SettleContext = {
  /** The stack of a chain with sources, or undefined when the command line gave none. */
  stackFor(
    chain: ResolvedChain,
  ): { stack: ChainStack; sources: SourceOptions } | undefined
  windowSeconds: number
  signal?: AbortSignal | undefined
  /** The optional thornode cross-check (--thorchain-url). */
  check?: SwapCheck | undefined
}

/** The walk a payout starts on its chain. */
export type NextLeg = {
  chain: ResolvedChain
  sources: SourceOptions
  /** The payment the walk starts from: a UTXO `txid:vout`, or one transfer of an account tx. */
  seed: Outbound['seed'] & Omit<TransferSeed, 'txHash' | 'from' | 'to'>
  hopOffset: number
}

type Payout = Omit<NextLeg, 'hopOffset' | 'seed'> & { outbound: Outbound }

export type Settled = {
  endpoints: Endpoint[]
  swaps: SwapEdge[]
  next: NextLeg[]
  limitations: string[]
}

export async function settleSwaps(
  ctx: SettleContext,
  chain: ResolvedChain,
  result: TraceResult,
): Promise<Settled> {
  const out: Settled = { endpoints: [], swaps: [], next: [], limitations: [] }
  const own = ctx.stackFor(chain)
  for (const endpoint of result.endpoints) {
    if (!own || !atThorchain(endpoint)) {
      out.endpoints.push(endpoint)
      continue
    }
    try {
      const settled: Settled = {
        endpoints: [],
        swaps: [],
        next: [],
        limitations: [],
      }
      for (const [piece, inbound] of await inboundPieces(
        own.stack,
        result,
        endpoint,
      )) {
        if (!inbound) settled.endpoints.push(piece)
        else await settleOne(ctx, chain, piece, inbound, settled)
      }
      for (const key of ['endpoints', 'swaps', 'next', 'limitations'] as const)
        (out[key] as unknown[]).push(...settled[key])
    } catch (err) {
      // A source serving another chain is the user's to fix, not a pending swap.
      if (ctx.signal?.aborted || err instanceof UsageError) throw err
      out.endpoints.push({
        ...endpoint,
        reason: 'swap-pending',
        detail: `THORChain inbound whose swap could not be read: ${errorLine(err)}`,
      })
    }
  }
  return out
}

const atThorchain = (e: Endpoint) =>
  e.reason === 'service' &&
  (e.labels.some(isThorchainLabel) ||
    (e.entity !== null && isThorchainLabel({ entity: e.entity })))

/**
 * An endpoint split per inbound tx: on Bitcoin one output is one inbound; on
 * an account chain the router's endpoint sums every tainted deposit into it.
 */
async function inboundPieces(
  stack: ChainStack,
  result: TraceResult,
  endpoint: Endpoint,
): Promise<[Endpoint, Inbound | undefined][]> {
  if (result.model === 'utxo') {
    const found = await stack.reader.inbounds(endpoint.txid, endpoint.asset)
    return [[endpoint, found.find((i) => i.index === endpoint.vout)]]
  }
  const key = chainAssetKey(endpoint.asset)
  const byTx = new Map<string, { value: bigint; taint: bigint }>()
  for (const e of result.flow.edges) {
    if (e.target !== endpoint.address || !e.asset) continue
    if (chainAssetKey(e.asset) !== key) continue
    const seen = byTx.get(e.txHash) ?? { value: 0n, taint: 0n }
    byTx.set(e.txHash, {
      value: seen.value + e.amount,
      taint: seen.taint + e.tainted,
    })
  }
  const pieces: [Endpoint, Inbound | undefined][] = []
  let left = endpoint.taint
  for (const [txHash, sums] of byTx) {
    const inbound = (await stack.reader.inbounds(txHash, endpoint.asset)).find(
      (i) => i.amount === sums.value,
    )
    if (!inbound || sums.taint > left) continue
    left -= sums.taint
    pieces.push([
      {
        ...endpoint,
        txid: txHash,
        vout: inbound.index,
        value: sums.value,
        taint: sums.taint,
      },
      inbound,
    ])
  }
  if (left > 0n) pieces.push([{ ...endpoint, taint: left }, undefined])
  return pieces
}

async function settleOne(
  ctx: SettleContext,
  from: ResolvedChain,
  piece: Endpoint,
  inbound: Inbound,
  out: Settled,
): Promise<void> {
  const { memo } = inbound
  const lead = memo.kind === 'swap' ? memo.destination : ''
  const stop = (reason: Endpoint['reason'], detail: string): void => {
    out.endpoints.push({
      ...piece,
      reason,
      detail: `${detail}; memo "${memo.memo}"`,
    })
  }
  if (memo.kind !== 'swap')
    return stop(
      'service',
      `THORChain ${memo.action} (not a swap): not followed through`,
    )
  const destName = chainOfThorAsset(memo.asset)
  const dest = destName ? findChain(destName) : undefined
  if (!dest || !lead)
    return stop(
      'swap-pending',
      `swapped through THORChain to ${memo.asset.text}${lead ? ` for ${lead}` : ''}: fundtrace cannot follow it there; the destination is the lead`,
    )
  const view = await ctx.check?.view(inbound.txHash)
  // What thornode says is a lead where the chain data cannot settle the swap.
  const said = view ? `; ${viewText(view)}` : ''
  const target = ctx.stackFor(dest)
  if (!target)
    return stop(
      'no-source',
      `swapped through THORChain to ${memo.asset.text} for ${lead} on ${dest.name}: no source for ${dest.name}; continue with ${sourceHint(dest)}${said}`,
    )
  const payout = await findPayout(ctx, { from, dest, target, inbound, lead })
  const outbound = payout?.outbound
  if (!outbound)
    return stop(
      'swap-pending',
      `swapped through THORChain to ${memo.asset.text} for ${lead} on ${dest.name}: no payout naming ${inbound.txHash} found within ${Math.round(ctx.windowSeconds / 3600)} h; the destination is the lead${said}`,
    )
  stop(
    'swapped',
    `${outbound.kind === 'refund' ? 'refunded by' : 'swapped through'} THORChain to ${formatUnits(outbound.amount, outbound.asset.decimals)} ${outbound.asset.symbol} on ${payout.chain.name}, ${outbound.kind === 'refund' ? 'REFUND' : 'OUT'} tx ${outbound.txHash}`,
  )
  recordSwap(piece, inbound, payout, view, out)
}

/** A swap found: its edge (with thornode's verdict, if asked) and the walk its payout starts. */
function recordSwap(
  piece: Endpoint,
  inbound: Inbound,
  payout: Payout,
  view: ThornodeView | undefined,
  out: Settled,
): void {
  const { outbound } = payout
  if (piece.taint < piece.value)
    out.limitations.push(
      `THORChain swap ${inbound.txHash}: ${formatUnits(piece.taint, piece.asset.decimals)} of the ${formatUnits(piece.value, piece.asset.decimals)} ${piece.asset.symbol} swapped was tainted; its payout ${outbound.txHash} is followed whole`,
    )
  const edge = swapEdge(inbound, outbound, piece.taint)
  if (view) {
    const judged = judgeSwap(view, edge)
    edge.crossCheck = judged.crossCheck
    if (judged.limitation) out.limitations.push(judged.limitation)
  }
  out.swaps.push(edge)
  out.next.push({
    chain: payout.chain,
    sources: payout.sources,
    seed: outbound.seed,
    hopOffset: piece.hop,
  })
}

/**
 * The payout of a swap: `OUT:<inbound>` to the destination on the memo's
 * chain, else `REFUND:<inbound>` back to the sender on the sending chain.
 */
async function findPayout(
  ctx: SettleContext,
  at: {
    from: ResolvedChain
    dest: ResolvedChain
    target: { stack: ChainStack; sources: SourceOptions }
    inbound: Inbound
    lead: string
  },
): Promise<Payout | null> {
  const { inbound } = at
  const query = {
    inboundHash: inbound.txHash,
    after: inbound.time ?? 0,
    windowSeconds: ctx.windowSeconds,
  }
  const out = await at.target.stack.reader.findOutbound({
    ...query,
    recipient: at.lead,
  })
  if (out) return { chain: at.dest, sources: at.target.sources, outbound: out }
  const home = inbound.sender ? ctx.stackFor(at.from) : undefined
  if (!home || !inbound.sender) return null
  const refund = await home.stack.reader.findOutbound({
    ...query,
    recipient: inbound.sender,
  })
  if (refund?.kind !== 'refund') return null
  return { chain: at.from, sources: home.sources, outbound: refund }
}

function swapEdge(
  inbound: Inbound,
  outbound: Outbound,
  taintIn: bigint,
): SwapEdge {
  const side = ({
    chain,
    txHash,
    index,
    address,
    asset,
    amount,
    time,
  }: Inbound | Outbound) => ({
    chain,
    txHash,
    index,
    address,
    asset,
    amount,
    time,
  })
  return {
    protocol: 'thorchain',
    memo: inbound.memo.memo,
    outMemo: outbound.memo,
    match: outbound.kind === 'refund' ? 'memo-refund' : 'memo-out',
    inbound: side(inbound),
    outbound: side(outbound),
    taintIn,
    taintOut: outbound.amount,
  }
}
