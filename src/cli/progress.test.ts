import { describe, expect, test } from 'vitest'
import type { CliIo } from './io.js'
import { createProgress, retryLine } from './progress.js'

function capture(isTTY: boolean) {
  let stderr = ''
  const io: CliIo = {
    stdout: () => {},
    stderr: (text) => {
      stderr += text
    },
    env: {},
    isTTY,
  }
  return { io, stderr: () => stderr }
}

const retry = {
  type: 'retry' as const,
  url: 'https://mempool.space/api/tx/abc/hex?key=SECRET',
  attempt: 1,
  attempts: 6,
  delayMs: 2_100,
  reason: 'connection refused',
}

describe('retries on stderr', () => {
  test.each([
    [
      retry,
      'retrying mempool.space: connection refused (attempt 2 of 6, next in 2 s)',
    ],
    [
      { ...retry, attempt: 4, delayMs: 300, reason: 'HTTP 503' },
      'retrying mempool.space: HTTP 503 (attempt 5 of 6, next in <1 s)',
    ],
    [
      { ...retry, url: 'http://127.0.0.1:3000/api/tx', reason: 'timeout' },
      'retrying 127.0.0.1:3000: timeout (attempt 2 of 6, next in 2 s)',
    ],
  ])('retryLine %#', (event, line) => {
    expect(retryLine(event)).toBe(line)
  })

  test('a terminal gets one redrawn line per retry, cleared at the end', () => {
    const { io, stderr } = capture(true)
    const progress = createProgress(io, true)
    progress.event(retry)
    progress.event({ ...retry, attempt: 2 })
    progress.done()
    expect(stderr()).toBe(
      '\r\u001b[2Kretrying mempool.space: connection refused (attempt 2 of 6, next in 2 s)' +
        '\r\u001b[2Kretrying mempool.space: connection refused (attempt 3 of 6, next in 2 s)' +
        '\r\u001b[2K',
    )
    // Only the host: keys live in paths and queries.
    expect(stderr()).not.toContain('SECRET')
  })

  test.each([
    ['not a terminal', false, true],
    ['--no-progress', true, false],
  ])('%s: no retry line', (_what, isTTY, enabled) => {
    const { io, stderr } = capture(isTTY)
    const progress = createProgress(io, enabled)
    progress.event(retry)
    progress.done()
    expect(stderr()).toBe('')
  })

  test('the count of retries still reaches the JSON progress lines', () => {
    const { io, stderr } = capture(false)
    const progress = createProgress(io, true)
    progress.event(retry)
    progress.update({ txs: 1, hops: 1, hits: 0, queued: 0 })
    expect(JSON.parse(stderr())).toMatchObject({
      event: 'progress',
      retries: 1,
    })
  })
})
