/**
 * CoinGecko's public historical price: GET /coins/{id}/history?date=dd-mm-yyyy
 * returns the day's snapshot taken at 00:00 UTC. It goes through the shared
 * HttpClient, so every price response is stored with its retrieval time and
 * sha256 like chain data, and `--replay` prices offline from the same store.
 * One request per coin and UTC day (memoised; the store de-duplicates too).
 * Limits: the keyless API allows roughly 10-30 calls a minute and only the
 * last 365 days; a demo key (x_cg_demo_api_key) lifts neither much.
 */
import { z } from 'zod'
import { NotFoundError } from '../sources/errors.js'
import type { HttpClient } from '../sources/types.js'
import { decimalFromNumber } from './decimal.js'
import type { PriceQuote, PriceSource } from './types.js'

export const COINGECKO_API = 'https://api.coingecko.com/api/v3'

/** Asset symbol as the report writes it -> CoinGecko coin id. */
const COINGECKO_IDS: Readonly<Record<string, string>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  DOGE: 'dogecoin',
  USDT: 'tether',
  USDC: 'usd-coin',
  DAI: 'dai',
  TRX: 'tron',
  BNB: 'binancecoin',
  POL: 'polygon-ecosystem-token',
  MATIC: 'matic-network',
  AVAX: 'avalanche-2',
  WETH: 'weth',
  WBTC: 'wrapped-bitcoin',
}

const historySchema = z.object({
  id: z.string().optional(),
  market_data: z
    .object({
      current_price: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
})

type CoinGeckoOptions = {
  http: HttpClient
  baseUrl?: string | undefined
  /** Demo API key; also pass it to the HttpClient's `secrets` so it is scrubbed from evidence. */
  apiKey?: string | undefined
  ids?: Readonly<Record<string, string>> | undefined
}

/** "2026-03-01T10:00:00Z" -> "01-03-2026", the UTC date CoinGecko wants. */
export function coinGeckoDate(time: Date): string {
  const [y, m, d] = time.toISOString().slice(0, 10).split('-')
  return `${d}-${m}-${y}`
}

export function createCoinGeckoSource(options: CoinGeckoOptions): PriceSource {
  const base = (options.baseUrl ?? COINGECKO_API).replace(/\/+$/, '')
  const ids = options.ids ?? COINGECKO_IDS
  const memo = new Map<string, Promise<PriceQuote | null>>()

  async function fetchDay(id: string, day: string): Promise<PriceQuote | null> {
    const shown = `${base}/coins/${encodeURIComponent(id)}/history?date=${day}&localization=false`
    const url = options.apiKey
      ? `${shown}&x_cg_demo_api_key=${encodeURIComponent(options.apiKey)}`
      : shown
    const body = await options.http
      .request({ url, responseType: 'json', schema: historySchema })
      .catch((err: unknown) => {
        if (err instanceof NotFoundError) return null
        throw err
      })
    const usd = body?.market_data?.current_price?.usd
    const price = usd === undefined ? null : decimalFromNumber(usd)
    if (price === null || price === '0') return null
    const [d, m, y] = day.split('-')
    return {
      price,
      source: `CoinGecko daily snapshot, 00:00 UTC (${shown})`,
      at: `${y}-${m}-${d}T00:00:00.000Z`,
    }
  }

  return {
    name: 'CoinGecko (daily 00:00 UTC snapshot)',
    async priceAt(asset, time) {
      const id = ids[asset.toUpperCase()]
      if (!id) return null
      const key = `${id}|${coinGeckoDate(time)}`
      let found = memo.get(key)
      if (!found) {
        found = fetchDay(id, coinGeckoDate(time))
        memo.set(key, found)
      }
      return found
    },
  }
}
