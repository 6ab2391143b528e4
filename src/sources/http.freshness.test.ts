/** The cache answers questions about the settled past, never about the present. */
import { HttpResponse, http } from 'msw'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { createMemoryStore } from '../evidence/memoryStore.js'
import { setup, useServer } from './http.testkit.js'

const server = useServer()
const BASE = 'https://esplora.test/api'
const TXID = 'ab'.repeat(32)
const OUTSPENDS = `${BASE}/tx/${TXID}/outspends`
const TX = `${BASE}/tx/${TXID}`
const TIP = `${BASE}/blocks/tip/height`
const RPC = 'https://rpc.test/'
const anyJson = z.unknown()

/** A simulated chain whose answers the test can move on. */
function chain() {
  const state = {
    spent: false,
    confirmed: false,
    tip: 100,
    hits: new Map<string, number>(),
  }
  const count = (url: string) =>
    state.hits.set(url, (state.hits.get(url) ?? 0) + 1)
  server.use(
    http.get(OUTSPENDS, ({ request }) => {
      count(request.url)
      return HttpResponse.json([
        state.spent
          ? {
              spent: true,
              txid: 'cd'.repeat(32),
              vin: 0,
              status: { confirmed: true },
            }
          : { spent: false },
      ])
    }),
    http.get(TX, ({ request }) => {
      count(request.url)
      return HttpResponse.json({
        txid: TXID,
        status: { confirmed: state.confirmed },
      })
    }),
    http.get(TIP, ({ request }) => {
      count(request.url)
      return HttpResponse.text(String(state.tip))
    }),
    http.post(RPC, async ({ request }) => {
      const body = (await request.json()) as {
        method: string
        params: [{ toBlock: string }]
      }
      count(`${body.method} ${body.params[0]?.toBlock ?? ''}`)
      if (body.method === 'eth_blockNumber')
        return HttpResponse.json({
          jsonrpc: '2.0',
          id: 1,
          result: `0x${state.tip.toString(16)}`,
        })
      return HttpResponse.json({ jsonrpc: '2.0', id: 1, result: [] })
    }),
  )
  return state
}

const ask = (client: ReturnType<typeof setup>['client'], url: string) =>
  client.request({ url, responseType: 'json', schema: anyJson })

test('an as-of answer is reused within a run, asked again by the next, and the change keeps both', async () => {
  const state = chain()
  const store = createMemoryStore()
  const first = setup({ store })
  await ask(first.client, OUTSPENDS)
  await ask(first.client, OUTSPENDS)
  expect(state.hits.get(OUTSPENDS)).toBe(1)

  state.spent = true
  const second = setup({ store })
  const answer = await ask(second.client, OUTSPENDS)
  expect(answer).toMatchObject([{ spent: true }])
  expect(state.hits.get(OUTSPENDS)).toBe(2)
  const old = second.client.superseded?.() ?? []
  expect(old.map((r) => JSON.parse(r.body))).toEqual([[{ spent: false }]])

  // Unchanged on the third run: asked again, nothing superseded.
  const third = setup({ store })
  await ask(third.client, OUTSPENDS)
  expect(state.hits.get(OUTSPENDS)).toBe(3)
  expect(third.client.superseded?.()).toEqual([])

  // A replay of the store reproduces the last answer without asking.
  const replay = setup({ store, mode: 'replay' })
  await expect(ask(replay.client, OUTSPENDS)).resolves.toMatchObject([
    { spent: true },
  ])
  expect(state.hits.get(OUTSPENDS)).toBe(3)
})

test('a tx is reused by later runs only once the stored answer shows it confirmed', async () => {
  const state = chain()
  const store = createMemoryStore()
  await ask(setup({ store }).client, TX)
  await ask(setup({ store }).client, TX)
  expect(state.hits.get(TX)).toBe(2)
  state.confirmed = true
  await ask(setup({ store }).client, TX)
  await ask(setup({ store }).client, TX)
  expect(state.hits.get(TX)).toBe(3)
})

test('the tip is asked every run; a block range is reused once the tip puts it past finality', async () => {
  const state = chain()
  const store = createMemoryStore()
  const logs = (toBlock: number) => ({
    url: RPC,
    method: 'POST' as const,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_getLogs',
      params: [{ fromBlock: '0x1', toBlock: `0x${toBlock.toString(16)}` }],
    }),
    responseType: 'json' as const,
    schema: anyJson,
  })
  const tip = {
    url: RPC,
    method: 'POST' as const,
    body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}',
    responseType: 'json' as const,
    schema: anyJson,
  }
  const run = async () => {
    const { client } = setup({ store, finalityDepth: 10 })
    await client.request(tip)
    await client.request(logs(95))
  }
  await run()
  state.tip = 104
  await run()
  expect(state.hits.get('eth_getLogs 0x5f')).toBe(2)
  state.tip = 105
  await run()
  await run()
  expect(state.hits.get('eth_blockNumber ')).toBe(4)
  // Block 95 is final at tip 105 (depth 10): the stored range answers.
  expect(state.hits.get('eth_getLogs 0x5f')).toBe(2)
})
