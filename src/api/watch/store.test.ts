import { describe, expect, test } from 'vitest'
import { createStateSaver, type WatchState } from './store.js'

const state = (): WatchState => ({
  revision: 1,
  rounds: 3,
  alerts: {},
  outage: null,
})

describe('createStateSaver', () => {
  test('saves never overlap, and the last one written holds the latest state', async () => {
    const s = state()
    const written: number[] = []
    let writing = 0
    let overlapped = false
    let calls = 0
    // The first write is slow (a loaded disk): unserialised, the round's
    // older copy would land after the webhook's newer one.
    const save = async (_dir: string, current: WatchState) => {
      const rounds = current.rounds
      writing++
      overlapped ||= writing > 1
      await new Promise((r) => setTimeout(r, ++calls === 1 ? 30 : 0))
      written.push(rounds)
      writing--
    }
    const saveState = createStateSaver('/unused', s, save)
    const round = saveState()
    await Promise.resolve()
    await Promise.resolve()
    s.rounds = 4 // a webhook lands while the round is writing
    const hook = saveState()
    await Promise.all([round, hook])
    expect(overlapped).toBe(false)
    expect(written).toEqual([3, 4])
  })

  test('a failed save does not stop the ones after it', async () => {
    const s = state()
    const written: number[] = []
    let calls = 0
    const save = async (_dir: string, current: WatchState) => {
      if (++calls === 1) throw new Error('disk full')
      written.push(current.rounds)
    }
    const saveState = createStateSaver('/unused', s, save)
    await expect(saveState()).rejects.toThrow('disk full')
    s.rounds = 9
    await saveState()
    expect(written).toEqual([9])
  })
})
