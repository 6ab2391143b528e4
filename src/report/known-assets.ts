/**
 * One Asset per token contract across the result. A token whose contract did
 * not answer symbol()/decimals() over RPC arrives as {symbol: contract,
 * decimals: 0}; the explorer's rows for the same contract name it properly.
 */
import type { Asset } from '../core/types.js'
import type { Endpoint, TraceResult } from '../trace/types.js'

export function withKnownAssets(
  result: TraceResult,
  extra: readonly Asset[],
): TraceResult {
  const fix = knownAssetFixer([
    ...extra,
    ...result.flow.edges.flatMap((e) => (e.asset ? [e.asset] : [])),
    ...result.stolen.map((s) => s.asset),
    ...result.hits.map((h) => h.asset),
  ])
  const fixEndpoint = (e: Endpoint) => fix(e)
  return {
    ...result,
    stolen: result.stolen.map(fix),
    absorbed: result.absorbed.map(fix),
    fees: result.fees.map(fix),
    endpoints: result.endpoints.map(fixEndpoint),
    hits: result.hits.map((h) => ({
      ...fix(h),
      outputs: h.outputs.map(fixEndpoint),
    })),
    flow: {
      nodes: result.flow.nodes,
      edges: result.flow.edges.map((e) =>
        e.asset ? { ...e, asset: fix({ asset: e.asset }).asset } : e,
      ),
    },
  }
}

/** The best-named Asset of each contract seen: one with decimals or a symbol of its own wins. */
function knownAssetFixer(seen: readonly Asset[]) {
  const best = new Map<string, Asset>()
  const named = (a: Asset) => a.decimals > 0 || a.symbol !== a.contract
  for (const asset of seen) {
    if (!asset.contract) continue
    const key = asset.contract.toLowerCase()
    const known = best.get(key)
    if (!known || (!named(known) && named(asset))) best.set(key, asset)
  }
  return <T extends { asset: Asset }>(item: T): T => {
    const known = item.asset.contract
      ? best.get(item.asset.contract.toLowerCase())
      : undefined
    return known && known !== item.asset ? { ...item, asset: known } : item
  }
}
