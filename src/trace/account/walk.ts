/**
 * Forward taint walk on an account chain. Taint sits on transfers; each
 * address's ledger turns its tainted inflows into tainted outflows under the
 * policy. An address is re-evaluated whenever its tainted inflows change, in
 * chain order of its earliest tainted inflow, until nothing changes (taint
 * only moves forward in time, so this settles). Endpoints are read off the
 * settled state, so nothing is counted twice.
 */
import type { AccountTransfer, Asset, Label } from '../../core/types.js'
import { fullRange, rangesLength } from '../ranges.js'
import type { TraceResult } from '../types.js'
import { emitAccountResult } from './emit.js'
import { evaluate } from './evaluate.js'
import { isExchange } from './label-kinds.js'
import { settle } from './settle.js'
import { addInflow, newWalkState, skip, type WalkState } from './state.js'
import type { AccountWalkOptions } from './types.js'

export type { Inflow, WalkState } from './state.js'

/** An adapter that can read fewer lists when it knows which assets matter. */
type Focusable = { focusAssets?: (assets: readonly Asset[]) => void }

export async function walkAccount(
  options: AccountWalkOptions,
): Promise<TraceResult> {
  const { adapter } = options
  const state = newWalkState(options)
  for (const seed of options.seeds)
    await plantSeed(state, seed)
    // Taint never changes asset: histories need only the stolen ones.
  ;(adapter as Focusable).focusAssets?.(state.stolen.map((t) => t.asset))
  const pending = new Set(state.incoming.keys())
  const maxNodes = options.maxNodes ?? 2000
  const exchanges = new Set<string>()
  while (pending.size > 0) {
    options.signal?.throwIfAborted()
    const address = earliest(state, pending)
    pending.delete(address)
    reportProgress(state, pending, exchanges)
    if (stopsHere(state, address)) {
      if (options.labels.lookup(adapter.chain, address).some(isExchange))
        exchanges.add(address)
      continue
    }
    if (!state.evaluated.has(address) && state.evaluated.size >= maxNodes) {
      skip(state, address, 'max-nodes', `more than ${maxNodes} addresses read`)
      continue
    }
    const changed = await evaluate(state, address)
    for (const next of changed) pending.add(next)
  }
  reportProgress(state, new Set(), exchanges)
  return emitAccountResult(settle(state), {
    chain: adapter.chain,
    nativeAsset: adapter.asset,
    policy: options.policy,
    seedTxs: options.seeds.map((s) => s.txHash),
    victims: [...state.victims],
  })
}

function reportProgress(
  state: WalkState,
  pending: ReadonlySet<string>,
  exchanges: ReadonlySet<string>,
): void {
  let hops = 0
  for (const hop of state.hop.values()) hops = Math.max(hops, hop)
  state.options.onProgress?.({
    txs: state.evaluated.size,
    hops,
    hits: exchanges.size,
    queued: pending.size,
  })
}

/** The seed's stolen transfers: those from a victim, else those from the tx sender. */
async function plantSeed(
  state: WalkState,
  seed: AccountWalkOptions['seeds'][number],
): Promise<void> {
  const { adapter, labels } = state.options
  const transfers = seed.transfer
    ? [seed.transfer]
    : await adapter.getTxTransfers(adapter.parseTxid(seed.txHash))
  const sender = transfers.find((t) => t.kind === 'native')?.from
  const fromVictim = transfers.some((t) => state.victims.has(t.from))
  const sources = seed.from
    ? new Set([seed.from])
    : fromVictim
      ? state.victims
      : new Set(sender ? [sender] : [])
  for (const source of sources) state.seedSenders.add(source)
  for (const t of transfers) {
    if (t.value === 0n || !sources.has(t.from) || state.victims.has(t.to))
      continue
    if (seed.to !== undefined && t.to !== seed.to) continue
    if (
      t.to === t.from ||
      sameEntity(
        labels.lookup(adapter.chain, t.from),
        labels.lookup(adapter.chain, t.to),
      )
    )
      continue
    const ranges = seed.ranges ?? fullRange(t.value)
    state.stolen.push({ asset: t.asset, amount: rangesLength(ranges) })
    addInflow(state, t, ranges, 1)
  }
}

function sameEntity(a: readonly Label[], b: readonly Label[]): boolean {
  return a.some((x) => b.some((y) => x.entity === y.entity))
}

function earliest(state: WalkState, pending: Set<string>): string {
  let best: string | undefined
  let bestOrder: [number, number, number] = [Infinity, Infinity, Infinity]
  for (const address of pending) {
    for (const { transfer: t } of state.incoming.get(address)?.values() ?? []) {
      const order: [number, number, number] = [
        t.block.height,
        t.txIndex,
        t.logIndex,
      ]
      if (best === undefined || compareOrder(order, bestOrder) < 0) {
        best = address
        bestOrder = order
      }
    }
    best ??= address
  }
  return best as string
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** Victims, labelled addresses and hop/amount limits end the walk at an address. */
function stopsHere(state: WalkState, address: string): boolean {
  const { adapter, labels } = state.options
  if (state.victims.has(address)) return true
  if (labels.lookup(adapter.chain, address).length > 0) return true
  const hop = state.hop.get(address) ?? 1
  const maxHops = state.options.maxHops ?? 12
  if (hop > maxHops) {
    skip(state, address, 'max-hops', `hop ${hop} exceeds --max-hops ${maxHops}`)
    return true
  }
  if (belowMinimum(state, address)) {
    skip(state, address, 'min-amount', 'tainted amount below --min-amount')
    return true
  }
  return false
}

function belowMinimum(state: WalkState, address: string): boolean {
  const min = state.options.minAmount ?? 0n
  if (min === 0n) return false
  const totals = new Map<
    string,
    { asset: AccountTransfer['asset']; amount: bigint }
  >()
  for (const { transfer, ranges } of state.incoming.get(address)?.values() ??
    []) {
    const key = transfer.asset.contract ?? 'native'
    const entry = totals.get(key) ?? { asset: transfer.asset, amount: 0n }
    entry.amount += rangesLength(ranges)
    totals.set(key, entry)
  }
  return [...totals.values()].every(
    ({ asset, amount }) =>
      amount < (typeof min === 'bigint' ? min : min(asset)),
  )
}
