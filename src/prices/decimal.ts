/**
 * USD arithmetic without floats. A price "65123.456" is the integer 65123456
 * at scale 3; an amount is base units at the asset's decimals. Then
 *   cents = round_half_up(amountBase * priceInt * 100 / 10^(decimals + scale))
 * Half-up means exactly half a cent rounds away from zero (all values are >= 0).
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

export type Decimal = { int: bigint; scale: number }

/** Parses a non-negative decimal string; null when it is not one. */
export function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim())
  if (!m) return null
  const [, whole = '0', frac = ''] = m
  return { int: BigInt(whole + frac), scale: frac.length }
}

/** amountBase x price, in whole cents, rounded half-up. */
export function usdCents(
  amountBase: bigint,
  decimals: number,
  price: Decimal,
): bigint {
  const numerator = amountBase * price.int * 100n
  const denominator = 10n ** BigInt(decimals + price.scale)
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  return remainder * 2n >= denominator ? quotient + 1n : quotient
}

/** Sum of several amount x price products, rounded once at the end. */
export function usdCentsSum(
  parts: readonly { amountBase: bigint; price: Decimal }[],
  decimals: number,
): bigint {
  const scale = Math.max(0, ...parts.map((p) => p.price.scale))
  let total = 0n
  for (const p of parts)
    total += p.amountBase * p.price.int * 10n ** BigInt(scale - p.price.scale)
  return usdCents(total, decimals, { int: 1n, scale })
}

/** 123456n -> "1234.56". */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** "1234567.5" -> "1,234,567.50" for display; non-numbers pass through. */
export function groupUsd(value: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value)
  if (!m) return value
  const [, whole = '0', frac = ''] = m
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${grouped}.${frac.padEnd(2, '0')}`
}

/**
 * A JSON number from an API as a plain decimal string. APIs send prices as
 * JSON numbers; Number#toString gives the shortest text that reads back as
 * the same double, i.e. the digits the API printed. Exponent forms
 * (1e-7) are expanded so the result always parses with parseDecimal.
 */
export function decimalFromNumber(value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return null
  const text = String(value)
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!m) return text
  const [, whole = '0', frac = '', exp = '0'] = m
  const digits = whole + frac
  const point = whole.length + Number(exp)
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '')
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}
