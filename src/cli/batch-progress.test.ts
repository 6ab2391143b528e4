import { describe, expect, test } from 'vitest'
import type { BatchProgressEvent } from '../batch/types.js'
import { bar, createBatchProgress } from './batch-progress.js'
import type { CliIo } from './io.js'

function capture(isTTY: boolean) {
  let text = ''
  const io: CliIo = {
    stdout: () => {},
    stderr: (t) => {
      text += t
    },
    env: {},
    isTTY,
  }
  return { io, text: () => text }
}

const progress = (id: string, hops: number): BatchProgressEvent => ({
  type: 'case-progress',
  id,
  txs: hops * 2,
  hops,
  hits: 1,
  queued: 0,
  lookups: 10 + hops,
  fetched: 4,
})

const EVENTS: BatchProgressEvent[] = [
  { type: 'batch-start', total: 4, finished: 1 },
  { type: 'case-start', id: 'c2' },
  { type: 'case-start', id: 'evil\u001b[2J' },
  progress('c2', 3),
  progress('c2', 4),
  { type: 'case-done', id: 'c2', status: 'complete', hits: 1 },
]

describe('batch progress', () => {
  test('terminal: an overall bar and one line per running case, redrawn in place', () => {
    let t = 0
    const out = capture(true)
    const p = createBatchProgress(out.io, true, () => (t += 1000))
    for (const e of EVENTS) p.onProgress(e)
    p.done()
    const text = out.text()
    expect(text).toContain(`${bar(2, 4)} 2/4 cases`)
    expect(text).toContain(
      '  c2: hop 4 · 8 txs · 14 look-ups (4 fetched) · 1 hits',
    )
    expect(text).toContain('\u001b[1A')
    // A hostile case id cannot drive the terminal.
    expect(text).not.toContain('\u001b[2J')
    expect(text).toContain('evil�[2J')
  })

  test('not a terminal: JSON lines, progress thinned per case', () => {
    let t = 0
    const out = capture(false)
    const p = createBatchProgress(out.io, true, () => (t += 10))
    for (const e of EVENTS) p.onProgress(e)
    const lines = out
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as BatchProgressEvent)
    expect(lines.map((l) => l.type)).toEqual([
      'batch-start',
      'case-start',
      'case-start',
      'case-progress',
      'case-done',
    ])
    expect(lines[3]).toMatchObject({ id: 'c2', hops: 3 })
  })

  test('disabled: silent', () => {
    const out = capture(true)
    const p = createBatchProgress(out.io, false)
    for (const e of EVENTS) p.onProgress(e)
    p.done()
    expect(out.text()).toBe('')
  })

  test.each([
    [0, 4, '[------------------------------]'],
    [2, 4, '[###############---------------]'],
    [4, 4, '[##############################]'],
  ])('bar(%i, %i)', (done, total, want) => {
    expect(bar(done, total)).toBe(want)
  })
})
