import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, test } from 'vitest'
import { evidenceKey, sha256Hex } from './key.js'
import { createSpoolStore } from './spoolStore.js'
import type { EvidenceRecord } from './types.js'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true })))
})
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-spool-test-'))
  dirs.push(dir)
  return dir
}

function record(
  url: string,
  body = '{"ok":true}',
  requestBody?: string,
): EvidenceRecord {
  const method = requestBody === undefined ? 'GET' : 'POST'
  return {
    key: evidenceKey({ method, url, body: requestBody }),
    method,
    url,
    ...(requestBody === undefined ? {} : { requestBody }),
    status: 200,
    contentType: 'application/json',
    retrievedAt: '2024-05-01T12:00:00.000Z',
    sha256: sha256Hex(body),
    body,
  }
}

const A = record('https://a.test/tx/1/hex', 'ab'.repeat(190))
const B = record('https://a.test/tx/1/outspends', '[{"spent":false}]')
const POST = record('https://rpc.test/', '{"result":"0x1"}', '{"id":1}')
const A2 = { ...A, retrievedAt: '2024-05-02T00:00:00.000Z' }

describe('reads back what was put, byte for byte', () => {
  test.each([
    ['one GET', [A], A],
    ['a POST keeps its request body', [A, POST, B], POST],
    ['among others', [A, B, POST], B],
    ['the later of two puts under one key', [A, B, A2], A2],
  ])('%s', async (_, puts, wanted) => {
    const spool = createSpoolStore({ dir: await tempDir() })
    for (const r of puts) await spool.put(r)
    const read = await spool.get(wanted.key)
    // Same key order too: the bundle writes JSON.stringify(record).
    expect(JSON.stringify(read)).toBe(JSON.stringify(wanted))
    await spool.dispose()
  })
})

describe('a miss is undefined', () => {
  test.each([
    ['before any put', [], A.key],
    ['an unknown key', [A], B.key],
    ['a malformed key', [A], '../../etc/passwd'],
  ])('%s', async (_, puts: EvidenceRecord[], key) => {
    const spool = createSpoolStore({ dir: await tempDir() })
    for (const r of puts) await spool.put(r)
    expect(await spool.get(key)).toBeUndefined()
    await spool.dispose()
  })
})

test('nothing on disk: the file goes as soon as it is made', async () => {
  const dir = await tempDir()
  const spool = createSpoolStore({ dir })
  await Promise.all([A, B, POST].map((r) => spool.put(r)))
  expect(await readdir(dir)).toEqual([])
  for (const r of [A, B, POST]) expect(await spool.get(r.key)).toEqual(r)
  await spool.dispose()
})

test('concurrent puts each keep their own bytes', async () => {
  const spool = createSpoolStore({ dir: await tempDir() })
  const many = Array.from({ length: 50 }, (_, i) =>
    record(`https://a.test/tx/${i}`, `{"n":${'9'.repeat(i)}}`),
  )
  await Promise.all(many.map((r) => spool.put(r)))
  for (const r of many) expect(await spool.get(r.key)).toEqual(r)
  await spool.dispose()
})

test('dispose drops the records and refuses later puts', async () => {
  const spool = createSpoolStore({ dir: await tempDir() })
  await spool.put(A)
  await spool.dispose()
  expect(await spool.get(A.key)).toBeUndefined()
  await expect(spool.put(B)).rejects.toThrow(/disposed/)
  expect(await spool.get(B.key)).toBeUndefined()
  await spool.dispose()
})

test('no writable directory: the records stay in memory, the trace goes on', async () => {
  const missing = join(await tempDir(), 'no', 'such', 'dir')
  const spool = createSpoolStore({ dir: missing })
  await spool.put(A)
  await spool.put(A2)
  expect(await spool.get(A.key)).toEqual(A2)
  await spool.dispose()
  expect(await spool.get(A.key)).toBeUndefined()
})

test('a process that never disposes its spool leaves nothing behind', async () => {
  const dir = await tempDir()
  const script = [
    `import { createSpoolStore } from ${JSON.stringify(join(import.meta.dirname, 'spoolStore.ts'))}`,
    `const spool = createSpoolStore({ dir: ${JSON.stringify(dir)} })`,
    `await spool.put(${JSON.stringify(A)})`,
    'process.kill(process.pid, "SIGKILL")',
  ].join('\n')
  await expect(
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: join(import.meta.dirname, '..', '..') },
    ),
  ).rejects.toMatchObject({ signal: 'SIGKILL' })
  expect(await readdir(dir)).toEqual([])
})
