/**
 * Forward taint walk on an account chain. Taint sits on transfers; each
 * address's ledger turns its tainted inflows into tainted outflows under the
 * policy. An address is re-evaluated whenever its tainted inflows change, in
 * chain order of its earliest tainted inflow, until nothing changes (taint
 * only moves forward in time, so this settles). Endpoints are read off the
 * settled state, so nothing is counted twice.
 */
import type { AccountTransfer, Asset, Label } from '../../core/types.js'
import { fullRange, type Range, rangesLength } from '../ranges.js'
import { buildLedgers, edgeKey } from './ledger.js'
import { type LedgerResult, ledgerPolicies } from './policies.js'
import { settle } from './settle.js'
import type {
  AccountWalkOptions,
  AccountWalkResult,
  UnexploredReason,
} from './types.js'

export type Inflow = { transfer: AccountTransfer; ranges: Range[] }

/** An adapter that can read fewer lists when it knows which assets matter. */
type Focusable = { focusAssets?: (assets: readonly Asset[]) => void }

/** Mutable state of one walk, shared with settle.ts. */
export type WalkState = {
  options: AccountWalkOptions
  victims: Set<string>
  incoming: Map<string, Map<string, Inflow>>
  hop: Map<string, number>
  evaluated: Map<string, Map<string, LedgerResult>>
  skipped: Map<string, { reason: UnexploredReason; detail: string }>
  history: Map<string, AccountTransfer[]>
  stolen: AccountTransfer[]
  seedSenders: Set<string>
  limitations: string[]
}

export async function walkAccount(
  options: AccountWalkOptions,
): Promise<AccountWalkResult> {
  const { adapter } = options
  const state: WalkState = {
    options,
    victims: new Set(options.victims.map((v) => adapter.parseAddress(v))),
    incoming: new Map(),
    hop: new Map(),
    evaluated: new Map(),
    skipped: new Map(),
    history: new Map(),
    stolen: [],
    seedSenders: new Set(),
    limitations: [],
  }
  for (const seed of options.seeds)
    await plantSeed(state, seed.txHash)
    // Taint never changes asset: histories need only the stolen ones.
  ;(adapter as Focusable).focusAssets?.(state.stolen.map((t) => t.asset))
  const pending = new Set(state.incoming.keys())
  const maxNodes = options.maxNodes ?? 2000
  while (pending.size > 0) {
    options.signal?.throwIfAborted()
    const address = earliest(state, pending)
    pending.delete(address)
    if (stopsHere(state, address)) continue
    if (!state.evaluated.has(address) && state.evaluated.size >= maxNodes) {
      skip(state, address, 'max-nodes', `more than ${maxNodes} addresses read`)
      continue
    }
    const changed = await evaluate(state, address)
    for (const next of changed) pending.add(next)
  }
  return settle(state)
}

/** The seed's stolen transfers: those from a victim, else those from the tx sender. */
async function plantSeed(state: WalkState, txHash: string): Promise<void> {
  const { adapter, labels } = state.options
  const transfers = await adapter.getTxTransfers(adapter.parseTxid(txHash))
  const sender = transfers.find((t) => t.kind === 'native')?.from
  const fromVictim = transfers.some((t) => state.victims.has(t.from))
  const sources = fromVictim ? state.victims : new Set(sender ? [sender] : [])
  for (const source of sources) state.seedSenders.add(source)
  for (const t of transfers) {
    if (t.value === 0n || !sources.has(t.from) || state.victims.has(t.to))
      continue
    if (
      t.to === t.from ||
      sameEntity(
        labels.lookup(adapter.chain, t.from),
        labels.lookup(adapter.chain, t.to),
      )
    )
      continue
    state.stolen.push(t)
    addInflow(state, t, fullRange(t.value), 1)
  }
}

function sameEntity(a: readonly Label[], b: readonly Label[]): boolean {
  return a.some((x) => b.some((y) => x.entity === y.entity))
}

function addInflow(
  state: WalkState,
  t: AccountTransfer,
  ranges: Range[],
  hop: number,
): boolean {
  let inflows = state.incoming.get(t.to)
  if (!inflows) {
    inflows = new Map()
    state.incoming.set(t.to, inflows)
  }
  const key = edgeKey(t)
  const before = inflows.get(key)
  const same = before && sameRanges(before.ranges, ranges)
  if (rangesLength(ranges) === 0n) inflows.delete(key)
  else inflows.set(key, { transfer: t, ranges })
  const known = state.hop.get(t.to)
  if (known === undefined || hop < known) state.hop.set(t.to, hop)
  return !same && !(before === undefined && rangesLength(ranges) === 0n)
}

function sameRanges(a: readonly Range[], b: readonly Range[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r[0] === b[i]?.[0] && r[1] === b[i]?.[1])
  )
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

function skip(
  state: WalkState,
  address: string,
  reason: UnexploredReason,
  detail: string,
): void {
  state.skipped.set(address, { reason, detail })
}

/** Reads the address (once), runs the policy, pushes outflow taint; returns recipients whose taint changed. */
async function evaluate(state: WalkState, address: string): Promise<string[]> {
  const transfers = await history(state, address)
  if (!transfers) return []
  const threshold = state.options.serviceThreshold ?? 1000
  if (transfers.length > threshold) {
    skip(
      state,
      address,
      'likely-service',
      `${transfers.length} transfers, over the ${threshold} threshold (raise it with --service-threshold to follow)`,
    )
    return []
  }
  state.skipped.delete(address)
  const inflows = state.incoming.get(address) ?? new Map<string, Inflow>()
  const ledgers = buildLedgers(
    address,
    transfers,
    (t) => inflows.get(edgeKey(t))?.ranges ?? [],
  )
  const policy = ledgerPolicies[state.options.policy]
  const results = new Map<string, LedgerResult>()
  const changed = new Set<string>()
  const hop = (state.hop.get(address) ?? 1) + 1
  const byKey = new Map(transfers.map((t) => [edgeKey(t), t]))
  for (const [asset, ledger] of ledgers) {
    const result = policy(ledger.entries)
    results.set(asset, result)
    for (const [key, out] of result.outs) {
      const t = byKey.get(key)
      if (!t) continue
      const hadTaint = state.incoming.get(t.to)?.has(key) ?? false
      if (out.taint === 0n && !hadTaint) continue
      if (addInflow(state, t, out.ranges, hop)) changed.add(t.to)
    }
  }
  state.evaluated.set(address, results)
  return [...changed]
}

/** Address history plus the transfers of its inflow txs the history did not list (same-tx forwarding). */
async function history(
  state: WalkState,
  address: string,
): Promise<AccountTransfer[] | undefined> {
  const { adapter } = state.options
  const inflows = [...(state.incoming.get(address)?.values() ?? [])]
  const first = Math.min(...inflows.map((i) => i.transfer.block.height))
  const fromBlock = state.options.fullHistory === false ? first : 0
  let list = state.history.get(address)
  try {
    if (!list) {
      list = await adapter.getAddressTransfers(address, {
        fromBlock,
        signal: state.options.signal,
      })
      state.history.set(address, list)
    }
    const listed = new Set(list.map((t) => t.txHash))
    const extra: AccountTransfer[] = []
    for (const { transfer } of inflows) {
      if (listed.has(transfer.txHash)) continue
      listed.add(transfer.txHash)
      const same = await adapter.getTxTransfers(transfer.txHash, {
        signal: state.options.signal,
      })
      extra.push(...same.filter((t) => t.from === address || t.to === address))
    }
    if (extra.length > 0) {
      list = [...list, ...extra]
      state.history.set(address, list)
    }
    return list
  } catch (err) {
    if (state.options.signal?.aborted) throw err
    const message =
      err instanceof Error ? err.message.split('\n')[0] : String(err)
    skip(state, address, 'fetch-failed', message ?? 'fetch failed')
    return undefined
  }
}
