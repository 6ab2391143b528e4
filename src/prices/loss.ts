/**
 * The total loss in USD: each asset's stolen amount priced at the time of the
 * theft transactions that moved it, summed exactly and rounded once.
 */
import type { Report, UsdValue } from '../report/types.js'
import {
  type AssetRef,
  createAssetResolver,
  type PricedAsset,
} from './assets.js'
import { type Decimal, formatCents, usdCentsSum } from './decimal.js'
import type { PriceQuote } from './types.js'

type Part = {
  asset: PricedAsset | null
  amountBase: bigint
  time: string | null
}
export type Found = { quote: PriceQuote; price: Decimal } | { note: string }
export type Quote = (asset: string, time: string | null) => Promise<Found>

function stolenByAsset(report: Report): (AssetRef & { stolen: bigint })[] {
  const list = report.reconciliations ?? [
    {
      asset: undefined,
      contract: undefined,
      stolen: report.reconciliation.stolen,
    },
  ]
  return list
    .map((r) => ({
      asset: r.asset,
      contract: r.contract,
      stolen: BigInt(r.stolen.amountBase),
    }))
    .filter((r) => r.stolen > 0n)
}

const sameAsset = (ref: AssetRef, edge: AssetRef) =>
  ref.asset === undefined ||
  (edge.asset === ref.asset &&
    (edge.contract?.toLowerCase() ?? '') ===
      (ref.contract?.toLowerCase() ?? ''))

/** Theft parts of one asset: its hop-1 edges grouped by tx, each at its own time. */
function partsOf(
  report: Report,
  ref: AssetRef & { stolen: bigint },
  firstTheft: string | null,
): Part[] {
  const asset = createAssetResolver(report)(ref)
  const byTx = new Map<string, Part>()
  for (const edge of report.graph.edges) {
    if (edge.hop !== 1 || !sameAsset(ref, edge)) continue
    const part = byTx.get(edge.txHash) ?? {
      asset,
      amountBase: 0n,
      time: edge.time,
    }
    part.amountBase += BigInt(edge.taintedBase)
    byTx.set(edge.txHash, part)
  }
  const parts = [...byTx.values()]
  const total = parts.reduce((acc, p) => acc + p.amountBase, 0n)
  if (parts.length > 0 && total === ref.stolen) return parts
  // The graph does not account for the whole loss: price it at the first theft time.
  const times = parts.map((p) => p.time).filter((t): t is string => t !== null)
  return [
    { asset, amountBase: ref.stolen, time: times.sort()[0] ?? firstTheft },
  ]
}

function unknown(txTime: string | null, note: string): UsdValue {
  return {
    value: null,
    price: null,
    priceSource: null,
    priceAt: null,
    txTime,
    note,
  }
}

const describe = (ref: AssetRef & { stolen: bigint }) =>
  ref.contract ? `${ref.asset} (${ref.contract})` : (ref.asset ?? 'the coin')

/**
 * Assets without a price (a spam token, a missing day) are left out of the
 * sum and named in the note; the total is unknown only when nothing is priced.
 */
export async function totalLoss(
  report: Report,
  quote: Quote,
): Promise<UsdValue> {
  const firstTheft =
    report.graph.edges
      .filter((e) => e.hop === 1 && e.time)
      .map((e) => e.time as string)
      .sort()[0] ?? null
  const priced: Priced[] = []
  const missing: string[] = []
  const refs = stolenByAsset(report)
  for (const ref of refs) {
    const parts = partsOf(report, ref, firstTheft)
    const found = await priceParts(parts, quote)
    if (Array.isArray(found)) priced.push(...found)
    else missing.push(refs.length > 1 ? `${describe(ref)}: ${found}` : found)
  }
  if (priced.length === 0)
    return unknown(firstTheft, missing.join('; ') || 'nothing stolen to price')
  return summed(priced, firstTheft, missing)
}

type Priced = {
  amountBase: bigint
  decimals: number
  price: Decimal
  quote: PriceQuote
}

async function priceParts(
  parts: Part[],
  quote: Quote,
): Promise<Priced[] | string> {
  const priced: Priced[] = []
  for (const part of parts) {
    if (!part.asset) return 'asset decimals not in the report'
    const found = await quote(part.asset.priceKey, part.time)
    if ('note' in found) return found.note
    priced.push({
      amountBase: part.amountBase,
      decimals: part.asset.decimals,
      ...found,
    })
  }
  return priced
}

function summed(
  priced: Priced[],
  first: string | null,
  missing: string[],
): UsdValue {
  // Bring every asset to the widest decimals so the sum is exact.
  const decimals = Math.max(...priced.map((p) => p.decimals))
  const scaled = priced.map((p) => ({
    amountBase: p.amountBase * 10n ** BigInt(decimals - p.decimals),
    price: p.price,
  }))
  const one = priced.length === 1 ? priced[0] : undefined
  const notes = [
    ...(one
      ? []
      : [`sum of ${priced.length} theft transfers, each at its own price`]),
    ...(missing.length
      ? [`not included, no price: ${missing.join('; ')}`]
      : []),
  ]
  return {
    value: formatCents(usdCentsSum(scaled, decimals)),
    price: one ? one.quote.price : null,
    priceSource: [...new Set(priced.map((p) => p.quote.source))].join('; '),
    priceAt: [...new Set(priced.map((p) => p.quote.at))].join('; '),
    txTime: first,
    ...(notes.length ? { note: notes.join('. ') } : {}),
  }
}
