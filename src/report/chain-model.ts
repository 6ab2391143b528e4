/**
 * How a chain holds funds at rest: in unspent outputs (UTXO) or as an
 * address's balance (account). Reports word their at-rest rows by it.
 */
export function isUtxoChain(chain: string): boolean {
  return chain === 'bitcoin'
}

/** "unspent" for an output, "still held" for an account balance. */
export function restWord(chain: string): string {
  return isUtxoChain(chain) ? 'unspent' : 'still held'
}
