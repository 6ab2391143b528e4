/** What an address's labels say it is: an exchange, a kind of service, flagged. */
import type { Label } from '../../core/types.js'
import type { ServiceKind } from './types.js'

export { isExchangeLabel as isExchange } from '../attribution.js'

export function serviceKind(list: readonly Label[]): ServiceKind {
  const text = list
    .map((l) => `${l.category} ${l.entity}`)
    .join(' ')
    .toLowerCase()
  if (/mixer|tornado/.test(text)) return 'mixer'
  if (/bridge/.test(text)) return 'bridge'
  if (/dex|swap|router|aggregator/.test(text)) return 'swap'
  return 'service'
}

export function flagsOf(list: readonly Label[]): string[] {
  return [
    ...new Set(
      list
        .map((l) => l.category.toLowerCase())
        .filter((c) => c.startsWith('sanction') || c.startsWith('hack')),
    ),
  ]
}
