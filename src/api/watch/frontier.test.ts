import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { sampleReport } from '../../../test/support/sample-report.js'
import { UsageError } from '../../core/errors.js'
import { assertWatchable } from './frontier.js'
import { watch } from './watch.js'

test.each([
  ['bitcoin', 'bitcoin'],
  ['ethereum', 'evm'],
  ['bsc', 'evm'],
  ['8453', 'evm'],
] as const)('a %s bundle is watched with the %s probe', (chain, probe) => {
  expect(assertWatchable(chain)).toBe(probe)
})

test.each(['tron', 'no-such-chain'])(
  'a %s bundle is refused as bad input, never watched with another chain’s probe',
  (chain) => {
    expect(() => assertWatchable(chain)).toThrow(UsageError)
    expect(() => assertWatchable(chain)).toThrow(
      `watch cannot yet check funds at rest on ${chain}`,
    )
  },
)

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-frontier-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

test('watch refuses a bundle it cannot probe before it keeps or writes anything', async () => {
  const dir = join(tmp, 'tron-case')
  mkdirSync(dir)
  const report = sampleReport()
  writeFileSync(
    join(dir, 'report.json'),
    JSON.stringify({ ...report, case: { ...report.case, chain: 'tron' } }),
  )
  await expect(
    watch({ dir, once: true, cache: false, onChange: () => {} }),
  ).rejects.toThrow(UsageError)
  expect(existsSync(join(dir, 'revisions'))).toBe(false)
})
