/**
 * Victim times are wall-clock times in the victim's zone. They are converted
 * to UTC with Intl alone (no tz database of our own), and the original local
 * text is kept next to the UTC instant so nothing the victim said is lost.
 */

const LOCAL_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/

type LocalTime = {
  /** Wall clock as UTC milliseconds (the digits, not an instant). */
  wall: number
  /** Present when the text carried its own offset or Z. */
  explicit: number | null
}

/** Parses `2026-03-01T14:30[:00][Z|+01:00]`; null when malformed or not a real date. */
export function parseLocalTime(text: string): LocalTime | null {
  const m = LOCAL_TIME.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s = '0', zone] = m
  const parts = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const wall = Date.UTC(
    parts[0],
    parts[1] - 1,
    parts[2],
    parts[3],
    parts[4],
    parts[5],
  )
  const back = new Date(wall)
  // Date.UTC rolls 2026-02-30 over to March: a rolled date was not a real one.
  if (
    back.getUTCFullYear() !== parts[0] ||
    back.getUTCMonth() !== parts[1] - 1 ||
    back.getUTCDate() !== parts[2] ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  )
    return null
  return { wall, explicit: zone ? wall - offsetMinutes(zone) * 60_000 : null }
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0
  const digits = zone.replace(':', '')
  const sign = digits.startsWith('-') ? -1 : 1
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)))
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone)
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, found)
  }
  return found
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name)
    return true
  } catch {
    return false
  }
}

/** Offset of `timeZone` from UTC at instant `t`, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(t)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
  return wall - Math.floor(t / 1000) * 1000
}

/**
 * The UTC instant for a wall-clock time in `timeZone`. A time that occurs
 * twice (clocks going back) resolves to the earlier instant; a time that never
 * occurs (clocks going forward) returns null so it is reported, not guessed.
 */
function zonedToUtc(wall: number, timeZone: string): number | null {
  const day = 86_400_000
  const offsets = new Set([
    offsetAt(wall - day, timeZone),
    offsetAt(wall + day, timeZone),
    offsetAt(wall, timeZone),
  ])
  const hits = [...offsets]
    .map((offset) => wall - offset)
    .filter((t) => t + offsetAt(t, timeZone) === wall)
    .sort((a, b) => a - b)
  return hits[0] ?? null
}

/** UTC instant for a chronology time; null when it cannot exist. */
export function toUtc(text: string, timeZone: string): number | null {
  const parsed = parseLocalTime(text)
  if (!parsed) return null
  return parsed.explicit ?? zonedToUtc(parsed.wall, timeZone)
}
