/** An endpoint from what a walk knows about it; the attribution fields empty unless given. */
import type { Endpoint } from './types.js'

type Known = Pick<
  Endpoint,
  | 'reason'
  | 'asset'
  | 'txid'
  | 'vout'
  | 'address'
  | 'value'
  | 'taint'
  | 'hop'
  | 'block'
> &
  Partial<Endpoint>

export function endpointOf(known: Known): Endpoint {
  return {
    detail: '',
    entity: null,
    category: null,
    labels: [],
    flags: [],
    attribution: null,
    confidence: null,
    evidence: [],
    spentBy: null,
    ...known,
  }
}
