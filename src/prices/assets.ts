/**
 * Which price to ask for, and in which decimals, for each asset a report
 * moves. A token is priced by its symbol only when its contract is the
 * canonical one for that chain: anyone can deploy a token called "USDT".
 * Any other token is asked for by its contract address, so a price file can
 * still give it a price, and a symbol-keyed API never matches it.
 */
import { KNOWN_TOKENS } from '../chains/evm/erc20.js'
import type { Report } from '../report/types.js'

export type PricedAsset = {
  /** The key given to the PriceSource: a symbol, or a token contract. */
  priceKey: string
  decimals: number
}

export type AssetRef = {
  chain?: string | undefined
  asset?: string | undefined
  contract?: string | undefined
}

function keyOf(symbol: string, contract: string | undefined): string {
  return `${symbol}|${contract?.toLowerCase() ?? ''}`
}

function priceKey(chain: string, symbol: string, contract?: string): string {
  if (!contract) return symbol.toUpperCase()
  const known = KNOWN_TOKENS[chain]?.[symbol.toUpperCase()]
  return known === contract.toLowerCase()
    ? symbol.toUpperCase()
    : contract.toLowerCase()
}

/** Resolves a hit's or edge's asset; null when the report does not give its decimals. */
export function createAssetResolver(
  report: Report,
): (ref: AssetRef) => PricedAsset | null {
  const decimals = new Map<string, number>()
  decimals.set(
    keyOf(report.asset.symbol, report.asset.contract),
    report.asset.decimals,
  )
  for (const r of report.reconciliations ?? [])
    decimals.set(keyOf(r.asset, r.contract), r.decimals)
  return (ref) => {
    const symbol = ref.asset ?? report.asset.symbol
    const contract = ref.asset ? ref.contract : report.asset.contract
    const d = decimals.get(keyOf(symbol, contract))
    if (d === undefined) return null
    const chain = ref.chain || report.case.chain
    return { priceKey: priceKey(chain, symbol, contract), decimals: d }
  }
}
