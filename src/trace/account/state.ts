/** The mutable state of one account walk, and the taint it keeps per inflow. */

import { assetKey } from '../../core/asset.js'
import type { AccountTransfer, Asset } from '../../core/types.js'
import { type Range, rangesLength } from '../ranges.js'
import { edgeKey } from './ledger.js'
import type { LedgerResult } from './policies.js'
import type { AccountWalkOptions, UnexploredReason } from './types.js'

export type Inflow = { transfer: AccountTransfer; ranges: Range[] }

/** Mutable state of one walk, shared by walk, evaluate and settle. */
export type WalkState = {
  options: AccountWalkOptions
  victims: Set<string>
  incoming: Map<string, Map<string, Inflow>>
  hop: Map<string, number>
  evaluated: Map<string, Map<string, LedgerResult>>
  skipped: Map<string, { reason: UnexploredReason; detail: string }>
  history: Map<string, AccountTransfer[]>
  /** What each seed payment brought in tainted, per asset. */
  stolen: { asset: Asset; amount: bigint }[]
  seedSenders: Set<string>
  limitations: string[]
}

export function newWalkState(options: AccountWalkOptions): WalkState {
  return {
    options,
    victims: new Set(
      options.victims.map((v) => options.adapter.parseAddress(v)),
    ),
    incoming: new Map(),
    hop: new Map(),
    evaluated: new Map(),
    skipped: new Map(),
    history: new Map(),
    stolen: [],
    seedSenders: new Set(),
    limitations: [],
  }
}

/** Sets the taint a transfer carries in; true when that changed anything. */
export function addInflow(
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

export function skip(
  state: WalkState,
  address: string,
  reason: UnexploredReason,
  detail: string,
): void {
  state.skipped.set(address, { reason, detail })
}

export function byAsset(
  inflows: Map<string, Inflow>,
): Map<string, { asset: Asset; items: Inflow[] }> {
  const groups = new Map<string, { asset: Asset; items: Inflow[] }>()
  for (const inflow of inflows.values()) {
    const key = assetKey(inflow.transfer.asset)
    const group = groups.get(key) ?? { asset: inflow.transfer.asset, items: [] }
    group.items.push(inflow)
    groups.set(key, group)
  }
  return groups
}

export function sumTaint(items: readonly Inflow[]): bigint {
  return items.reduce((s, i) => s + rangesLength(i.ranges), 0n)
}
