/**
 * Tainted value that stopped at a DEX (or at the wrapped native coin) on an
 * account chain: where the tx shows what the sender's asset became in that
 * same tx, the part that went in is `swapped` and the payment out starts a
 * walk in the new asset, carrying the tainted share of the input at the rate
 * the tx shows. Where the tx shows no conversion the stop stays as it was.
 */
import { formatUnits } from '../../core/amount.js'
import { chainAssetKey } from '../../core/asset.js'
import { errorLine } from '../../core/errors.js'
import type { AccountTransfer } from '../../core/types.js'
import { fullRange } from '../../trace/ranges.js'
import type { Endpoint, SwapEdge, TraceResult } from '../../trace/types.js'
import type { Conversion } from '../evm/conversion.js'
import { wrappedNative } from '../evm/wrapped.js'
import type { ResolvedChain } from '../index.js'
import { isThorchainLabel } from '../thorchain/labels.js'
import type { SettleContext, Settled } from './settle.js'

/** One tx's tainted payments of one asset into DEX (or bridge) endpoints. */
export type Piece = {
  endpoint: Endpoint
  txHash: string
  sender: string
  /** Position of the first tainted payment into the DEX in the tx. */
  vout: number
  value: bigint
  taint: bigint
  /** Unix seconds of the tx's block; null while unconfirmed. */
  time: number | null
}

export function atDex(chain: ResolvedChain, e: Endpoint): boolean {
  if (e.reason !== 'service' || e.address === null) return false
  // THORChain's router has its own settling (memo in, payout on another chain).
  if (e.labels.some(isThorchainLabel)) return false
  return (
    e.category === 'swap' || wrappedNative(chain.chainId).includes(e.address)
  )
}

/** Settles the DEX endpoints of an account walk; the others pass through untouched. */
export async function settleDex(
  ctx: SettleContext,
  chain: ResolvedChain,
  result: TraceResult,
  endpoints: readonly Endpoint[],
): Promise<Settled> {
  const out: Settled = { endpoints: [], swaps: [], next: [], limitations: [] }
  const own = ctx.stackFor(chain)
  const reader = own?.stack.conversion
  const dex = endpoints.filter((e) => atDex(chain, e))
  out.endpoints.push(...endpoints.filter((e) => !atDex(chain, e)))
  if (!own || !reader || dex.length === 0) {
    out.endpoints.push(...dex)
    return out
  }
  const converted = new Map<Endpoint, bigint>()
  for (const group of byTx(splitByTx(result, dex))) {
    const [first] = group
    if (!first) continue
    const conversion = await readOrNull(ctx, out, first.txHash, () =>
      reader(first.txHash, first.sender, first.endpoint.asset),
    )
    if (!conversion) continue
    const leg = convert(group, conversion)
    for (const p of group)
      converted.set(p.endpoint, (converted.get(p.endpoint) ?? 0n) + p.taint)
    out.endpoints.push(...leg.endpoints)
    out.swaps.push(leg.swap)
    if (leg.taintOut > 0n)
      out.next.push({
        chain,
        sources: own.sources,
        seed: {
          tx: conversion.output.txHash,
          from: conversion.output.from,
          to: conversion.output.to,
          transfer: conversion.output,
          ranges: fullRange(leg.taintOut),
        },
        hopOffset: Math.min(...group.map((p) => p.endpoint.hop)),
      })
  }
  for (const e of dex) out.endpoints.push(...remainder(e, converted.get(e)))
  return out
}

/** A tx that cannot be read shows no conversion: the stop stays, and the report says why. */
async function readOrNull(
  ctx: SettleContext,
  out: Settled,
  txHash: string,
  read: () => Promise<Conversion | null>,
): Promise<Conversion | null> {
  try {
    return await read()
  } catch (err) {
    if (ctx.signal?.aborted) throw err
    out.limitations.push(
      `tx ${txHash} into a DEX could not be read for a swap, so its stop stays: ${errorLine(err)}`,
    )
    return null
  }
}

/** What no conversion accounts for stays the stop it was, one row per address as before. */
function remainder(e: Endpoint, converted: bigint | undefined): Endpoint[] {
  return untaken(e, converted).map(unread)
}

/** What of a stop its settled pieces did not take: all of it, the rest, or nothing. */
export function untaken(e: Endpoint, taken: bigint | undefined): Endpoint[] {
  if (taken === undefined) return [e]
  return e.taint > taken ? [{ ...e, taint: e.taint - taken }] : []
}

/** A labelled DEX stop says why it was not followed; a wrapped coin's reads as before. */
function unread(e: Endpoint): Endpoint {
  if (e.category !== 'swap') return e
  return { ...e, detail: `${e.detail} (the tx shows no conversion to read)` }
}

/**
 * The endpoint's taint split per tx by the walk's edges into it (no more
 * than the endpoint holds).
 */
export function splitByTx(
  result: TraceResult,
  endpoints: readonly Endpoint[],
): Piece[] {
  const pieces: Piece[] = []
  for (const endpoint of endpoints) {
    const key = chainAssetKey(endpoint.asset)
    const byTx = new Map<string, Piece>()
    for (const e of result.flow.edges) {
      if (e.target !== endpoint.address || !e.asset) continue
      if (chainAssetKey(e.asset) !== key || e.tainted === 0n) continue
      const seen = byTx.get(e.txHash) ?? {
        endpoint,
        txHash: e.txHash,
        sender: e.source,
        vout: e.outputIndex,
        value: 0n,
        taint: 0n,
        time: e.time,
      }
      seen.value += e.amount
      seen.taint += e.tainted
      byTx.set(e.txHash, seen)
    }
    let left = endpoint.taint
    for (const piece of byTx.values()) {
      if (piece.taint > left) continue
      left -= piece.taint
      pieces.push(piece)
    }
  }
  return pieces
}

/** Pieces of one tx and asset together: a swap through two labelled pools is one conversion. */
function byTx(pieces: readonly Piece[]): Piece[][] {
  const groups = new Map<string, Piece[]>()
  for (const p of pieces) {
    const key = `${p.txHash}|${chainAssetKey(p.endpoint.asset)}`
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  return [...groups.values()]
}

/**
 * The tainted share of what went in, carried at the tx's own rate: out ×
 * taint ÷ value in, rounded down (poison taints the whole input, so all of it).
 */
function convert(group: readonly Piece[], c: Conversion) {
  const reached = group.reduce((s, p) => s + p.value, 0n)
  const taint = group.reduce((s, p) => s + p.taint, 0n)
  // All the sender put in, clean parts included: the rate is the whole swap's.
  const value = c.input.amount > reached ? c.input.amount : reached
  const taintOut = value === 0n ? 0n : (c.output.value * taint) / value
  const out = c.output
  const detail = `swapped in the same tx for ${formatUnits(out.value, out.asset.decimals)} ${out.asset.symbol} to ${out.to} (${c.rule})`
  const endpoints = group.map(
    (p): Endpoint => ({
      ...p.endpoint,
      reason: 'swapped',
      txid: p.txHash,
      vout: p.vout,
      value: p.value,
      taint: p.taint,
      detail,
    }),
  )
  const swap = swapEdge(group, c, { value, taint, taintOut })
  return { endpoints, swap, taintOut }
}

function swapEdge(
  group: readonly Piece[],
  c: Conversion,
  sums: { value: bigint; taint: bigint; taintOut: bigint },
): SwapEdge {
  const [first] = group
  const side = (t: AccountTransfer, address: string, amount: bigint) => ({
    chain: t.chain,
    txHash: t.txHash,
    index: t.kind === 'native' ? 0 : Math.max(0, t.logIndex),
    address,
    asset: t.asset,
    amount,
    time: t.block.time,
  })
  return {
    protocol: 'dex',
    memo: '',
    outMemo: '',
    match: 'same-tx',
    rule: c.rule,
    inbound: {
      ...side(c.output, first?.endpoint.address ?? c.input.from, sums.value),
      asset: c.input.asset,
      index: first?.vout ?? 0,
    },
    outbound: side(c.output, c.output.to, c.output.value),
    taintIn: sums.taint,
    taintOut: sums.taintOut,
  }
}
