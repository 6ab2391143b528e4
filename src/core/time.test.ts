import { describe, expect, test } from 'vitest'
import { parseInstant } from './time.js'

describe('parseInstant', () => {
  test.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:15Z', '2026-03-01T09:30:15.000Z'],
    ['2026-03-01t09:30:15.250z', '2026-03-01T09:30:15.000Z'],
    ['2026-03-01T09:30:00+02:00', '2026-03-01T07:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%s is %s', (input, iso) => {
    expect(
      new Date((parseInstant(input) ?? Number.NaN) * 1000).toISOString(),
    ).toBe(iso)
  })

  test.each([
    'March 1',
    '2026-03-01T09:30:00',
    '2026-03-01 09:30Z',
    '2025-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-03-01T24:00Z',
    '1709251200',
    '',
  ])('%j is refused', (input) => {
    expect(parseInstant(input)).toBeUndefined()
  })
})
