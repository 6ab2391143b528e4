/** Adds USD values at the time of each transfer to a report, from one PriceSource. */
import type {
  FiatValues,
  GraphEdge,
  Hit,
  Report,
  UsdValue,
} from '../report/types.js'
import { createAssetResolver, type PricedAsset } from './assets.js'
import { formatCents, parseDecimal, usdCents } from './decimal.js'
import { type Found, type Quote, totalLoss } from './loss.js'
import type { PriceSource } from './types.js'

const FIAT_METHOD =
  'USD = exact amount in base units x USD price per whole coin (a decimal string), computed in integers and rounded half-up to the cent once per value. Exchange deposits: the traced amount at the time it was first credited. Hops: the traced part at the time of its transaction. Total loss: the stolen amount of each asset at the time of each theft transaction, summed exactly. A token is priced by its symbol only at its canonical contract (anyone can deploy a token called USDT); any other token is looked up by its contract address. A missing price is shown as unknown, never estimated.'

/** The first source with a price wins: e.g. a price file, then CoinGecko. */
export function chainPriceSources(...sources: PriceSource[]): PriceSource {
  return {
    name: sources.map((s) => s.name).join(', then '),
    async priceAt(asset, time) {
      for (const source of sources) {
        const quote = await source.priceAt(asset, time)
        if (quote) return quote
      }
      return null
    },
  }
}

function createQuoter(source: PriceSource) {
  const cache = new Map<string, Promise<Found>>()
  async function look(asset: string, time: string): Promise<Found> {
    try {
      const quote = await source.priceAt(asset, new Date(time))
      const price = quote ? parseDecimal(quote.price) : null
      if (quote && price) return { quote, price }
      if (quote)
        return { note: `unusable price "${quote.price}" from ${quote.source}` }
      return { note: `no ${asset} price for ${time} in ${source.name}` }
    } catch (err) {
      const message =
        err instanceof Error ? err.message.split('\n')[0] : String(err)
      return { note: `price lookup failed: ${message}` }
    }
  }
  return (asset: string, time: string | null): Promise<Found> => {
    if (!time || Number.isNaN(Date.parse(time)))
      return Promise.resolve({ note: 'unconfirmed: no time to price at' })
    const iso = new Date(time).toISOString()
    const key = `${asset}|${iso}`
    let found = cache.get(key)
    if (!found) {
      found = look(asset, iso)
      cache.set(key, found)
    }
    return found
  }
}

type Quoter = ReturnType<typeof createQuoter>

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

async function valueAt(
  quoter: Quoter,
  asset: PricedAsset | null,
  amountBase: string,
  time: string | null,
): Promise<UsdValue> {
  if (!asset) return unknown(time, 'asset decimals not in the report')
  const found = await quoter(asset.priceKey, time)
  if ('note' in found) return unknown(time, found.note)
  return {
    value: formatCents(
      usdCents(BigInt(amountBase), asset.decimals, found.price),
    ),
    price: found.quote.price,
    priceSource: found.quote.source,
    priceAt: found.quote.at,
    txTime: time,
  }
}

/** Returns a new report with `usd` on every hit and edge and a `fiat` summary. */
export async function applyFiat(
  report: Report,
  source: PriceSource,
): Promise<Report> {
  const quoter: Quote = createQuoter(source)
  const resolve = createAssetResolver(report)
  const hits: Hit[] = await Promise.all(
    report.hits.map(async (h) => ({
      ...h,
      usd: await valueAt(quoter, resolve(h), h.amountBase, h.firstSeen),
    })),
  )
  const edges: GraphEdge[] = await Promise.all(
    report.graph.edges.map(async (e) => ({
      ...e,
      usd: await valueAt(quoter, resolve(e), e.taintedBase, e.time),
    })),
  )
  const loss = await totalLoss(report, quoter)
  const values = [...hits, ...edges].map((x) => x.usd)
  const fiat: FiatValues = {
    currency: 'USD',
    source: source.name,
    method: FIAT_METHOD,
    totalLoss: loss,
    unknown:
      values.filter((v) => v?.value == null).length + (loss.value ? 0 : 1),
  }
  return { ...report, hits, graph: { ...report.graph, edges }, fiat }
}
