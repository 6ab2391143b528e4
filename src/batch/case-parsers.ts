/** Per-chain tx and address parsers, with every failure kept as a row issue. */
import { parseBitcoinAddress, parseTxid } from '../chains/bitcoin/address.js'
import { parseEvmAddress, parseEvmTxHash } from '../chains/evm/address.js'
import { resolveEvmChain } from '../chains/evm/chains.js'

export type RowIssue = { field: string; reason: string }

type Parsers = { tx: (s: string) => string; address: (s: string) => string }

/** Throws a UsageError from the chain's own parsers; undefined = unknown chain. */
export function parsersFor(chain: string): Parsers | undefined {
  if (chain === 'bitcoin')
    return {
      tx: (s) => {
        const [txid = '', vout, ...rest] = s.split(':')
        if (
          rest.length > 0 ||
          vout === '' ||
          (vout !== undefined && !/^\d{1,6}$/.test(vout))
        )
          throw new Error(`invalid tx "${s}": expected TXID or TXID:VOUT`)
        return vout === undefined
          ? parseTxid(txid)
          : `${parseTxid(txid)}:${vout}`
      },
      address: (s) => parseBitcoinAddress(s),
    }
  try {
    resolveEvmChain(chain)
    return { tx: parseEvmTxHash, address: parseEvmAddress }
  } catch {
    return undefined
  }
}

export function attempt<T>(
  fn: () => T,
  field: string,
  issues: RowIssue[],
): T | undefined {
  try {
    return fn()
  } catch (err) {
    const reason =
      err instanceof Error ? err.message.split('\n')[0] : String(err)
    issues.push({ field, reason: reason ?? 'invalid' })
    return undefined
  }
}
