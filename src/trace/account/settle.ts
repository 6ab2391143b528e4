/** Reads endpoints, balances and the reconciliation off a settled walk. */
import type { Asset } from '../../core/types.js'
import { rangesLength } from '../ranges.js'
import { arrivalOf, settleArrival, type Totals } from './classify.js'
import { findDeposits } from './deposits.js'
import { assetKey } from './ledger.js'
import { byAsset, type Inflow, type WalkState } from './state.js'
import type { AccountEdge, AccountWalkResult } from './types.js'

type Recon = Map<string, { asset: Asset; totals: Totals }>

export function settle(state: WalkState): AccountWalkResult {
  const { adapter, labels } = state.options
  const result = emptyResult(state)
  const recon: Recon = new Map()
  const totals = (asset: Asset) => totalsOf(recon, asset)
  for (const t of state.stolen) totals(t.asset).stolen += t.value
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
  reconcile(result, recon)
  result.edges.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex)
  result.status = result.unexplored.some((u) => u.reason === 'fetch-failed')
    ? 'incomplete'
    : 'complete'
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

/** One reconciliation per asset: stolen plus absorbed must equal everything out. */
function reconcile(result: AccountWalkResult, recon: Recon): void {
  // A fee paid by a seed sender out of stolen funds is the victim's, not the thief's: nothing to add.
  for (const { asset, totals: t } of recon.values()) {
    const out =
      t.atExchanges +
      t.atServices +
      t.returnedToVictim +
      t.atRest +
      t.fees +
      t.unexplored
    result.reconciliation.push({
      asset,
      ...t,
      balanced: t.stolen + t.absorbed === out,
    })
    result.stolen.push({ asset, amount: t.stolen })
    if (t.fees > 0n) result.fees.push({ asset, amount: t.fees })
  }
}

function edge({ transfer: t, ranges }: Inflow, hop: number): AccountEdge {
  return {
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
  return {
    stolen: 0n,
    atExchanges: 0n,
    atServices: 0n,
    returnedToVictim: 0n,
    atRest: 0n,
    fees: 0n,
    unexplored: 0n,
    absorbed: 0n,
  }
}

function emptyResult(state: WalkState): AccountWalkResult {
  return {
    status: 'complete',
    stolen: [],
    hits: [],
    stops: [],
    atRest: [],
    unexplored: [],
    edges: [],
    fees: [],
    txFees: [],
    reconciliation: [],
    heuristics: [],
    limitations: [...state.options.adapter.limitations, ...state.limitations],
    stats: {
      addresses: state.evaluated.size,
      transfers: [...state.history.values()].reduce((s, l) => s + l.length, 0),
    },
  }
}
