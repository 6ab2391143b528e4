/** Deposit addresses found by their sweeps into exchange-labelled wallets. */

import { assetKey } from '../../core/asset.js'
import type { Asset } from '../../core/types.js'
import {
  attributeSweep,
  type DepositAttribution,
  SWEEP_WINDOW_BLOCKS,
  withinSweepWindow,
} from '../attribution.js'
import { byAsset, type Inflow, type WalkState } from './state.js'

export type Deposit = DepositAttribution & { sweeps: string[] }

/**
 * Victor (2020): an unlabelled address whose tainted outflows of an asset all
 * go to exchange-labelled wallets, soon after the taint arrived, and leave
 * (almost) none of it behind, is a deposit address (attribution.ts says whose).
 */
export function findDeposits(
  state: WalkState,
): Map<string, Map<string, Deposit>> {
  const { adapter, labels } = state.options
  const found = new Map<string, Map<string, Deposit>>()
  for (const [address, inflows] of state.incoming) {
    if (
      !state.evaluated.has(address) ||
      labels.lookup(adapter.chain, address).length > 0
    )
      continue
    if (state.victims.has(address) || state.seedSenders.has(address)) continue
    if (state.options.passedThrough?.has(address)) continue
    for (const [key, group] of byAsset(inflows)) {
      const deposit = depositOf(state, address, key, group)
      if (!deposit) continue
      const perAsset = found.get(address) ?? new Map<string, Deposit>()
      perAsset.set(key, deposit)
      found.set(address, perAsset)
    }
  }
  return found
}

/** The address as a deposit for one asset, or undefined when its sweeps do not qualify. */
function depositOf(
  state: WalkState,
  address: string,
  key: string,
  group: { asset: Asset; items: Inflow[] },
): Deposit | undefined {
  const { adapter, labels } = state.options
  const outs = taintedOutflows(state, address, key)
  const attribution = attributeSweep(
    outs.map(({ to }) => labels.lookup(adapter.chain, to)),
  )
  const firstBlock = Math.min(
    ...group.items.map((i) => i.transfer.block.height),
  )
  const soon = withinSweepWindow(
    firstBlock,
    outs.map(({ i }) => i.transfer.block.height),
    state.options.sweepWindowBlocks ?? SWEEP_WINDOW_BLOCKS,
  )
  // Sweeps forward the balance less gas: "all of it" means under 1% left at rest.
  const ledger = state.evaluated.get(address)?.get(key)
  const swept =
    ledger !== undefined && ledger.taintedAtRest * 100n <= ledger.taintIn
  if (!attribution || !soon || !swept) return undefined
  return {
    ...attribution,
    sweeps: [...new Set(outs.map(({ i }) => i.transfer.txHash))],
  }
}

/** The address's tainted outflows of one asset, with their recipients. */
function taintedOutflows(
  state: WalkState,
  address: string,
  key: string,
): { to: string; i: Inflow }[] {
  return [...state.incoming.entries()].flatMap(([to, map]) =>
    [...map.values()]
      .filter(
        (i) =>
          i.transfer.from === address && assetKey(i.transfer.asset) === key,
      )
      .map((i) => ({ to, i })),
  )
}
