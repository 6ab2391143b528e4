/** EVM address and tx-hash parsing. Addresses are kept lowercase inside; checksums are checked on the way in. */
import { isAddress } from 'viem'
import { UsageError } from '../../core/errors.js'

/** Lowercase 0x-address; throws UsageError on anything else (a bad checksum included). */
export function parseEvmAddress(input: string): string {
  const text = input.trim()
  if (!isAddress(text, { strict: true }))
    throw new UsageError(`invalid EVM address "${input}"`)
  return text.toLowerCase()
}

/** Lowercase 32-byte hash. */
export function parseEvmTxHash(input: string): string {
  const text = input.trim()
  if (!/^0x[0-9a-fA-F]{64}$/.test(text))
    throw new UsageError(`invalid EVM transaction hash "${input}"`)
  return text.toLowerCase()
}

/** EIP-55 checksummed form, for reports and explorer links. */
