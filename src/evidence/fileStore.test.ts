import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  copyRecords,
  createFileStore,
  listRecords,
  recordPath,
} from './fileStore.js'
import { evidenceKey, sha256Hex } from './key.js'
import type { EvidenceRecord } from './types.js'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true })))
})
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-store-'))
  dirs.push(dir)
  return dir
}

function record(url: string, body = '{"ok":true}', extra = {}): EvidenceRecord {
  return {
    key: evidenceKey({ method: 'GET', url }),
    method: 'GET',
    url,
    status: 200,
    contentType: 'application/json',
    retrievedAt: '2024-05-01T12:00:00.000Z',
    sha256: sha256Hex(body),
    body,
    ...extra,
  }
}

const A = record('https://a.test/tx/1')

test('put then get round-trips, at <dir>/<key[0..2]>/<key>.json', async () => {
  const dir = await tempDir()
  const store = createFileStore({ dir })
  await store.put(A)
  expect(await store.get(A.key)).toEqual(A)
  expect(recordPath(dir, A.key)).toBe(
    join(dir, A.key.slice(0, 2), `${A.key}.json`),
  )
  expect(await readdir(join(dir, A.key.slice(0, 2)))).toEqual([`${A.key}.json`])
})

test('a POST record keeps its request body', async () => {
  const store = createFileStore({ dir: await tempDir() })
  const body = '{"method":"getblock"}'
  const post: EvidenceRecord = {
    ...A,
    method: 'POST',
    requestBody: body,
    key: evidenceKey({ method: 'POST', url: A.url, body }),
  }
  await store.put(post)
  expect(await store.get(post.key)).toEqual(post)
})

test('a miss is undefined, also for a malformed key', async () => {
  const store = createFileStore({ dir: await tempDir() })
  expect(await store.get(A.key)).toBeUndefined()
  expect(await store.get('../../etc/passwd')).toBeUndefined()
})

describe('a damaged file reads as a miss, never throws', () => {
  const B = record('https://a.test/tx/2')
  test.each([
    ['empty file', () => ''],
    ['garbage', () => 'not json at all \u0000'],
    ['torn write', (text: string) => text.slice(0, text.length - 20)],
    ['missing field', () => JSON.stringify({ ...A, sha256: undefined })],
    ['body edited', () => JSON.stringify({ ...A, body: '{"ok":false}' })],
    ['url edited', () => JSON.stringify({ ...A, url: 'https://evil.test/' })],
    ['another record', () => JSON.stringify(B)],
  ])('%s', async (_, damage) => {
    const dir = await tempDir()
    const store = createFileStore({ dir })
    await store.put(A)
    const file = recordPath(dir, A.key)
    await writeFile(file, damage(await readFile(file, 'utf8')))
    await expect(store.get(A.key)).resolves.toBeUndefined()
    await store.put(A)
    await expect(store.get(A.key)).resolves.toEqual(A)
  })
})

test('writes are atomic: no temp files left behind, concurrent puts agree', async () => {
  const dir = await tempDir()
  const store = createFileStore({ dir })
  await Promise.all(Array.from({ length: 8 }, () => store.put(A)))
  expect(await readdir(join(dir, A.key.slice(0, 2)))).toEqual([`${A.key}.json`])
  expect(await store.get(A.key)).toEqual(A)
})

test('put refuses a key that is not a sha256 hex', async () => {
  const store = createFileStore({ dir: await tempDir() })
  await expect(store.put({ ...A, key: '../x' })).rejects.toThrow(
    /not an evidence key/,
  )
})

test('listRecords yields intact records only; copyRecords bundles them', async () => {
  const dir = await tempDir()
  const store = createFileStore({ dir })
  const B = record('https://a.test/tx/2')
  await store.put(A)
  await store.put(B)
  await mkdir(join(dir, 'zz'))
  await writeFile(join(dir, 'notes.txt'), 'ignored')
  const C = record('https://a.test/tx/3')
  await store.put(C)
  await writeFile(recordPath(dir, C.key), '{')
  const listed = []
  for await (const r of listRecords(dir)) listed.push(r)
  expect(listed.map((r) => r.url).sort()).toEqual([A.url, B.url])

  const out = join(await tempDir(), 'bundle', 'evidence')
  expect(await copyRecords([A], out)).toBe(1)
  const copied = []
  for await (const r of listRecords(out)) copied.push(r)
  expect(copied).toEqual([A])
  expect(await copyRecords(listRecords(dir), out)).toBe(2)
})

test('listRecords of a missing directory yields nothing', async () => {
  const listed = []
  for await (const r of listRecords(join(await tempDir(), 'none')))
    listed.push(r)
  expect(listed).toEqual([])
})
