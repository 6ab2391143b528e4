/**
 * The client keeps only keys, hashes and times of the evidence it used; the
 * bodies stay in a store (cache, replay folder or the run's spool) and are
 * read back, checked, for the bundle.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { collect } from '../../test/support/collect.js'
import { sha256Hex } from '../evidence/key.js'
import { EvidenceLostError } from '../evidence/ledger.js'
import { createMemoryStore, type MemoryStore } from '../evidence/memoryStore.js'
import { createSpoolStore } from '../evidence/spoolStore.js'
import type { EvidenceStore } from '../evidence/types.js'
import type { HttpMode } from './config.js'
import { setup, useServer } from './http.testkit.js'

const server = useServer()
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true })))
})
const url = (n: number) => `https://api.test/n/${n}`

/** Fetches n/1, n/2, n/1 through a fresh client over `store`. */
async function run(options: {
  mode: HttpMode
  store?: EvidenceStore | undefined
  spool?: EvidenceStore | undefined
}) {
  server.use(
    http.get('https://api.test/n/:n', ({ params }) =>
      HttpResponse.json({ value: Number(params.n) }),
    ),
  )
  const { client, get } = setup(options)
  for (const n of [1, 2, 1]) await get(url(n))
  return client
}

/** A store holding the answers a cache run would have left. */
async function filled(): Promise<MemoryStore> {
  const store = createMemoryStore()
  await run({ mode: 'cache', store })
  return store
}

describe('evidence() reads each used record back from where its body lives', () => {
  test.each([
    ['network: the default in-memory spool', async () => ({})],
    [
      'network: a temp-file spool',
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'fundtrace-ledger-'))
        dirs.push(dir)
        return { spool: createSpoolStore({ dir }) }
      },
    ],
    ['cache: the cache', async () => ({ store: createMemoryStore() })],
  ] as const)('%s', async (name, make) => {
    const stores: { store?: MemoryStore; spool?: EvidenceStore } = await make()
    const mode = name.startsWith('cache') ? 'cache' : 'network'
    const client = await run({ mode, ...stores })
    const records = await collect(client.evidence())
    expect(records.map((r) => [r.url, r.body])).toEqual([
      [url(1), '{"value":1}'],
      [url(2), '{"value":2}'],
    ])
    expect([...client.touched().values()]).toEqual(
      records.map(({ key, sha256, retrievedAt }) => ({
        key,
        sha256,
        retrievedAt,
      })),
    )
    await client.close()
  })

  test('replay: read from the replay store, nothing written to it', async () => {
    const store = await filled()
    const put = vi.spyOn(store, 'put')
    const client = await run({ mode: 'replay', store })
    expect((await collect(client.evidence())).length).toBe(2)
    expect(put).not.toHaveBeenCalled()
  })

  test('given keys: only those used, in the order given', async () => {
    const client = await run({ mode: 'network' })
    const [k1, k2] = [...client.touched().keys()]
    const picked = await collect(client.evidence([k2!, 'f'.repeat(64), k1!]))
    expect(picked.map((r) => r.url)).toEqual([url(2), url(1)])
  })
})

describe('a body that changed or vanished after use fails, never bundles silently', () => {
  test.each([
    [
      'deleted from the cache',
      (s: MemoryStore, key: string) => s.records.delete(key),
    ],
    [
      'replaced by another, intact answer',
      (s: MemoryStore, key: string) => {
        const body = '{"value":9}'
        s.records.set(key, {
          ...s.records.get(key)!,
          body,
          sha256: sha256Hex(body),
        })
      },
    ],
  ])('%s', async (_, damage) => {
    const store = createMemoryStore()
    const client = await run({ mode: 'cache', store })
    const [key] = [...client.touched().keys()]
    damage(store, key!)
    await expect(collect(client.evidence())).rejects.toBeInstanceOf(
      EvidenceLostError,
    )
  })
})

test('network mode writes bodies to the spool, never the store; close() drops them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-ledger-'))
  dirs.push(dir)
  const store = createMemoryStore()
  const spool = createSpoolStore({ dir })
  const put = vi.spyOn(spool, 'put')
  const client = await run({ mode: 'network', store, spool })
  expect(store.records.size).toBe(0)
  expect(put).toHaveBeenCalledTimes(3) // no cache: n/1 is fetched twice
  expect(await readdir(dir)).toEqual([])
  await client.close()
  await expect(collect(client.evidence())).rejects.toBeInstanceOf(
    EvidenceLostError,
  )
})
