import { describe, expect, test } from 'vitest'
import { createInflight, createLimiter } from './limiter.js'

describe('createLimiter', () => {
  test('spaces starts at 1000/rps on a frozen clock', async () => {
    const sleeps: number[] = []
    const limiter = createLimiter({
      rps: 10,
      concurrency: 100,
      now: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })
    await Promise.all([1, 2, 3, 4].map(() => limiter.run(async () => {})))
    expect(sleeps).toEqual([100, 200, 300])
  })

  test('no wait once the clock has moved past the slot', async () => {
    let t = 0
    const sleeps: number[] = []
    const limiter = createLimiter({
      rps: 2,
      concurrency: 1,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })
    await limiter.run(async () => {})
    t = 600
    await limiter.run(async () => {})
    t = 700
    await limiter.run(async () => {})
    expect(sleeps).toEqual([400])
  })

  test('caps concurrency', async () => {
    let inFlight = 0
    let peak = 0
    const limiter = createLimiter({
      rps: 0,
      concurrency: 3,
      now: () => 0,
      sleep: async () => {},
    })
    const task = async () => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
    }
    await Promise.all(Array.from({ length: 10 }, () => limiter.run(task)))
    expect(peak).toBe(3)
  })
})

describe('createInflight', () => {
  test('shares one call per key while it runs, then forgets it', async () => {
    const inflight = createInflight()
    let calls = 0
    const fn = async () => ++calls
    const [a, b, c] = await Promise.all([
      inflight.run('k', fn),
      inflight.run('k', fn),
      inflight.run('other', fn),
    ])
    expect([a, b, c].sort()).toEqual([1, 1, 2])
    expect(await inflight.run('k', fn)).toBe(3)
  })

  test('aborts the shared call only when every caller has left', async () => {
    const inflight = createInflight()
    let shared: AbortSignal | undefined
    const fn = (signal: AbortSignal) => {
      shared = signal
      return new Promise<string>((resolve) => setTimeout(resolve, 20, 'ok'))
    }
    const one = new AbortController()
    const two = new AbortController()
    const first = inflight.run('k', fn, one.signal)
    const second = inflight.run('k', fn, two.signal)
    one.abort(new Error('one left'))
    await expect(first).rejects.toThrow('one left')
    expect(shared?.aborted).toBe(false)
    two.abort(new Error('two left'))
    await expect(second).rejects.toThrow('two left')
    expect(shared?.aborted).toBe(true)
  })
})
