/**
 * A host's request rate as plain state and pure transitions: what the server
 * publishes (RateLimit-* / X-RateLimit-*, Retry-After) is obeyed; without it
 * the rate rises while the server answers and is halved on a 429 (AIMD).
 */

export type Pace = {
  /** Starts per second now; Infinity: unpaced. */
  rps: number
  /** Never above this: --rps, or a public host's polite maximum. */
  ceiling: number
  /** False: a fixed rate (a host with a known limit); 429s still pause. */
  adaptive: boolean
  /** The rate the server last refused at: climb fast below it, probe slowly above. */
  refusedAt: number | null
  /** No start before this time (ms): Retry-After, or a window spent. */
  resumeAt: number
  /** When the rate was last cut: one cut per window, however many 429s arrive. */
  cutAt: number
}

/** What a response said about the host's limit. */
export type RateHint = {
  limit?: number | undefined
  remaining?: number | undefined
  /** Until the window resets. */
  resetMs?: number | undefined
  /** The policy's window (RateLimit-Policy `w=`). */
  windowMs?: number | undefined
  retryAfterMs?: number | undefined
}

const FLOOR = 0.5
const WINDOW_MS = 1000
/** Below 95% of the last refused rate the climb is quick; above it, about +0.5% a second. */
const SAFE_SHARE = 0.95

export function initialPace(limit: {
  rps: number
  ceiling?: number | undefined
  adaptive?: boolean | undefined
}): Pace {
  const ceiling = limit.ceiling ?? (limit.adaptive ? Infinity : limit.rps)
  const start = limit.rps > 0 ? limit.rps : Infinity
  return {
    rps: Math.min(start, ceiling > 0 ? ceiling : Infinity),
    ceiling: ceiling > 0 ? ceiling : Infinity,
    adaptive: limit.adaptive ?? false,
    refusedAt: null,
    resumeAt: Number.NEGATIVE_INFINITY,
    cutAt: Number.NEGATIVE_INFINITY,
  }
}

/** An answer that was not a 429: obey a published limit, else climb. */
export function paceAfterAnswer(pace: Pace, now: number, hint: RateHint): Pace {
  const published = publishedRate(hint)
  if (published !== undefined) return obey(pace, now, hint, published)
  if (!pace.adaptive || !Number.isFinite(pace.rps)) return pace
  const target = pace.refusedAt ?? pace.ceiling
  // Per answer: rps answers a second, so the climb scales with the rate.
  const step =
    pace.rps < target * SAFE_SHARE ? Math.max(0.1, pace.rps * 0.03) : 0.005
  return { ...pace, rps: Math.min(pace.ceiling, pace.rps + step) }
}

/**
 * A 429: halve the rate (from what was really sent when unpaced) and pause
 * for Retry-After, or for one start at the new rate.
 */
export function paceAfterRefusal(
  pace: Pace,
  now: number,
  observedRps: number,
  hint: RateHint,
): Pace {
  const pause = hint.retryAfterMs ?? hint.resetMs
  const sent = Number.isFinite(pace.rps)
    ? Math.min(pace.rps, Math.max(observedRps, FLOOR))
    : Math.max(observedRps, FLOOR)
  const cut = now - pace.cutAt >= WINDOW_MS
  const rps = cut ? Math.min(pace.ceiling, Math.max(FLOOR, sent / 2)) : pace.rps
  const resumeAt = now + (pause ?? 1000 / rps)
  return {
    ...pace,
    rps,
    refusedAt: cut ? sent : pace.refusedAt,
    cutAt: cut ? now : pace.cutAt,
    resumeAt: Math.max(pace.resumeAt, resumeAt),
  }
}

/** The rate that spends what is left of the window evenly until it resets. */
function publishedRate(hint: RateHint): number | undefined {
  if (hint.remaining === undefined) return undefined
  const resetMs = hint.resetMs ?? hint.windowMs
  if (resetMs === undefined) return undefined
  if (hint.remaining <= 0) return 0
  return hint.remaining / Math.max(resetMs, 1) / 0.001
}

function obey(pace: Pace, now: number, hint: RateHint, rate: number): Pace {
  if (rate === 0)
    return {
      ...pace,
      resumeAt: Math.max(pace.resumeAt, now + (hint.resetMs ?? WINDOW_MS)),
    }
  // A whole window's allowance, when published, is the steady rate to aim at.
  const steady =
    hint.limit !== undefined && hint.windowMs !== undefined
      ? hint.limit / (hint.windowMs / 1000)
      : rate
  return {
    ...pace,
    rps: Math.min(pace.ceiling, Math.max(FLOOR, Math.min(rate, steady))),
  }
}

/** RateLimit-* (IETF draft), X-RateLimit-* and Retry-After, as numbers. */
export function readRateHint(
  get: (name: string) => string | null,
  now: number,
  retryAfterMs: number | undefined,
): RateHint {
  const num = (name: string) => {
    const raw = get(`ratelimit-${name}`) ?? get(`x-ratelimit-${name}`)
    if (raw === null) return undefined
    const value = Number.parseFloat(raw.split(/[,;]/)[0] ?? '')
    return Number.isFinite(value) && value >= 0 ? value : undefined
  }
  const reset = num('reset')
  // X-RateLimit-Reset is often a Unix time; the draft's is delta-seconds.
  const resetMs =
    reset === undefined
      ? undefined
      : reset > 1e9
        ? Math.max(0, reset * 1000 - now)
        : reset * 1000
  const window = /w=(\d+(?:\.\d+)?)/.exec(get('ratelimit-policy') ?? '')?.[1]
  return {
    limit: num('limit'),
    remaining: num('remaining'),
    resetMs,
    windowMs: window === undefined ? undefined : Number(window) * 1000,
    retryAfterMs,
  }
}
