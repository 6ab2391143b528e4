import { describe, expect, test } from 'vitest'
import { isTimeZone, toUtc } from './time.js'

const iso = (t: number | null) =>
  t === null ? null : new Date(t).toISOString()

describe('toUtc: local wall time in an IANA zone', () => {
  test.each([
    ['2026-01-15T12:00', 'Europe/London', '2026-01-15T12:00:00.000Z'],
    ['2026-07-15T12:00', 'Europe/London', '2026-07-15T11:00:00.000Z'],
    ['2026-03-01T10:00', 'Asia/Kolkata', '2026-03-01T04:30:00.000Z'],
    ['2026-03-01T10:00', 'Australia/Sydney', '2026-02-28T23:00:00.000Z'],
    ['2026-02-28T20:00', 'America/New_York', '2026-03-01T01:00:00.000Z'],
    ['2026-03-08T01:30', 'America/New_York', '2026-03-08T06:30:00.000Z'],
    ['2026-03-08T03:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // Clocks go back: the time happens twice; the earlier instant is taken.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-10-25T01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    // Clocks go forward: the time never happens.
    ['2026-03-08T02:30', 'America/New_York', null],
    ['2026-03-29T01:30', 'Europe/London', null],
    // An explicit offset wins over the zone.
    ['2026-03-01T10:00+05:30', 'Europe/London', '2026-03-01T04:30:00.000Z'],
    ['2026-03-01T10:00:30Z', 'Asia/Tokyo', '2026-03-01T10:00:30.000Z'],
    ['2026-03-01 10:00:30', 'UTC', '2026-03-01T10:00:30.000Z'],
    ['2026-03-01', 'UTC', null],
    ['01/03/2026 10:00', 'UTC', null],
    ['2026-03-01T24:00', 'UTC', null],
    ['2026-02-29T10:00', 'UTC', null],
  ])('%s in %s -> %s', (time, zone, expected) => {
    expect(iso(toUtc(time, zone))).toBe(expected)
  })

  test.each([
    ['Europe/London', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Europe/Londn', false],
    ['GMT+25', false],
  ])('isTimeZone(%s) = %s', (zone, ok) => {
    expect(isTimeZone(zone)).toBe(ok)
  })
})
