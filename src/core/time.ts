/** Times: instants typed by people read strictly, and written always in UTC. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Unix seconds for `2026-03-01` (00:00 UTC) or `2026-03-01T09:30:00+02:00`;
 * undefined for anything else. A time without a zone is refused rather than
 * read as the machine's local time, and "March 1" is not guessed at.
 */
export function parseInstant(input: string): number | undefined {
  const text = input.trim().toUpperCase()
  const parts = DATE.exec(text) ?? DATE_TIME.exec(text)
  if (!parts) return undefined
  const [, y = '', mo = '', d = '', h = '0', mi = '0', s = '0'] = parts
  if (!validCalendar(+y, +mo, +d) || +h > 23 || +mi > 59 || +s > 59)
    return undefined
  const ms = Date.parse(DATE.test(text) ? `${text}T00:00:00Z` : text)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

function validCalendar(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** ISO 8601 UTC from a chain timestamp in seconds. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/** "2026-03-01 10:00:00 UTC" from an ISO time; explicit zone, never local. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return 'unconfirmed'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}
