import { hasUnsafeText } from '../../core/text-safety.js'
import type { Confidence, Label } from '../../core/types.js'
import {
  InvalidAddressError,
  normalizeAddress,
  normalizeCategory,
  normalizeChain,
} from '../normalize.js'

export type ImportOptions = {
  /** Path or name shown in messages and used as the default source. */
  file: string
  /** Chain for formats that do not say (etherscan-labels, eth-labels, ofac). */
  chain?: string | undefined
  /** Overrides every label's confidence. */
  confidence?: Confidence | undefined
  /** ISO date the data was fetched, where the format does not carry it. */
  retrieved?: string | undefined
}

/** A row that was not imported, and why: imports keep going past bad rows. */
type Skipped = { where: string; reason: string }

export type ImportResult = { labels: Label[]; skipped: Skipped[] }

type RawLabel = {
  chain: string
  address: string
  entity: string
  category: string
  source: string
  confidence: Confidence
  retrieved?: string | undefined
}

/** Collects labels, turning bad rows into `skipped` entries instead of throws. */
export function createCollector(options: ImportOptions) {
  const result: ImportResult = { labels: [], skipped: [] }
  const add = (raw: RawLabel, where: string): void => {
    const chain = normalizeChain(raw.chain)
    const entity = raw.entity.trim()
    const text = [entity, raw.category, raw.source, raw.retrieved ?? '']
    if (text.some(hasUnsafeText)) {
      result.skipped.push({ where, reason: 'control characters in a field' })
      return
    }
    if (entity === '') {
      result.skipped.push({ where, reason: 'empty entity' })
      return
    }
    let address: string
    try {
      address = normalizeAddress(chain, raw.address)
    } catch (err) {
      if (!(err instanceof InvalidAddressError)) throw err
      result.skipped.push({ where, reason: err.shortMessage })
      return
    }
    const label: Label = {
      chain,
      address,
      entity,
      category: raw.category,
      source: raw.source || options.file,
      confidence: options.confidence ?? raw.confidence,
    }
    const retrieved = raw.retrieved ?? options.retrieved
    if (retrieved) label.retrieved = retrieved
    result.labels.push(label)
  }
  const skip = (where: string, reason: string): void => {
    result.skipped.push({ where, reason })
  }
  return { add, skip, result }
}

/** Exchange slugs used by the Etherscan label cloud and its scrapes. */
// biome-ignore format: word list
const EXCHANGES = new Set([
  'binance', 'bitfinex', 'bitget', 'bithumb', 'bitmex', 'bitstamp', 'bittrex',
  'bybit', 'coinbase', 'crypto-com', 'deribit', 'ftx', 'gate-io', 'gemini',
  'hotbit', 'htx', 'huobi', 'kraken', 'kucoin', 'liquid', 'mexc', 'okex', 'okx',
  'poloniex', 'upbit',
])

/** Folds the many source vocabularies into fundtrace's category names. */
export function mapCategory(raw: string): string {
  const key = raw.trim().toLowerCase()
  const known = normalizeCategory(key)
  if (known) return known
  if (EXCHANGES.has(key)) return 'exchange'
  if (key.endsWith('-deposit')) return 'exchange-deposit'
  return key.replace(/[_\s]+/g, '-')
}
