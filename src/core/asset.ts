/** One key per asset on a chain, for grouping and matching amounts. */
import type { Asset } from './types.js'

/** Native assets share one key per chain; tokens are keyed by contract. */
export function assetKey(asset: Pick<Asset, 'contract'>): string {
  return asset.contract ? asset.contract.toLowerCase() : 'native'
}

/** The key across chains: BTC and ETH are both native, on different chains. */
export function chainAssetKey(
  asset: Pick<Asset, 'chain' | 'contract'>,
): string {
  return `${asset.chain}|${assetKey(asset)}`
}
