import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { collect } from '../../../test/support/collect.js'
import { createMemoryStore } from '../../evidence/memoryStore.js'
import { ResponseValidationError } from '../../sources/errors.js'
import { createHttpClient } from '../../sources/http.js'
import {
  createJsonRpcSend,
  isDeterministicRpcError,
  JsonRpcError,
} from './jsonrpc.js'

describe('isDeterministicRpcError', () => {
  it.each([
    [
      -32601,
      'the method trace_transaction does not exist/is not available',
      true,
    ],
    [-32602, 'invalid argument 0: hex string has length 2', true],
    [-32000, 'tracer not found', true],
    [-32000, 'execution reverted', true],
    [3, 'execution reverted: ERC20: paused', true],
    [-32005, 'query returned more than 10000 results', true],
    [
      -32602,
      'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range',
      true,
    ],
    [-32005, 'limit exceeded', false],
    [
      -32005,
      'Your app has exceeded its compute units per second capacity',
      false,
    ],
    [-32603, 'internal error', false],
    [-32000, 'header not found', false],
    [-32000, 'request timed out', false],
    [429, 'Too Many Requests', false],
  ])('%i %s → %s', (code, message, want) => {
    expect(isDeterministicRpcError({ code, message })).toBe(want)
  })
})

const URL_ = 'http://node.test/'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function node(answer: (method: string, call: number) => unknown) {
  let calls = 0
  server.use(
    http.post(URL_, async ({ request }) => {
      const body = (await request.json()) as { id: number; method: string }
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: body.id,
        ...(answer(body.method, ++calls) as object),
      })
    }),
  )
  return () => calls
}

describe('createJsonRpcSend', () => {
  const client = () => {
    const store = createMemoryStore()
    const http = createHttpClient({ store, sleep: async () => {}, retries: 2 })
    return { http, send: createJsonRpcSend(http, URL_) }
  }

  it('stores results and deterministic errors, replays both', async () => {
    const calls = node((method) =>
      method === 'eth_blockNumber'
        ? { result: '0x10' }
        : { error: { code: -32601, message: 'method not found' } },
    )
    const { http, send } = client()
    expect(await send('eth_blockNumber', [])).toBe('0x10')
    await expect(send('trace_filter', [{}])).rejects.toBeInstanceOf(
      JsonRpcError,
    )
    await expect(send('trace_filter', [{}])).rejects.toMatchObject({
      code: -32601,
    })
    expect(calls()).toBe(2)
    expect(
      (await collect(http.evidence())).map(
        (r) => JSON.parse(r.requestBody ?? '').method,
      ),
    ).toEqual(['eth_blockNumber', 'trace_filter'])
  })

  it('retries a transient error, never stores it, and surfaces its code', async () => {
    const calls = node(() => ({
      error: { code: -32005, message: 'limit exceeded' },
    }))
    const { http, send } = client()
    await expect(send('eth_getLogs', [{}])).rejects.toMatchObject({
      code: -32005,
      name: 'JsonRpcError',
    })
    expect(calls()).toBe(3)
    expect(http.touched().size).toBe(0)
  })

  it('a 200 that is not JSON-RPC (a gateway rate limit with a "result") is retried, never an answer', async () => {
    let calls = 0
    server.use(
      http.post(URL_, () =>
        HttpResponse.json(
          ++calls < 3
            ? {
                status: '0',
                message: 'NOTOK',
                result: 'Max rate limit reached',
              }
            : { jsonrpc: '2.0', id: 1, result: '0x10' },
        ),
      ),
    )
    const { http: kept, send } = client()
    expect(await send('eth_blockNumber', [])).toBe('0x10')
    expect(calls).toBe(3)
    expect((await collect(kept.evidence())).map((r) => r.body)).toEqual([
      '{"jsonrpc":"2.0","id":1,"result":"0x10"}',
    ])
    calls = -10
    await expect(send('eth_chainId', [])).rejects.toBeInstanceOf(
      ResponseValidationError,
    )
  })

  it('a transient error that clears is an answer', async () => {
    node((_m, n) =>
      n === 1
        ? { error: { code: -32603, message: 'internal error' } }
        : { result: null },
    )
    const { send } = client()
    expect(await send('eth_getTransactionByHash', ['0x00'])).toBeNull()
  })
})
