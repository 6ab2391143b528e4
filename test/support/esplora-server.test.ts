import { afterEach, describe, expect, test } from 'vitest'
import { createBitcoinAdapter } from '../../src/chains/bitcoin/adapter.js'
import { createEsploraSource } from '../../src/chains/bitcoin/esplora.js'
import { loadEsploraFixtures } from './esplora-fixtures.js'
import {
  type EsploraServer,
  esploraRoute,
  startEsploraServer,
} from './esplora-server.js'
import { createSimpleHttp } from './simple-http.js'

const fixtures = loadEsploraFixtures(
  new URL('../../fixtures/esplora/peel-chain', import.meta.url).pathname,
)
const seed = (fixtures.case as { seedTxid: string }).seedTxid
let running: EsploraServer | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

describe('esploraRoute', () => {
  test.each([
    [`/tx/${seed}`, 200, 'application/json'],
    [`/tx/${seed}/hex`, 200, 'text/plain'],
    [`/tx/${seed}/outspends`, 200, 'application/json'],
    ['/blocks/tip/height', 200, 'text/plain'],
    [`/tx/${'00'.repeat(32)}`, 404, 'text/plain'],
    [`/tx/${'00'.repeat(32)}/outspends`, 404, 'text/plain'],
    [`/tx/${seed}/status`, 404, 'text/plain'],
    ['/mempool', 404, 'text/plain'],
  ])('%s → %i %s', (path, status, contentType) => {
    const r = esploraRoute(fixtures, path)
    expect(r.status).toBe(status)
    expect(r.contentType).toBe(contentType)
  })

  test('unknown txid body is the electrs text', () => {
    expect(esploraRoute(fixtures, `/tx/${'00'.repeat(32)}`).body).toBe(
      'Transaction not found',
    )
  })

  test('a last-seen txid not in the history gives an empty page', () => {
    const victim = (fixtures.case as { victims: string[] }).victims[0]!
    const page = (p: string) => JSON.parse(esploraRoute(fixtures, p).body)
    expect(page(`/address/${victim}/txs/chain`)).toHaveLength(2)
    expect(page(`/address/${victim}/txs/chain/${'00'.repeat(32)}`)).toEqual([])
  })
})

describe('startEsploraServer', () => {
  test('serves the adapter over real HTTP and counts requests', async () => {
    running = await startEsploraServer(fixtures)
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const adapter = createBitcoinAdapter({
      esplora: createEsploraSource({
        baseUrl: running.url,
        http: createSimpleHttp(),
      }),
    })
    const tx = await adapter.getTx(seed)
    expect(tx.txid).toBe(seed)
    expect(await adapter.getTipHeight()).toBe(fixtures.tipHeight)
    // The tx's JSON rebuilds to bytes that hash to its txid: no raw hex asked.
    expect(running.requestCount()).toBe(2)
    expect(running.requestsByPath()).toEqual({
      [`/tx/${seed}`]: 1,
      '/blocks/tip/height': 1,
    })
  })

  test('answers 429 above the rps limit', async () => {
    running = await startEsploraServer(fixtures, { rps: 2 })
    const url = `${running.url}/blocks/tip/height`
    const statuses = await Promise.all(
      [1, 2, 3, 4].map(() => fetch(url).then((r) => r.status)),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(2)
    expect(statuses.filter((s) => s === 429)).toHaveLength(2)
    expect(running.requestCount()).toBe(4)
  })

  test('adds latency', async () => {
    running = await startEsploraServer(fixtures, { latencyMs: 120 })
    const started = performance.now()
    const res = await fetch(`${running.url}/blocks/tip/height`)
    expect(await res.text()).toBe(String(fixtures.tipHeight))
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
  })
})
