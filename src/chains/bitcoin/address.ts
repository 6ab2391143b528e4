/** Bitcoin address and txid parsing: strict, network-aware, normalised. */
import { address, type Network, networks } from 'bitcoinjs-lib'
import { UsageError } from '../../core/errors.js'

export type BitcoinNetwork = 'mainnet' | 'testnet' | 'regtest'

const NETWORKS: Record<BitcoinNetwork, Network> = {
  mainnet: networks.bitcoin,
  testnet: networks.testnet,
  regtest: networks.regtest,
}

// secp256k1 field prime.
const P = 2n ** 256n - 2n ** 32n - 977n

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n
  let b = base % mod
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod
    b = (b * b) % mod
    e >>= 1n
  }
  return result
}

/**
 * x is the x coordinate of a secp256k1 point iff x < p and x³+7 is a square
 * (Euler's criterion). bitcoinjs-lib needs an ECC library for exactly this
 * check on P2TR keys; doing it here keeps parsing free of global state.
 */
export function isXOnlyPoint(x: Uint8Array): boolean {
  if (x.length !== 32) return false
  const n = BigInt(`0x${Buffer.from(x).toString('hex')}`)
  if (n >= P) return false
  const rhs = (n ** 3n + 7n) % P
  return rhs === 0n || modPow(rhs, (P - 1n) / 2n, P) === 1n
}

function segwitV1Script(addr: string, network: Network): Uint8Array | null {
  let decoded: ReturnType<typeof address.fromBech32>
  try {
    decoded = address.fromBech32(addr)
  } catch {
    return null
  }
  // Segwit v2+ is valid per BIP350 but no wallet uses it: a typo, not a victim.
  if (decoded.version > 1)
    throw new Error(`${addr} uses unassigned segwit version ${decoded.version}`)
  if (decoded.version !== 1 || decoded.data.length !== 32) return null
  if (decoded.prefix !== network.bech32)
    throw new Error(`${addr} has an invalid prefix`)
  if (!isXOnlyPoint(decoded.data))
    throw new Error(`${addr} has an invalid taproot key`)
  return Uint8Array.from([0x51, 0x20, ...decoded.data])
}

/** address.toOutputScript, with P2TR checked without an ECC library. */
export function toOutputScript(addr: string, network: Network): Uint8Array {
  return segwitV1Script(addr, network) ?? address.toOutputScript(addr, network)
}

function validFor(addr: string, network: Network): boolean {
  try {
    toOutputScript(addr, network)
    return true
  } catch {
    return false
  }
}

function normalise(input: string): string {
  const trimmed = input.trim()
  // bech32 is case-insensitive but must not mix cases; base58 is case-sensitive.
  return /^(bc|tb|bcrt)1/i.test(trimmed) && trimmed === trimmed.toUpperCase()
    ? trimmed.toLowerCase()
    : trimmed
}

/** Validates and normalises (bech32 → lowercase); throws UsageError. */
export function parseBitcoinAddress(
  input: string,
  network: BitcoinNetwork = 'mainnet',
): string {
  const addr = normalise(input)
  const net = NETWORKS[network]
  try {
    toOutputScript(addr, net)
    return addr
  } catch (cause) {
    const other = (Object.keys(NETWORKS) as BitcoinNetwork[]).find(
      (name) => name !== network && validFor(addr, NETWORKS[name]),
    )
    if (other) {
      const kind = other === 'mainnet' ? 'mainnet' : 'testnet'
      throw new UsageError(
        `${addr} is a ${kind} address; this trace is on bitcoin ${network}`,
      )
    }
    throw new UsageError(`invalid bitcoin address "${input}"`, {
      details: 'bad checksum, wrong length or unknown format; check for a typo',
      cause,
    })
  }
}

/** A 64-hex tx hash, lowercased; throws UsageError. */
export function parseTxid(input: string): string {
  const txid = input.trim().toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(txid))
    throw new UsageError(
      `invalid txid "${input}": expected 64 hexadecimal characters`,
    )
  return txid
}

/** `TXID` or `TXID:VOUT` (pins the stolen output). */
export function parseBitcoinTxSeed(input: string): {
  txid: string
  vout?: number | undefined
} {
  const [txid = '', vout, ...rest] = input.trim().split(':')
  if (rest.length > 0 || (vout !== undefined && !/^\d{1,6}$/.test(vout)))
    throw new UsageError(`invalid tx "${input}": expected TXID or TXID:VOUT`)
  const parsed = parseTxid(txid)
  return vout === undefined
    ? { txid: parsed }
    : { txid: parsed, vout: Number(vout) }
}

/**
 * The address of a scriptPubKey, or null where no standard address exists
 * (P2PK, bare multisig, OP_RETURN, anchors, unassigned witness versions).
 * The one rule for every output, whether its tx came as JSON or as raw hex,
 * so an output is the same graph node however its tx was reached.
 */
export function scriptToAddress(
  scriptHex: string,
  network: BitcoinNetwork = 'mainnet',
): string | null {
  const script = Buffer.from(scriptHex, 'hex')
  const net = NETWORKS[network]
  const witness = witnessProgram(script)
  if (witness && witness.version > 0) {
    // Only v1 with a 32-byte key is taproot; other v1 lengths (the
    // pay-to-anchor output) and v2+ have no address a wallet pays to, and
    // bitcoinjs-lib would print a console warning for them.
    if (witness.version !== 1 || witness.program.length !== 32) return null
    return isXOnlyPoint(witness.program)
      ? address.toBech32(witness.program, 1, net.bech32)
      : null
  }
  try {
    return address.fromOutputScript(script, net)
  } catch {
    return null
  }
}

/** BIP141: a version opcode (OP_0, OP_1..OP_16) and one 2–40-byte push, nothing else. */
function witnessProgram(
  script: Uint8Array,
): { version: number; program: Uint8Array } | undefined {
  const [op = -1, push = -1] = script
  const version = op === 0 ? 0 : op >= 0x51 && op <= 0x60 ? op - 0x50 : -1
  if (version < 0 || push < 2 || push > 40 || script.length !== push + 2)
    return undefined
  return { version, program: script.subarray(2) }
}
