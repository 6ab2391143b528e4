/** --replay reads only evidence it can vouch for: a tampered bundle is refused before any trace. */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { writeSums } from '../report/sums.js'
import { trace } from './trace.js'

const CASE = new URL('../../fixtures/cases/satoshi-hal', import.meta.url)
  .pathname
const SEED =
  'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1'
const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function copyCase(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-replay-'))
  dirs.push(dir)
  await cp(CASE, dir, { recursive: true })
  return dir
}

async function firstRecord(dir: string): Promise<string> {
  const shard = (await readdir(join(dir, 'evidence'))).sort()[0] ?? ''
  const name = (await readdir(join(dir, 'evidence', shard))).sort()[0] ?? ''
  return join(dir, 'evidence', shard, name)
}

const run = (replay: string) =>
  trace({ txs: [SEED], replay, bundledLabels: false, now: () => new Date(0) })

test.each([
  ['a record body edited', false],
  ['a record body edited, MANIFEST.sha256 recomputed', true],
])('%s: refused, naming the file', async (_name, reseal) => {
  const dir = await copyCase()
  const file = await firstRecord(dir)
  const record = JSON.parse(await readFile(file, 'utf8'))
  record.body = `${record.body} `
  await writeFile(file, JSON.stringify(record))
  if (reseal) await writeSums(dir)
  await expect(run(dir)).rejects.toMatchObject({
    name: 'TamperedBundleError',
    exitCode: 1,
    metaMessages: expect.arrayContaining([
      expect.stringMatching(
        /^evidence: evidence\/[0-9a-f]{2}\/[0-9a-f]{64}\.json/,
      ),
    ]),
  })
})

test('the untouched bundle replays', async () => {
  const { report } = await run(await copyCase())
  expect(report.reconciliation.balanced).toBe(true)
  expect(report.stats.requests).toBe(0)
})
