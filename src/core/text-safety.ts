/**
 * Attacker-chosen text (label feeds, entity and token names, explorer
 * answers) must not drive a terminal, hide or reorder what a reader sees in a
 * report, or run as a spreadsheet formula. One class of unsafe characters
 * serves every output; each output only chooses what to do with them.
 */

// The class: C0 controls, DEL and C1 controls (terminal commands), the bidi
// marks, embeddings, overrides and isolates that make an address or a name
// display differently from what it is (Trojan Source), and the line and
// paragraph separators that break a line where no reader expects one.
const UNSAFE_CHARS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029'

/** Tab, LF and CR: unsafe on one terminal line, layout in a document or a cell. */
const LAYOUT = /[\t\n\r]/

// Escape sequences (CSI, OSC, other Fe, 8-bit CSI) are removed whole where
// text is stripped, so "ESC[31m" leaves no "[31m" behind. Built from strings
// so the source holds no raw control characters.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]',
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?',
    '\\u001b[@-Z\\\\-_]',
    '\\u009b[0-?]*[ -/]*[@-~]',
  ].join('|'),
  'g',
)
const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`, 'g')
const HAS_UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`)

/** Spreadsheet formula triggers at the start of a cell (OWASP CSV injection). */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/

/** Whether text holds any unsafe character: input that is refused outright. */
export function hasUnsafeText(text: string): boolean {
  return HAS_UNSAFE.test(text)
}

/**
 * For terminal messages: each unsafe character becomes U+FFFD, so the reader
 * sees that something was there and the terminal is given no command.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '\uFFFD')
}

/** For one terminal line of label text: escape sequences and unsafe characters removed. */
export function stripUnsafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE, '')
}

/** For HTML, SVG, DOT and XML text: as stripUnsafe, but tabs and line breaks stay. */
export function htmlSafe(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(UNSAFE, (ch) => (LAYOUT.test(ch) ? ch : ''))
}

/**
 * For a CSV cell before quoting: as htmlSafe, and a cell a spreadsheet would
 * read as a formula is prefixed with a single quote.
 */
export function csvSafe(text: string): string {
  const safe = htmlSafe(text)
  return FORMULA_TRIGGER.test(safe) ? `'${safe}` : safe
}
