/**
 * Two real processes claiming request slots for one host from one cache
 * folder (src/sources/slots.ts): every slot distinct and evenly spaced, so
 * a watch and a trace running together keep to one host's rate.
 */
import { execFile } from 'node:child_process'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'
import { ROOT, runCli, traceArgv } from './support/run-cli.js'

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

test('a trace with a cache folder takes its slots from the book there', async () => {
  const server = await startEsploraServer(
    loadEsploraFixtures(`${ROOT}fixtures/esplora/peel-chain`),
  )
  try {
    const cache = join(tmp, 'cache')
    const started = Date.now()
    const run = await runCli(
      traceArgv(
        {
          scenario: 'peel-chain',
          seedTxid:
            '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210',
          victims: ['bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u'],
        },
        server.url,
        ['--cache-dir', cache, '--rps', '100'],
      ),
    )
    expect(run.code).toBe(0)
    const [book] = readdirSync(join(cache, 'rate-slots'))
    const next = Number(readFileSync(join(cache, 'rate-slots', book!), 'utf8'))
    // The next free start: one 10 ms slot per request after the first.
    expect(next).toBeGreaterThanOrEqual(
      started + (server.requestCount() - 1) * 10,
    )
    expect(next).toBeLessThanOrEqual(Date.now() + 10)
  } finally {
    await server.close()
  }
})
