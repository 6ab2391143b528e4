/** Adds USD values at the time of each transfer to a report, from one PriceSource. */
import type {
  FiatValues,
  GraphEdge,
  Hit,
  Report,
  UsdValue,
} from '../report/types.js'
import {
  type Decimal,
  formatCents,
  parseDecimal,
  usdCents,
  usdCentsSum,
} from './decimal.js'
import type { PriceQuote, PriceSource } from './types.js'

export const FIAT_METHOD =
  'USD = exact amount in base units x USD price per whole coin (a decimal string), computed in integers and rounded half-up to the cent once per value. Exchange deposits: the traced amount at the time it was first credited. Hops: the traced part at the time of its transaction. Total loss: the stolen amount at the time of each theft transaction. A missing price is shown as unknown, never estimated.'

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

type Found = { quote: PriceQuote; price: Decimal } | { note: string }

function createQuoter(source: PriceSource, asset: string) {
  const cache = new Map<string, Promise<Found>>()
  async function look(time: string): Promise<Found> {
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
  return (time: string | null): Promise<Found> => {
    if (!time || Number.isNaN(Date.parse(time)))
      return Promise.resolve({ note: 'unconfirmed: no time to price at' })
    const iso = new Date(time).toISOString()
    let found = cache.get(iso)
    if (!found) {
      found = look(iso)
      cache.set(iso, found)
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
  amountBase: string,
  time: string | null,
  decimals: number,
): Promise<UsdValue> {
  const found = await quoter(time)
  if ('note' in found) return unknown(time, found.note)
  return {
    value: formatCents(usdCents(BigInt(amountBase), decimals, found.price)),
    price: found.quote.price,
    priceSource: found.quote.source,
    priceAt: found.quote.at,
    txTime: time,
  }
}

/** Theft parts: the hop-1 outputs grouped by tx, each priced at its own time. */
function theftParts(
  report: Report,
): { amountBase: bigint; time: string | null }[] {
  const byTx = new Map<string, { amountBase: bigint; time: string | null }>()
  for (const edge of report.graph.edges) {
    if (edge.hop !== 1) continue
    const part = byTx.get(edge.txHash) ?? { amountBase: 0n, time: edge.time }
    part.amountBase += BigInt(edge.taintedBase)
    byTx.set(edge.txHash, part)
  }
  const parts = [...byTx.values()]
  const stolen = BigInt(report.reconciliation.stolen.amountBase)
  const total = parts.reduce((acc, p) => acc + p.amountBase, 0n)
  if (parts.length > 0 && total === stolen) return parts
  // The graph does not account for the whole loss: price it at the first theft time.
  const times = parts.map((p) => p.time).filter((t): t is string => t !== null)
  return [{ amountBase: stolen, time: times.sort()[0] ?? null }]
}

async function totalLoss(report: Report, quoter: Quoter): Promise<UsdValue> {
  const parts = theftParts(report)
  const found = await Promise.all(parts.map((p) => quoter(p.time)))
  const first = parts.map((p) => p.time).sort()[0] ?? null
  const priced: { amountBase: bigint; price: Decimal; quote: PriceQuote }[] = []
  for (const [i, f] of found.entries()) {
    if ('note' in f) return unknown(first, f.note)
    priced.push({ amountBase: parts[i]?.amountBase ?? 0n, ...f })
  }
  const cents = usdCentsSum(priced, report.asset.decimals)
  const one = priced.length === 1 ? priced[0] : undefined
  return {
    value: formatCents(cents),
    price: one ? one.quote.price : null,
    priceSource: [...new Set(priced.map((p) => p.quote.source))].join('; '),
    priceAt: [...new Set(priced.map((p) => p.quote.at))].join('; '),
    txTime: first,
    ...(one
      ? {}
      : {
          note: `sum of ${priced.length} theft transactions, each at its own price`,
        }),
  }
}

/** Returns a new report with `usd` on every hit and edge and a `fiat` summary. */
export async function applyFiat(
  report: Report,
  source: PriceSource,
): Promise<Report> {
  const { symbol, decimals } = report.asset
  const quoter = createQuoter(source, symbol)
  const hits: Hit[] = await Promise.all(
    report.hits.map(async (h) => ({
      ...h,
      usd: await valueAt(quoter, h.amountBase, h.firstSeen, decimals),
    })),
  )
  const edges: GraphEdge[] = await Promise.all(
    report.graph.edges.map(async (e) => ({
      ...e,
      usd: await valueAt(quoter, e.taintedBase, e.time, decimals),
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
