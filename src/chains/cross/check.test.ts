import { describe, expect, test } from 'vitest'
import type { Thornode } from '../thorchain/thornode.js'
import { createSwapCheck } from './check.js'

const STAGES = { inbound_observed: { started: true, completed: true } }
const HASH = 'AB'.repeat(32)

function counting(answer: () => Promise<unknown>) {
  const asked: string[] = []
  const thornode: Thornode = {
    status: async (hash) => {
      asked.push(hash)
      return (await answer()) as Awaited<ReturnType<Thornode['status']>>
    },
  }
  return { thornode, asked }
}

describe('the thornode cross-check', () => {
  test('asks once per inbound hash', async () => {
    const { thornode, asked } = counting(async () => ({ stages: STAGES }))
    const check = createSwapCheck(thornode, {
      shown: 'http://thornode.test',
      onLimitation: () => {},
    })
    const views = await Promise.all([check.view(HASH), check.view(HASH)])
    expect(views.map((v) => v?.kind)).toEqual(['pending', 'pending'])
    expect(asked).toEqual([HASH])
  })

  test('unreachable: one limitation, then no more requests', async () => {
    const { thornode, asked } = counting(async () => {
      throw new Error('connect ECONNREFUSED')
    })
    const notes: string[] = []
    const check = createSwapCheck(thornode, {
      shown: 'http://thornode.test',
      onLimitation: (text) => notes.push(text),
    })
    expect(await check.view(HASH)).toBeUndefined()
    expect(await check.view('CD'.repeat(32))).toBeUndefined()
    expect(asked).toEqual([HASH])
    expect(notes).toEqual([
      'thornode http://thornode.test could not be read (connect ECONNREFUSED): THORChain swaps are matched from chain data alone, without its cross-check',
    ])
  })

  test('an aborted trace is not taken for an unreachable thornode', async () => {
    const controller = new AbortController()
    controller.abort()
    const { thornode } = counting(async () => {
      throw new Error('aborted')
    })
    const check = createSwapCheck(thornode, {
      shown: 'http://thornode.test',
      signal: controller.signal,
      onLimitation: () => {
        throw new Error('no limitation expected')
      },
    })
    await expect(check.view(HASH)).rejects.toThrow('aborted')
  })

  test('without a thornode nothing is asked', async () => {
    const check = createSwapCheck(undefined, {
      shown: '',
      onLimitation: () => {},
    })
    expect(await check.view(HASH)).toBeUndefined()
  })
})
