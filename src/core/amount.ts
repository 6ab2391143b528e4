/** Exact amounts: bigint base units inside, decimal strings at the edges. */
import { UsageError } from './errors.js'

/**
 * Formats base units as a whole-unit decimal string without trailing zeros.
 * Works on the digits, not by bigint division, so the cost is linear in the
 * digits whatever `decimals` a token claims.
 */
export function formatUnits(value: bigint, decimals: number): string {
  if (!Number.isSafeInteger(decimals) || decimals < 0)
    throw new RangeError(`invalid decimals ${decimals}`)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  const cut = digits.length - decimals
  const whole = cut > 0 ? digits.slice(0, cut) : '0'
  const frac = trimZeros(cut > 0 ? digits.slice(cut) : digits)
  // Leading zeros of a short fraction are added only once it is known non-empty.
  const text = frac ? `${whole}.${'0'.repeat(Math.max(0, -cut))}${frac}` : whole
  return negative ? `-${text}` : text
}

/** Trailing zeros off, without a backtracking regex. */
function trimZeros(text: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === '0') end--
  return text.slice(0, end)
}

/** Parses a whole-unit decimal string ("0.3") into base units, exactly. */
export function parseUnits(text: string, decimals: number): bigint {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) throw new UsageError(`invalid amount "${text}"`)
  const [, whole = '0', frac = ''] = match
  if (frac.length > decimals)
    throw new UsageError(
      `amount "${text}" has more than ${decimals} decimal places`,
    )
  return (
    BigInt(whole) * 10n ** BigInt(decimals) +
    BigInt(frac.padEnd(decimals, '0') || '0')
  )
}

export function sum(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const v of values) total += v
  return total
}

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

/** floor(value * numerator / denominator) for non-negative operands. */
export function mulDiv(
  value: bigint,
  numerator: bigint,
  denominator: bigint,
): bigint {
  if (denominator === 0n) return 0n
  return (value * numerator) / denominator
}
/** Whole units ("0.00001") in `decimals`, truncated where the asset has fewer decimals. */
export function parseMinAmountFor(input: string, decimals: number): bigint {
  const [whole = '', frac = ''] = input.trim().split('.')
  const cut = frac.slice(0, decimals)
  return parseUnits(cut ? `${whole}.${cut}` : whole, decimals)
}

/** An amount as a report shows it: whole-unit decimal text beside exact base units. */
export function amountText(
  value: bigint,
  decimals: number,
): { amount: string; amountBase: string } {
  return {
    amount: formatUnits(value, decimals),
    amountBase: value.toString(),
  }
}
