/**
 * Two real processes claiming request slots for one host from one cache
 * folder (src/sources/slots.ts): every slot distinct and evenly spaced, so
 * a watch and a trace running together keep to one host's rate.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'
import { ROOT } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-rate-slots-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

test('2 processes × 10 claims on one folder: 20 distinct slots, 25 ms apart', async () => {
  const dir = join(tmp, 'rate-slots')
  const script = join(tmp, 'claim.mts')
  writeFileSync(
    script,
    `import { createFileSlotBook } from ${JSON.stringify(`${ROOT}src/sources/slots.ts`)}
const book = createFileSlotBook(${JSON.stringify(dir)})
const got = await Promise.all(Array.from({ length: 10 }, () => book.claim('https://mempool.space', 5000, 25)))
console.log(JSON.stringify(got))`,
  )
  const run = () =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
    })
  const outs = await Promise.all([run(), run()])
  const slots = outs.flatMap((o) => JSON.parse(o.stdout) as number[])
  expect(slots.sort((x, y) => x - y)).toEqual(
    Array.from({ length: 20 }, (_, i) => 5000 + i * 25),
  )
})
