/** Times as fundtrace writes them: always UTC, never the machine's zone. */

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
