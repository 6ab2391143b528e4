/** Data the EVM adapter exposes beyond the AccountChainAdapter contract. */
import type { AccountTransfer } from '../../core/types.js'

export type EvmTransfer = AccountTransfer & {
  /** false when the explorer row had no log index and no receipt fixed it. */
  logIndexKnown?: boolean | undefined
  /**
   * Rank among identical moves of the same tx (kind, token, from, to,
   * value), in chain order: the identity the walk keys transfers by, the
   * same whether the transfer came from an explorer row or a receipt.
   */
  occurrence?: number | undefined
}

/** An explorer row the chain did not confirm, or a chain transfer the explorer missed. */
export type Discrepancy = {
  txHash: string
  kind: AccountTransfer['kind']
  /** explorer-only: not in the receipt/trace, dropped. rpc-only: missing from the explorer, used. */
  /** block-moved: both list it, in different blocks (a reorganisation); the node's block is used. */
  side: 'explorer-only' | 'rpc-only' | 'block-moved'
  transfer: AccountTransfer
  detail: string
}

export type FilteredTransfer = {
  transfer: AccountTransfer
  reason: 'zero-value' | 'impostor-token' | 'invalid-decimals'
}
