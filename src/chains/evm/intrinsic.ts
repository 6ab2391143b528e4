/**
 * The gas a tx pays before any code runs (the yellow paper's g0, with the
 * EIP-2028 calldata price, EIP-2930 access lists, EIP-3860 initcode words and
 * EIP-7702 authorisations), and the EIP-7623 calldata floor. A tx that used
 * more than both ran code, so its trace cannot be empty.
 */
import { hexToBig } from './internal.js'

export type IntrinsicInput = {
  to: string | null
  input: string
  accessList?: readonly { storageKeys: readonly string[] }[] | undefined
  authorizationList?: readonly unknown[] | undefined
}

export function intrinsicGas(tx: IntrinsicInput): bigint {
  const { zero, nonZero } = calldataBytes(tx.input)
  let gas = 21_000n + 4n * zero + 16n * nonZero
  if (tx.to === null) {
    const words = (zero + nonZero + 31n) / 32n
    gas += 32_000n + 2n * words
  }
  for (const entry of tx.accessList ?? [])
    gas += 2_400n + 1_900n * BigInt(entry.storageKeys.length)
  gas += 25_000n * BigInt(tx.authorizationList?.length ?? 0)
  return gas
}

/** EIP-7623: at least 10 gas per calldata token (a zero byte is 1 token, any other 4). */
export function calldataFloor(tx: Pick<IntrinsicInput, 'input'>): bigint {
  const { zero, nonZero } = calldataBytes(tx.input)
  return 21_000n + 10n * (zero + 4n * nonZero)
}

/** Gas above both the intrinsic cost and the floor: code ran. */
export function ranCode(tx: IntrinsicInput, gasUsed: bigint): boolean {
  const intrinsic = intrinsicGas(tx)
  const floor = calldataFloor(tx)
  return gasUsed > (intrinsic > floor ? intrinsic : floor)
}

/** Precompiles (0x01…) run native code: no steps to log, whatever they cost. */
export function isPrecompile(to: string | null): boolean {
  return to !== null && hexToBig(to) < 0x10000n
}

function calldataBytes(input: string): { zero: bigint; nonZero: bigint } {
  const hex = input.startsWith('0x') ? input.slice(2) : input
  let zero = 0n
  let nonZero = 0n
  for (let i = 0; i + 1 < hex.length; i += 2) {
    if (hex[i] === '0' && hex[i + 1] === '0') zero++
    else nonZero++
  }
  return { zero, nonZero }
}
