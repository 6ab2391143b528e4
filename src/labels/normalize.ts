import { keccak_256 } from '@noble/hashes/sha3'
import { networks } from 'bitcoinjs-lib'
import { toOutputScript } from '../chains/bitcoin/address.js'
import { evmChain } from '../chains/evm/chain.js'
import { findChain } from '../chains/index.js'
import type { ChainModule } from '../chains/types.js'
import { UsageError } from '../core/errors.js'
import {
  CATEGORY_ALIASES,
  CATEGORY_NAMES,
  LABEL_CATEGORIES,
  type LabelCategory,
} from './categories.js'

/** An address that does not parse for its chain; `reason` is one short phrase. */
export class InvalidAddressError extends UsageError {
  override name = 'InvalidAddressError'
  readonly reason: string
  constructor(options: { chain: string; address: string; reason: string }) {
    super(
      `invalid ${options.chain} address ${JSON.stringify(options.address)}: ${options.reason}`,
    )
    this.reason = options.reason
  }
}

const EVM_CHAIN_IDS: Record<string, string> = {
  '1': 'ethereum',
  '10': 'optimism',
  '56': 'bsc',
  '100': 'gnosis',
  '137': 'polygon',
  '8453': 'base',
  '42161': 'arbitrum',
  '42220': 'celo',
  '43114': 'avalanche',
}

const EVM_CHAINS = new Set([
  ...Object.values(EVM_CHAIN_IDS),
  'fantom',
  'ethereum-classic',
])

const CHAIN_ALIASES: Record<string, string> = {
  btc: 'bitcoin',
  xbt: 'bitcoin',
  eth: 'ethereum',
  mainnet: 'ethereum',
  bnb: 'bsc',
  bep20: 'bsc',
  'binance-smart-chain': 'bsc',
  'bnb-chain': 'bsc',
  matic: 'polygon',
  arb: 'arbitrum',
  'arbitrum-one': 'arbitrum',
  op: 'optimism',
  avax: 'avalanche',
  'avalanche-c': 'avalanche',
  trx: 'tron',
  ltc: 'litecoin',
  bch: 'bitcoin-cash',
  doge: 'dogecoin',
  zec: 'zcash',
  sol: 'solana',
  etc: 'ethereum-classic',
  xdai: 'gnosis',
}

/** Canonical chain name: lowercase, aliases folded, known EVM chain ids named. */
export function normalizeChain(chain: string): string {
  const key = chain.trim().toLowerCase()
  // The trace's own names first, so a label matches the chain it was traced on.
  return findChain(key)?.name ?? EVM_CHAIN_IDS[key] ?? CHAIN_ALIASES[key] ?? key
}

/** EVM chains, including numeric chain ids this module has no name for. */
export function isEvmChain(chain: string): boolean {
  const name = normalizeChain(chain)
  const ref = findChain(name)
  if (ref) return ref.module === evmChain
  return EVM_CHAINS.has(name) || /^\d+$/.test(name)
}

/** Bech32 (any case) or base58 → the form the chain shows: bech32 is lowercased. */
function normalizeBitcoinAddress(address: string): string {
  const input = address.trim()
  try {
    // Shared with the chain adapter: P2TR is checked without an ECC library.
    toOutputScript(input, networks.bitcoin)
  } catch {
    throw new InvalidAddressError({
      chain: 'bitcoin',
      address,
      reason: bitcoinReason(input),
    })
  }
  return /^bc1/i.test(input) ? input.toLowerCase() : input
}

function bitcoinReason(input: string): string {
  if (/^(tb1|bcrt1|[mn2])/i.test(input)) return 'not a mainnet address'
  if (/^bc1/i.test(input)) {
    const mixed = input !== input.toLowerCase() && input !== input.toUpperCase()
    return mixed ? 'mixed-case bech32' : 'bad bech32 checksum or length'
  }
  if (/^[13][1-9A-HJ-NP-Za-km-z]+$/.test(input)) {
    return 'bad base58 checksum or length'
  }
  return 'not a bitcoin address'
}

/** EIP-55: a hex digit is uppercase iff the matching nibble of keccak(lower) ≥ 8. */
export function toChecksumAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^0x/, '')
  const hash = keccak_256(new TextEncoder().encode(lower))
  let out = '0x'
  for (let i = 0; i < lower.length; i++) {
    const byte = hash[i >> 1] ?? 0
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f
    const char = lower[i] ?? ''
    out += nibble >= 8 ? char.toUpperCase() : char
  }
  return out
}

/** Lowercase hex; a mixed-case input must carry a valid EIP-55 checksum. */
function normalizeEvmAddress(address: string, chain = 'ethereum') {
  const input = address.trim()
  const fail = (reason: string) =>
    new InvalidAddressError({ chain, address, reason })
  if (!/^0x/i.test(input)) throw fail('expected 0x followed by 40 hex digits')
  const hex = input.slice(2)
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
    throw fail('expected 0x followed by 40 hex digits')
  }
  const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase()
  if (mixed && toChecksumAddress(hex).slice(2) !== hex) {
    throw fail('bad EIP-55 checksum')
  }
  return `0x${hex.toLowerCase()}`
}

const TRON = /^T[1-9A-HJ-NP-Za-km-z]{33}$/

/** Chains this module has no codec for: reject only what cannot be an address. */
function normalizeOther(chain: string, address: string): string {
  const input = address.trim()
  if (input === '')
    throw new InvalidAddressError({ chain, address, reason: 'empty' })
  if (!/^[\x21-\x7e]{1,128}$/.test(input)) {
    throw new InvalidAddressError({
      chain,
      address,
      reason: 'unexpected characters',
    })
  }
  if (chain === 'tron' && !TRON.test(input)) {
    throw new InvalidAddressError({
      chain,
      address,
      reason: 'expected a base58 T-address',
    })
  }
  return input
}

/** Validates and returns the canonical spelling of `address` on `chain`. */
export function normalizeAddress(chain: string, address: string): string {
  const name = normalizeChain(chain)
  if (findChain(name)?.model === 'utxo') return normalizeBitcoinAddress(address)
  if (isEvmChain(name)) return normalizeEvmAddress(address, name)
  const ref = findChain(name)
  if (ref) return viaModule(ref.module, name, address)
  return normalizeOther(name, address)
}

/** Another chain module (Tron): its own parser decides, with its own reason. */
function viaModule(
  module: ChainModule,
  chain: string,
  address: string,
): string {
  try {
    return module.parseAddress(address)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new InvalidAddressError({ chain, address, reason })
  }
}

/**
 * Index key without validation: lookups must never throw on odd input, they
 * just find nothing. Agrees with normalizeAddress on every valid address.
 */
export function addressKey(chain: string, address: string): string {
  const name = normalizeChain(chain)
  const input = address.trim()
  if (isEvmChain(name)) return `${name}:${input.toLowerCase()}`
  if (name === 'bitcoin' && /^bc1/i.test(input)) {
    return `${name}:${input.toLowerCase()}`
  }
  return `${name}:${input}`
}

/**
 * The chain an address most likely belongs to by its shape alone: 0x → the
 * EVM chain family (reported as ethereum), T… → tron, else bitcoin if valid.
 */
export function inferChain(address: string): string | undefined {
  const input = address.trim()
  if (/^0x[0-9a-f]{40}$/i.test(input)) return 'ethereum'
  if (TRON.test(input)) return 'tron'
  try {
    normalizeBitcoinAddress(input)
    return 'bitcoin'
  } catch {
    return undefined
  }
}

export {
  CATEGORY_ALIASES,
  CATEGORY_NAMES,
  LABEL_CATEGORIES,
  type LabelCategory,
} from './categories.js'

/** The canonical category for a name or alias, in any case; undefined if neither. */
export function normalizeCategory(raw: string): LabelCategory | undefined {
  const key = raw.trim().toLowerCase()
  if (Object.hasOwn(LABEL_CATEGORIES, key)) return key as LabelCategory
  return Object.hasOwn(CATEGORY_ALIASES, key)
    ? CATEGORY_ALIASES[key]
    : undefined
}

/** Edit distance, one row at a time: the words compared are a few letters long. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(
        Math.min(
          (prev[j] ?? 0) + 1,
          (row[j - 1] ?? 0) + 1,
          (prev[j - 1] ?? 0) + cost,
        ),
      )
    }
    prev = row
  }
  return prev[b.length] ?? 0
}

/** The nearest of `names` to `word`; ties go to the earlier name. */
export function closest(
  word: string,
  names: readonly string[],
): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const name of names) {
    const d = levenshtein(word, name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

/** The category a misspelt name most likely meant, aliases included. */
export function closestCategory(raw: string): LabelCategory {
  const word = raw.trim().toLowerCase()
  const near = closest(word, [
    ...CATEGORY_NAMES,
    ...Object.keys(CATEGORY_ALIASES),
  ])
  return normalizeCategory(near ?? 'unknown') ?? 'unknown'
}
