import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { sampleReport } from '../../test/support/sample-report.js'
import { createMemoryStore } from '../evidence/memoryStore.js'
import { createHttpClient } from '../sources/http.js'
import {
  COINGECKO_API,
  coinGeckoDate,
  createCoinGeckoSource,
} from './coingecko.js'
import { applyFiat } from './lookup.js'

// Shape of GET /coins/bitcoin/history?date=01-03-2026&localization=false (trimmed).
const history = (usd: number) => ({
  id: 'bitcoin',
  symbol: 'btc',
  name: 'Bitcoin',
  market_data: { current_price: { eur: 60000.1, usd }, market_cap: { usd: 1 } },
})

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const calls: string[] = []
function serve() {
  calls.length = 0
  server.use(
    http.get(`${COINGECKO_API}/coins/bitcoin/history`, ({ request }) => {
      const url = new URL(request.url)
      calls.push(url.search)
      const date = url.searchParams.get('date')
      if (date === '01-03-2026')
        return HttpResponse.json(history(65123.45678901))
      if (date === '02-03-2026') return HttpResponse.json({ id: 'bitcoin' })
      return new HttpResponse('not found', { status: 404 })
    }),
  )
}

const client = (
  store = createMemoryStore(),
  mode: 'cache' | 'replay' = 'cache',
) => createHttpClient({ store, mode, retries: 0, sleep: async () => {} })

describe('CoinGecko price source', () => {
  test('coinGeckoDate is the UTC date as dd-mm-yyyy', () => {
    expect(coinGeckoDate(new Date('2026-03-01T23:30:00-05:00'))).toBe(
      '02-03-2026',
    )
  })

  test('daily snapshot price, exact digits, named with its URL', async () => {
    serve()
    const source = createCoinGeckoSource({ http: client() })
    expect(
      await source.priceAt('BTC', new Date('2026-03-01T10:00:00Z')),
    ).toEqual({
      price: '65123.45678901',
      source: `CoinGecko daily snapshot, 00:00 UTC (${COINGECKO_API}/coins/bitcoin/history?date=01-03-2026&localization=false)`,
      at: '2026-03-01T00:00:00.000Z',
    })
  })

  test('no market data, a 404 or an unmapped asset: null, not a guess', async () => {
    serve()
    const source = createCoinGeckoSource({ http: client() })
    expect(
      await source.priceAt('BTC', new Date('2026-03-02T10:00:00Z')),
    ).toBeNull()
    expect(
      await source.priceAt('BTC', new Date('2019-01-01T00:00:00Z')),
    ).toBeNull()
    expect(
      await source.priceAt('NOPE', new Date('2026-03-01T10:00:00Z')),
    ).toBeNull()
  })

  test('prices are evidence: stored, hashed, and replayable offline', async () => {
    serve()
    const store = createMemoryStore()
    const live = client(store)
    const online = await applyFiat(
      sampleReport(),
      createCoinGeckoSource({ http: live }),
    )
    // One request per UTC day, however many transfers fall on it.
    expect(calls).toEqual([
      '?date=01-03-2026&localization=false',
      '?date=02-03-2026&localization=false',
    ])
    const records = [...live.touched().values()]
    expect(records).toHaveLength(2)
    for (const r of records) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(r.retrievedAt).toMatch(/Z$/)
    }
    expect(store.records.size).toBe(2)
    expect(online.fiat?.totalLoss.value).toBe('65123.46')

    server.resetHandlers()
    calls.length = 0
    const replay = client(store, 'replay')
    const offline = await applyFiat(
      sampleReport(),
      createCoinGeckoSource({ http: replay }),
    )
    expect(calls).toEqual([])
    expect(offline.fiat).toEqual(online.fiat)
    expect(offline.hits).toEqual(online.hits)
  })

  test('an API key is sent but never stored in the evidence', async () => {
    serve()
    const store = createMemoryStore()
    const http = createHttpClient({
      store,
      retries: 0,
      secrets: ['demo-secret'],
      sleep: async () => {},
    })
    const source = createCoinGeckoSource({ http, apiKey: 'demo-secret' })
    const quote = await source.priceAt('BTC', new Date('2026-03-01T10:00:00Z'))
    expect(calls[0]).toContain('x_cg_demo_api_key=demo-secret')
    expect(quote?.source).not.toContain('demo-secret')
    expect(JSON.stringify([...store.records.values()])).not.toContain(
      'demo-secret',
    )
  })
})
