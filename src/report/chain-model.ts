/**
 * How a report's chain holds funds at rest, from its chain module: unspent
 * outputs (UTXO) or an address's balance (account).
 */
import { findChain } from '../chains/index.js'

export function isUtxoChain(chain: string): boolean {
  return findChain(chain)?.model === 'utxo'
}

/** "unspent" for an output, "still held" for an account balance. */
export function restWord(chain: string): string {
  return findChain(chain)?.module.restWord ?? 'still held'
}
