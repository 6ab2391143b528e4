/**
 * The defaults of a trace, one set for the CLI, the library and batch runs.
 * Amounts are whole units as text: they apply to each asset in its own decimals.
 */
export const TRACE_DEFAULTS = {
  policy: 'haircut',
  maxHops: 12,
  /** Transactions (UTXO) or addresses (account) processed at most. */
  maxNodes: 2000,
  /** 546 sat, Bitcoin's dust limit; smaller tainted amounts are not followed. */
  minAmount: '0.00000546',
  /** Account chains: more transfers than this and an address is a likely service. */
  serviceThreshold: 1000,
  /** Account chains: a deposit address forwards within this many blocks (~40 min on Ethereum). */
  sweepWindowBlocks: 200,
} as const
