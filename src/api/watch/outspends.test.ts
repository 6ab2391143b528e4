import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createFrontierProbe,
  type FrontierPoint,
  type ProbeMemo,
} from './frontier.js'

const ESPLORA = 'https://esplora.test/api'
const txid = (n: number) => n.toString(16).padStart(64, '0')
const point = (n: number, outputIndex = 0): FrontierPoint => ({
  chain: 'bitcoin',
  txHash: txid(n),
  outputIndex,
  address: null,
  asset: 'BTC',
  amountBase: '1000',
  asOfBlock: 800_000,
})
/** Tx 7's output 1 was spent since the report; every other output is still held. */
const spendsOf = (id: string) => [
  { spent: false },
  id === txid(7)
    ? { spent: true, txid: txid(99), vin: 0, status: { confirmed: false } }
    : { spent: false },
]

type Server = 'mempool' | 'esplora' | 'down'
let kind: Server = 'mempool'
const asked: string[] = []
const server = setupServer(
  http.get(`${ESPLORA}/txs/outspends`, ({ request }) => {
    asked.push('batch')
    if (kind === 'down') return new HttpResponse(null, { status: 503 })
    // Plain electrs has no such endpoint.
    if (kind === 'esplora') return new HttpResponse(null, { status: 404 })
    const ids = new URL(request.url).searchParams.get('txids')?.split(',')
    return HttpResponse.json((ids ?? []).map(spendsOf))
  }),
  http.get(`${ESPLORA}/tx/:txid/outspends`, ({ params }) => {
    asked.push('one')
    if (kind === 'down') return new HttpResponse(null, { status: 503 })
    return HttpResponse.json(spendsOf(String(params.txid)))
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

async function probe(points: FrontierPoint[], memo: ProbeMemo) {
  asked.length = 0
  const p = createFrontierProbe(
    'bitcoin',
    { esploraUrl: ESPLORA, cache: false, retries: 0, rps: 10_000 },
    memo,
  )
  try {
    const moved = await p.moved(points)
    return {
      moved: moved.map((m) => [m.txHash, m.outputIndex]),
      asked: [...asked],
    }
  } finally {
    await p.http.close()
  }
}

const thirty = Array.from({ length: 30 }, (_, i) =>
  point(i + 1, i === 6 ? 1 : 0),
)

describe('the Bitcoin frontier probe', () => {
  test.each<[string, Server, FrontierPoint[], string[]]>([
    [
      '30 txs on a mempool-compatible server: two batches',
      'mempool',
      thirty,
      ['batch', 'batch'],
    ],
    ['one tx: its own request, no batch', 'mempool', [point(7, 1)], ['one']],
    [
      'plain Esplora: refused once, then one request per tx',
      'esplora',
      [point(3), point(7, 1), point(9)],
      ['batch', 'one', 'one', 'one'],
    ],
  ])('%s', async (_name, server, points, requests) => {
    kind = server
    const result = await probe(points, {})
    expect(result.asked).toEqual(requests)
    expect(result.moved).toEqual([[txid(7), 1]])
  })

  test('a refusal is remembered: the next round asks each tx at once', async () => {
    kind = 'esplora'
    const memo: ProbeMemo = {}
    const points = [point(3), point(7, 1)]
    expect((await probe(points, memo)).asked).toEqual(['batch', 'one', 'one'])
    expect(memo.batchOutspends).toBe(false)
    expect((await probe(points, memo)).asked).toEqual(['one', 'one'])
  })

  test('an outage is an outage, never taken for a server without batches', async () => {
    kind = 'down'
    const memo: ProbeMemo = {}
    await expect(probe([point(3), point(7, 1)], memo)).rejects.toThrow('503')
    expect(memo.batchOutspends).toBeUndefined()
  })
})
