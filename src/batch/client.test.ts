import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { collect } from '../../test/support/collect.js'
import { createCaseClient } from './case-client.js'
import { createBatchClient } from './client.js'

const BASE = 'http://esplora.test'
const spec = (path: string) => ({
  url: `${BASE}${path}`,
  responseType: 'text' as const,
  schema: z.string(),
})

/** A fetch whose answers the test releases one by one. */
function gatedFetch() {
  const calls: string[] = []
  const gates: (() => void)[] = []
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input)
    calls.push(url)
    await new Promise<void>((resolve) => gates.push(resolve))
    return new Response(`body of ${new URL(url).pathname}`, {
      status: 200,
      headers: { 'content-type': 'text/plain' },
    })
  }) as typeof globalThis.fetch
  return {
    fetch,
    calls,
    release: () => {
      for (const open of gates.splice(0)) open()
    },
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

function client(
  fetch: typeof globalThis.fetch,
  hostConcurrency = 4,
  cacheDir?: string,
) {
  return createBatchClient({
    esploraUrl: BASE,
    cache: cacheDir !== undefined,
    cacheDir: cacheDir ?? '',
    rps: 1e6,
    hostConcurrency,
    fetch,
    retries: 0,
  })
}

describe('shared requests', () => {
  test('cases asking for the same URL share one request, whenever they ask', async () => {
    const gate = gatedFetch()
    const shared = client(gate.fetch)
    const [a, b] = [createCaseClient(shared), createCaseClient(shared)]
    const first = a.request(spec('/tx/1/hex'))
    await tick()
    const second = b.request(spec('/tx/1/hex'))
    gate.release()
    expect(await Promise.all([first, second])).toEqual([
      'body of /tx/1/hex',
      'body of /tx/1/hex',
    ])
    // Every microtask offset after the answer: never a second fetch.
    const late = [] as Promise<string>[]
    for (let i = 0; i < 20; i++) {
      late.push(b.request(spec('/tx/1/hex')))
      await Promise.resolve()
    }
    await Promise.all(late)
    expect(gate.calls).toEqual([`${BASE}/tx/1/hex`])
    expect(a.fetched()).toBe(1)
    expect(b.fetched()).toBe(0)
    expect(b.lookups()).toBe(1)
    expect(b.stats()).toMatchObject([
      { baseUrl: BASE, requests: 0, cacheHits: 1 },
    ])
    expect((await collect(b.evidence())).map((r) => r.url)).toEqual([
      `${BASE}/tx/1/hex`,
    ])
  })

  test('each case touches only its own evidence', async () => {
    const gate = gatedFetch()
    const shared = client(gate.fetch)
    const [a, b] = [createCaseClient(shared), createCaseClient(shared)]
    const both = Promise.all([
      a.request(spec('/tx/a/hex')),
      b.request(spec('/tx/b/hex')),
    ])
    await tick()
    gate.release()
    await both
    expect((await collect(a.evidence())).map((r) => r.url)).toEqual([
      `${BASE}/tx/a/hex`,
    ])
    expect((await collect(b.evidence())).map((r) => r.url)).toEqual([
      `${BASE}/tx/b/hex`,
    ])
  })

  test('stop: queued look-ups are dropped, the one on the wire lands in the store', async () => {
    // Raw txs by txid: answers a later run may take from the store.
    const TX1_HEX = `/tx/${'11'.repeat(32)}/hex`
    const TX2_HEX = `/tx/${'22'.repeat(32)}/hex`
    const gate = gatedFetch()
    const dir = mkdtempSync(join(tmpdir(), 'fundtrace-batch-client-'))
    const shared = client(gate.fetch, 1, dir)
    const controller = new AbortController()
    const c = createCaseClient(shared, controller.signal)
    const onWire = c.request(spec(TX1_HEX))
    const queued = c.request(spec(TX2_HEX))
    await tick()
    expect(gate.calls).toHaveLength(1)
    controller.abort(new Error('interrupted'))
    shared.stop()
    await expect(onWire).rejects.toMatchObject({ name: 'AbortError' })
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' })
    gate.release()
    await shared.drain()
    expect(gate.calls).toEqual([`${BASE}${TX1_HEX}`])
    // The next run's case gets /tx/1/hex from the store: no fetch.
    const next = createCaseClient(client(gate.fetch, 1, dir))
    await expect(next.request(spec(TX1_HEX))).resolves.toBe(
      `body of ${TX1_HEX}`,
    )
    expect(gate.calls).toHaveLength(1)
    expect([...shared.attempts()]).toEqual([[`${BASE}${TX1_HEX}`, 1]])
    rmSync(dir, { recursive: true, force: true })
  })
})
