/** Exact amounts: bigint base units inside, decimal strings at the edges. */
import { UsageError } from './errors.js'

/** Formats base units as a whole-unit decimal string without trailing zeros. */
export function formatUnits(value: bigint, decimals: number): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const base = 10n ** BigInt(decimals)
  const whole = abs / base
  const frac = (abs % base)
    .toString()
    .padStart(decimals, '0')
    .replace(/0+$/, '')
  const text = frac ? `${whole}.${frac}` : `${whole}`
  return negative ? `-${text}` : text
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
