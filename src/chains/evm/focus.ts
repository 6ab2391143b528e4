/** The assets a walk follows: lists and transfers of any other asset are not needed. */
import type { Asset } from '../../core/types.js'
import type { EvmTransfer } from './types.js'

export type Focus = {
  /** The chain's native coin (and internal transfers, which carry it). */
  native: boolean
  /** Token contracts, lower case. */
  tokens: ReadonlySet<string>
}

export function focusOn(assets: readonly Asset[]): Focus {
  const tokens = new Set<string>()
  let native = false
  for (const asset of assets) {
    if (asset.contract) tokens.add(asset.contract.toLowerCase())
    else native = true
  }
  return { native, tokens }
}

/** Always true without a focus. */
export function inFocus(focus: Focus | undefined, t: EvmTransfer): boolean {
  if (!focus) return true
  const contract = t.asset.contract
  return contract ? focus.tokens.has(contract.toLowerCase()) : focus.native
}
