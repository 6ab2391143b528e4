/** Reads endpoints, balances and per-asset totals off a settled walk. */

import { assetKey } from '../../core/asset.js'
import type { Asset } from '../../core/types.js'
import { rangesLength } from '../ranges.js'
import { arrivalOf, settleArrival, type Totals } from './classify.js'
import { findDeposits } from './deposits.js'
import { edgeKey } from './ledger.js'
import { byAsset, type Inflow, type WalkState } from './state.js'
import type { AccountEdge, Settlement } from './types.js'

type Recon = Map<string, { asset: Asset; totals: Totals }>

export function settle(state: WalkState): Settlement {
  const { adapter, labels } = state.options
  const result = emptyResult(state)
  const recon: Recon = new Map()
  const totals = (asset: Asset) => totalsOf(recon, asset)
  for (const t of state.stolen) totals(t.asset).stolen += t.amount
  const deposits = findDeposits(state)

  for (const [address, inflows] of state.incoming) {
    const hop = state.hop.get(address) ?? 1
    const addressLabels = [...labels.lookup(adapter.chain, address)]
    for (const [key, group] of byAsset(inflows)) {
      const arrival = arrivalOf(
        address,
        key,
        group,
        deposits,
        addressLabels,
        hop,
      )
      const t = totals(group.asset)
      settleArrival(state, result, arrival, t, deposits.get(address)?.get(key))
    }
    for (const inflow of inflows.values()) result.edges.push(edge(inflow, hop))
  }
  totalsInto(result, recon)
  result.edges.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex)
  return result
}

/** The asset's running totals, created at zero on first use: first use fixes the order. */
function totalsOf(recon: Recon, asset: Asset): Totals {
  const key = assetKey(asset)
  let found = recon.get(key)
  if (!found) {
    found = { asset, totals: zero() }
    recon.set(key, found)
  }
  return found.totals
}

/** Per-asset totals in first-use order; the reconciliation sums the rest from the endpoints. */
function totalsInto(result: Settlement, recon: Recon): void {
  // A fee paid by a seed sender out of stolen funds is the victim's, not the thief's: nothing to add.
  for (const { asset, totals: t } of recon.values()) {
    result.stolen.push({ asset, amount: t.stolen })
    if (t.fees > 0n) result.fees.push({ asset, amount: t.fees })
    if (t.absorbed > 0n) result.absorbed.push({ asset, amount: t.absorbed })
  }
}

function edge({ transfer: t, ranges }: Inflow, hop: number): AccountEdge {
  return {
    key: edgeKey(t),
    txHash: t.txHash,
    kind: t.kind,
    logIndex: t.logIndex,
    from: t.from,
    to: t.to,
    asset: t.asset,
    value: t.value,
    tainted: rangesLength(ranges),
    ranges,
    block: t.block.height,
    time: t.block.time,
    hop,
  }
}

function zero(): Totals {
  return { stolen: 0n, fees: 0n, absorbed: 0n }
}

function emptyResult(state: WalkState): Settlement {
  return {
    stolen: [],
    hits: [],
    stops: [],
    atRest: [],
    unexplored: [],
    edges: [],
    fees: [],
    absorbed: [],
    txFees: [],
    heuristics: [],
    limitations: [...state.options.adapter.limitations, ...state.limitations],
    addresses: state.evaluated.size,
  }
}
