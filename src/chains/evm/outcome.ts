/**
 * Whether a mined tx's top-level call executed or failed. Receipts from
 * before the Byzantium fork (block 4,370,000 on Ethereum) carry a post-state
 * root instead of a status, which viem formats as `status: null`; reading
 * that as a failure zeroes the value and drops the internal transfers of
 * every 2015–2017 tx. Only an explicit 0x0 status is a failure by itself.
 */
import type { Transaction, TransactionReceipt } from 'viem'

export type TxOutcome = 'executed' | 'failed' | 'unknown'

const PLAIN_PAYMENT_GAS = 21_000n

/**
 * `topCallFailed` is what a trace of the tx says (callTracer's top `error`,
 * the parity top trace's `error`, the struct-log `failed` flag), when one was
 * read.
 */
export function txOutcome(
  // viem types status as never null, but formats a missing one as null.
  receipt: {
    status: TransactionReceipt['status'] | null
    gasUsed: bigint
  },
  tx: Pick<Transaction, 'gas' | 'input'>,
  topCallFailed?: boolean | undefined,
): TxOutcome {
  if (receipt.status === 'reverted') return 'failed'
  if (receipt.status === 'success') return 'executed'
  if (topCallFailed !== undefined) return topCallFailed ? 'failed' : 'executed'
  // Before Byzantium there was no REVERT: a failing call used all its gas.
  if (receipt.gasUsed < tx.gas) return 'executed'
  // A payment with no data cannot fail once mined.
  if (tx.input === '0x' && receipt.gasUsed === PLAIN_PAYMENT_GAS)
    return 'executed'
  return 'unknown'
}

/** The explorer's verdict (module=transaction&action=getstatus) as an outcome. */
export function outcomeOfStatus(isError: string): TxOutcome {
  return isError === '1' ? 'failed' : isError === '0' ? 'executed' : 'unknown'
}
