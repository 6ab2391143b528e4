import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { z } from 'zod'
import { collect } from '../../test/support/collect.js'
import { createFileStore, recordPath } from '../evidence/fileStore.js'
import { evidenceKey, sha256Hex } from '../evidence/key.js'
import { createMemoryStore } from '../evidence/memoryStore.js'
import { NotFoundError, ReplayMissError } from './errors.js'
import {
  ok,
  START,
  schema,
  sequence,
  setup,
  URL_A,
  useServer,
} from './http.testkit.js'

const server = useServer()
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true })))
})
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-http-'))
  dirs.push(dir)
  return dir
}
const KEY_A = evidenceKey({ method: 'GET', url: URL_A })

describe('cache mode', () => {
  test('a miss fetches and stores the record; a hit makes no request', async () => {
    const hits = sequence(server, ok)
    const store = createMemoryStore()
    const first = setup({ store })
    await expect(first.get()).resolves.toEqual({ value: 1 })
    expect(store.records.get(KEY_A)).toEqual({
      key: KEY_A,
      method: 'GET',
      url: URL_A,
      status: 200,
      contentType: 'application/json',
      retrievedAt: new Date(START).toISOString(),
      sha256: sha256Hex('{"value":1}'),
      body: '{"value":1}',
    })
    const second = setup({ store })
    await expect(second.get()).resolves.toEqual({ value: 1 })
    expect(hits.count).toBe(1)
    expect(second.events).toEqual([{ type: 'cache-hit', url: URL_A }])
    expect(second.client.stats()).toMatchObject([
      { baseUrl: 'https://api.test', requests: 0, cacheHits: 1 },
    ])
    expect([...second.client.touched().keys()]).toEqual([KEY_A])
  })

  test('failed responses and failed validation are not stored', async () => {
    sequence(server, () => HttpResponse.json({ value: 'x' }))
    const store = createMemoryStore()
    await expect(setup({ store }).get()).rejects.toThrow()
    sequence(server, () => new HttpResponse(null, { status: 500 }))
    await expect(setup({ store, retries: 0 }).get()).rejects.toThrow()
    expect(store.records.size).toBe(0)
  })

  test('a 404 is stored and replays as NotFoundError; a new run asks again', async () => {
    const hits = sequence(server, () => new HttpResponse(null, { status: 404 }))
    const store = createMemoryStore()
    await expect(setup({ store }).get()).rejects.toThrow(NotFoundError)
    expect(store.records.get(KEY_A)?.status).toBe(404)
    const fetch = vi.fn<typeof globalThis.fetch>()
    const replay = setup({ store, mode: 'replay', fetch })
    await expect(replay.get()).rejects.toThrow(NotFoundError)
    expect(fetch).not.toHaveBeenCalled()
    expect(hits.count).toBe(1)
    await expect(setup({ store }).get()).rejects.toThrow(NotFoundError)
    expect(hits.count).toBe(2)
    expect((await collect(replay.client.evidence()))[0]?.status).toBe(404)
  })

  test('a stored record that no longer validates is refetched once', async () => {
    const store = createMemoryStore()
    const stale = setup({ store })
    sequence(server, () => HttpResponse.json({ value: 'old' }), ok)
    await stale.client.request({
      url: URL_A,
      responseType: 'json',
      schema: z.unknown(),
    })
    const { get } = setup({ store })
    await expect(get()).resolves.toEqual({ value: 1 })
    expect(store.records.get(KEY_A)?.body).toBe('{"value":1}')
  })
})

describe('replay mode', () => {
  test('a miss names the URL and never calls fetch', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>()
    const { get } = setup({ store: createMemoryStore(), mode: 'replay', fetch })
    const err = await get().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReplayMissError)
    expect((err as Error).message).toBe(
      `not in the evidence store: GET ${URL_A}`,
    )
    expect((err as ReplayMissError).exitCode).toBe(3)
    expect(fetch).not.toHaveBeenCalled()
  })

  test('needs a store', () => {
    expect(() => setup({ mode: 'replay' })).toThrow(/needs an evidence store/)
  })
})

test('network mode neither reads nor writes the store', async () => {
  const hits = sequence(server, ok)
  const store = createMemoryStore()
  const get = vi.spyOn(store, 'get')
  const put = vi.spyOn(store, 'put')
  const { get: fetchIt, client } = setup({ store, mode: 'network' })
  await fetchIt()
  await fetchIt()
  expect(hits.count).toBe(2)
  expect(get).not.toHaveBeenCalled()
  expect(put).not.toHaveBeenCalled()
  expect((await collect(client.evidence()))[0]?.body).toBe('{"value":1}')
})

test('a torn record file is a miss: refetched and rewritten', async () => {
  const hits = sequence(server, ok)
  const dir = await tempDir()
  const store = createFileStore({ dir })
  await setup({ store }).get()
  const file = recordPath(dir, KEY_A)
  const intact = await readFile(file, 'utf8')
  await writeFile(file, intact.slice(0, intact.length / 2))
  await expect(setup({ store }).get()).resolves.toEqual({ value: 1 })
  expect(hits.count).toBe(2)
  expect(await readFile(file, 'utf8')).toBe(intact)
})

test('a secret never reaches the store, errors, events or stats', async () => {
  const SECRET = 'sEkReT-9f8e7d'
  const base = `https://user:pw@api.test/${SECRET}`
  const seen: string[] = []
  server.use(
    http.get('https://api.test/:secret/ok', () =>
      HttpResponse.json({ value: 1, echo: `key=${SECRET}` }),
    ),
    http.get('https://api.test/:secret/gone', () =>
      HttpResponse.text(`no ${SECRET}`, { status: 404 }),
    ),
    http.get('https://api.test/:secret/bad', () =>
      HttpResponse.text(`denied ${SECRET}`, { status: 400 }),
    ),
    http.get('https://api.test/:secret/shape', () => HttpResponse.json({})),
    http.get('https://api.test/:secret/down', () => HttpResponse.error()),
  )
  const dir = await tempDir()
  const { client, events } = setup({
    store: createFileStore({ dir }),
    secrets: [SECRET],
    retries: 1,
  })
  const loose = z.object({ value: z.number(), echo: z.string() })
  for (const path of ['ok', 'gone', 'bad', 'shape', 'down']) {
    const url = `${base}/${path}?apikey=${SECRET}&token=other-secret&n=1`
    await client
      .request({
        url,
        responseType: 'json',
        schema: path === 'ok' ? loose : schema,
      })
      .catch((err: Error) => {
        seen.push(err.message, JSON.stringify(err), String(err.cause))
      })
  }
  expect(seen.length).toBe(12)
  for (const shard of await readdir(dir)) {
    for (const name of await readdir(join(dir, shard))) {
      seen.push(await readFile(join(dir, shard, name), 'utf8'))
    }
  }
  seen.push(JSON.stringify([events, client.stats(), [...client.touched()]]))
  const all = seen.join('\n')
  expect(all).toContain('/***/ok?apikey=***&token=***&n=1')
  expect(all).not.toContain(SECRET)
  expect(all).not.toContain('other-secret')
  expect(all).not.toContain('user:pw')
})

test('stats span the first and last retrieval; touched() holds both', async () => {
  server.use(http.get('https://api.test/n/:n', ok))
  const { client } = setup({ store: createMemoryStore() })
  const get = (n: number) =>
    client.request({
      url: `https://api.test/n/${n}`,
      responseType: 'json',
      schema,
    })
  await get(1)
  await get(2) // the limiter sleeps 250 ms on the virtual clock
  expect(client.stats()).toEqual([
    {
      baseUrl: 'https://api.test',
      requests: 2,
      cacheHits: 0,
      retries: 0,
      failures: 0,
      firstRetrievedAt: '2024-05-01T12:00:00.000Z',
      lastRetrievedAt: '2024-05-01T12:00:00.250Z',
    },
  ])
  expect(client.touched().size).toBe(2)
})
