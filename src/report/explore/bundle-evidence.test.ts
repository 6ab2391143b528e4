import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { ADDR, sampleReport, TX } from '../../../test/support/sample-report.js'
import { indexBundleEvidence } from './bundle-evidence.js'

let dir = ''
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function put(path: string, record: object): Promise<void> {
  await mkdir(join(dir, 'evidence', path.slice(0, 2)), { recursive: true })
  await writeFile(join(dir, 'evidence', path), JSON.stringify(record))
}

test('a case folder on disk: each tx and address maps to the files that asked for it, under the case prefix', async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-bundle-evidence-'))
  await put('aa/aa01.json', { url: `https://x.test/api/tx/${TX.t2}` })
  await put('bb/bb02.json', {
    url: `https://x.test/api/address/${ADDR.a1}/txs`,
  })
  await put('cc/cc03.json', { url: 'https://x.test/api/blocks/tip/height' })
  // A JSON-RPC request names its tx in the body, not the URL.
  await put('dd/dd04.json', {
    url: 'https://rpc.test/',
    requestBody: `{"method":"getrawtransaction","params":["${TX.t3}"]}`,
  })
  await writeFile(join(dir, 'evidence', 'cc', 'broken.json'), '{not json')
  const index = await indexBundleEvidence(dir, sampleReport(), 'case-7/')
  expect(Object.fromEntries(index)).toEqual({
    [TX.t2.toLowerCase()]: ['case-7/evidence/aa/aa01.json'],
    [ADDR.a1.toLowerCase()]: ['case-7/evidence/bb/bb02.json'],
    [TX.t3.toLowerCase()]: ['case-7/evidence/dd/dd04.json'],
  })
})

test('a folder without evidence (a failed case, a victim copy) gives an empty index', async () => {
  dir = await mkdtemp(join(tmpdir(), 'fundtrace-bundle-evidence-'))
  expect((await indexBundleEvidence(dir, sampleReport(), 'c/')).size).toBe(0)
})
