/**
 * Fitting the terminal summary into 100 columns: hashes and addresses
 * shortened, tables whose last column wraps, free text wrapped at spaces.
 * Ten leading and eight trailing characters are far beyond what an attacker
 * can grind into a lookalike address; the report keeps every value whole.
 */

export const WIDTH = 100

export type Fit = {
  /** --full: values whole and lines unwrapped, for copying and grepping. */
  full: boolean
  /** Set once anything was shortened, so the summary can say how to see it whole. */
  shortened: boolean
}

const HEAD = 10
const TAIL = 8

/** A hash or an address as `3GmFFChPSQ…qqYmh7Mn`; short values stay as they are. */
export function short(value: string, fit: Fit): string {
  if (fit.full || value.length <= HEAD + TAIL + 3) return value
  fit.shortened = true
  return `${value.slice(0, HEAD)}…${value.slice(-TAIL)}`
}

/** A txid:vout, its txid shortened. */
export function shortOutput(txid: string, index: number, fit: Fit): string {
  return `${short(txid, fit)}:${index}`
}

// Tx hashes (0x or not), EVM addresses, bech32 addresses and base58 ones of
// address length, standing alone in free text (details, label sources).
const LONG_VALUE =
  /\b(?:0x[0-9a-fA-F]{40,64}|[0-9a-fA-F]{64}|(?:bc|tb|bcrt)1[02-9ac-hj-np-z]{25,}|[13mn2][1-9A-HJ-NP-Za-km-z]{25,34})\b/g

/** Free text with every hash and address in it shortened. */
export function shortIn(text: string, fit: Fit): string {
  return fit.full ? text : text.replace(LONG_VALUE, (m) => short(m, fit))
}

/** Word-wraps one line to WIDTH, continuation lines indented by `indent`. */
export function wrap(line: string, fit: Fit, indent = 2): string[] {
  if (fit.full || line.length <= WIDTH) return [line]
  return wrapWords(line, WIDTH, ' '.repeat(indent))
}

function wrapWords(text: string, width: number, pad: string): string[] {
  return joinGreedy(text.trimStart().split(' '), ' ', width, pad, lead(text))
}

/** The parts joined by `sep`, a new line (starting with pad) when one is full. */
export function joinGreedy(
  parts: readonly string[],
  sep: string,
  width: number,
  pad: string,
  first = '',
): string[] {
  const lines: string[] = []
  let current = first
  let empty = true
  for (const part of parts) {
    const next = empty ? `${current}${part}` : `${current}${sep}${part}`
    if (empty || next.length <= width) current = next
    else {
      lines.push(current)
      current = `${pad}${sep.trimStart()}${part}`
    }
    empty = false
  }
  lines.push(current)
  return lines.flatMap((l, i) => hardBreak(l, width, i === 0 ? '' : pad))
}

const lead = (text: string) => /^ */.exec(text)?.[0] ?? ''

/** A single word longer than the line (a URL) is cut where it must be. */
function hardBreak(line: string, width: number, pad: string): string[] {
  const out: string[] = []
  let rest = line
  while (rest.length > width) {
    out.push(rest.slice(0, width))
    rest = `${pad}${rest.slice(width)}`
  }
  out.push(rest)
  return out
}

/**
 * A two-space-indented table. When a row is wider than WIDTH, its last
 * cell wraps under the last column (unless the columns before it leave
 * too little room, or --full asks for whole lines).
 */
export function table(header: string[], rows: string[][], fit: Fit): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  )
  const last = header.length - 1
  const offset = 2 + widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0)
  const room = WIDTH - offset
  const fmt = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()
  const wraps = !fit.full && room >= 20 && offset + (widths[last] ?? 0) > WIDTH
  if (!wraps) return [fmt(header), ...rows.map(fmt)]
  const pad = ' '.repeat(offset)
  return [
    fmt(header),
    ...rows.flatMap((row) => {
      const [first = '', ...more] = wrapWords(row[last] ?? '', room, '')
      return [
        fmt([...row.slice(0, last), first]),
        ...more.map((m) => `${pad}${m.trimStart()}`),
      ]
    }),
  ]
}
