/**
 * Tron addresses: Base58Check `T…` (a 0x41 version byte and 20 bytes)
 * wherever a user sees one, 41-prefixed or 20-byte hex inside node answers.
 * Kept in Base58 inside fundtrace, so labels, reports and links agree.
 */
import { sha256 } from '@noble/hashes/sha256'
import { createBase58check } from '@scure/base'
import { UsageError } from '../../core/errors.js'

const base58check = createBase58check(sha256)
const VERSION = 0x41

/** The canonical `T…` address; throws UsageError naming what is wrong. */
export function parseTronAddress(input: string): string {
  const text = input.trim()
  if (!/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text))
    throw new UsageError(
      `invalid Tron address "${input}": expected T followed by 33 Base58 characters`,
    )
  let bytes: Uint8Array
  try {
    bytes = base58check.decode(text)
  } catch {
    throw new UsageError(
      `invalid Tron address "${input}": the checksum is wrong (a typo?)`,
    )
  }
  if (bytes.length !== 21 || bytes[0] !== VERSION)
    throw new UsageError(`invalid Tron address "${input}": not a Tron account`)
  return text
}

/** `41…` (21 bytes) or `0x…` (20 bytes) hex as a `T…` address. */
export function hexToTron(hex: string): string {
  const body = hex.replace(/^0x/i, '').replace(/^41(?=[0-9a-fA-F]{40}$)/, '')
  if (!/^[0-9a-fA-F]{40}$/.test(body))
    throw new UsageError(`invalid Tron hex address "${hex}"`)
  return base58check.encode(Uint8Array.from(Buffer.from(`41${body}`, 'hex')))
}

/** The 20-byte body of a `T…` address as lowercase 0x-hex (JSON-RPC, log topics). */
export function tronToHex(address: string): string {
  const bytes = base58check.decode(address)
  return `0x${Buffer.from(bytes.subarray(1)).toString('hex')}`
}

/** A Tron tx id: 64 hex characters, with or without 0x; kept lowercase without 0x. */
export function parseTronTxid(input: string): string {
  const text = input.trim().replace(/^0x/i, '')
  if (!/^[0-9a-fA-F]{64}$/.test(text))
    throw new UsageError(
      `invalid Tron tx id "${input}": expected 64 hexadecimal characters`,
    )
  return text.toLowerCase()
}
