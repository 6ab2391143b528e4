import { describe, expect, test } from 'vitest'
import { createLimiter } from './limiter.js'
import {
  initialPace,
  type Pace,
  paceAfterAnswer,
  paceAfterRefusal,
  readRateHint,
} from './pace.js'

const adaptive = (rps: number, ceiling?: number): Pace =>
  initialPace({ rps, adaptive: true, ceiling })

describe('pace transitions', () => {
  test.each([
    { name: 'fixed rate stays put', pace: initialPace({ rps: 5 }), rps: 5 },
    { name: 'unpaced stays unpaced', pace: adaptive(0), rps: Infinity },
    { name: 'climbs while the host answers', pace: adaptive(10), rps: 10.3 },
    { name: 'never above the ceiling', pace: adaptive(4, 4), rps: 4 },
  ])('$name', ({ pace, rps }) => {
    expect(paceAfterAnswer(pace, 0, {}).rps).toBeCloseTo(rps)
  })

  test('a 429 halves what was really sent, once per window, and pauses', () => {
    const unpaced = adaptive(0)
    const cut = paceAfterRefusal(unpaced, 5_000, 61, {})
    expect(cut.rps).toBe(30.5)
    expect(cut.refusedAt).toBe(61)
    expect(cut.resumeAt).toBeCloseTo(5_000 + 1000 / 30.5)
    // A second 429 from the same burst does not cut again.
    expect(paceAfterRefusal(cut, 5_200, 61, {}).rps).toBe(30.5)
    expect(paceAfterRefusal(cut, 6_100, 20, {}).rps).toBe(10)
  })

  test('Retry-After is obeyed for every start', () => {
    const cut = paceAfterRefusal(adaptive(10), 1_000, 10, {
      retryAfterMs: 7_000,
    })
    expect(cut.resumeAt).toBe(8_000)
  })

  test('below the rate last refused the climb is quick, above it slow', () => {
    let pace: Pace = { ...adaptive(20), refusedAt: 50 }
    let answers = 0
    while (pace.rps < 50 * 0.95) {
      pace = paceAfterAnswer(pace, 0, {})
      answers++
    }
    expect(answers).toBeLessThan(40)
    const before = pace.rps
    for (let i = 0; i < 48; i++) pace = paceAfterAnswer(pace, 0, {})
    // About +0.5% a second (one second of answers) near the old limit.
    expect(pace.rps / before).toBeGreaterThan(1.004)
    expect(pace.rps / before).toBeLessThan(1.006)
  })

  test('a published allowance is spread over what is left of its window', () => {
    const hint = { limit: 100, remaining: 30, resetMs: 2_000 }
    expect(paceAfterAnswer(adaptive(0), 0, hint).rps).toBe(15)
    // --rps still caps it.
    expect(paceAfterAnswer(adaptive(5, 5), 0, hint).rps).toBe(5)
    const spent = paceAfterAnswer(adaptive(10), 100, { ...hint, remaining: 0 })
    expect(spent.resumeAt).toBe(2_100)
  })
})

describe('readRateHint', () => {
  const headers = (h: Record<string, string>) => (name: string) =>
    h[name] ?? null
  test.each([
    {
      name: 'IETF draft headers with a policy window',
      h: {
        'ratelimit-limit': '100',
        'ratelimit-remaining': '40',
        'ratelimit-reset': '20',
        'ratelimit-policy': '100;w=60',
      },
      want: { limit: 100, remaining: 40, resetMs: 20_000, windowMs: 60_000 },
    },
    {
      name: 'X-RateLimit-Reset as a Unix time',
      h: {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1700000003',
      },
      want: { limit: 5, remaining: 0, resetMs: 3_000, windowMs: undefined },
    },
    {
      name: 'garbage is ignored',
      h: { 'ratelimit-remaining': '-4', 'x-ratelimit-limit': 'lots' },
      want: { limit: undefined, remaining: undefined, resetMs: undefined },
    },
  ])('$name', ({ h, want }) => {
    expect(
      readRateHint(headers(h), 1_700_000_000_000, undefined),
    ).toMatchObject(want)
  })
})

/**
 * A host allowing `limit` requests per rolling second, counting refused ones
 * too (as test/support/esplora-server.ts does), on a virtual clock.
 */
async function simulate(opts: {
  limit: number
  requests: number
  rps: number
}) {
  let t = 0
  const window: number[] = []
  const limiter = createLimiter({
    rps: opts.rps,
    adaptive: true,
    concurrency: 1,
    now: () => t,
    sleep: async (ms) => {
      t += ms
    },
  })
  let sent = 0
  let refused = 0
  for (let done = 0; done < opts.requests; ) {
    const ok = await limiter.run(async () => {
      sent++
      while (window.length > 0 && window[0]! <= t - 1000) window.shift()
      window.push(t)
      t += 2
      return window.length <= opts.limit
    })
    limiter.note(!ok, {})
    if (ok) done++
    else refused++
  }
  return { sent, refused, seconds: t / 1000 }
}

describe('AIMD against a rolling-window host', () => {
  test.each([
    { name: 'unpaced start, 50 req/s host', limit: 50, rps: 0 },
    { name: '10 req/s start, 50 req/s host', limit: 50, rps: 10 },
    { name: 'unpaced start, 8 req/s host', limit: 8, rps: 0 },
  ])('$name: under 5% refused, within 1.2x of the bound', async (c) => {
    const requests = c.limit * 40
    const r = await simulate({ limit: c.limit, requests, rps: c.rps })
    expect(r.refused / r.sent).toBeLessThan(0.05)
    expect(r.seconds / (r.sent / c.limit)).toBeLessThan(1.2)
  })
})
