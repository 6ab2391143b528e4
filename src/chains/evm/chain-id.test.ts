import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { UsageError } from '../../core/errors.js'
import { createMemoryStore } from '../../evidence/memoryStore.js'
import { createHttpClient } from '../../sources/http.js'
import {
  checkExplorerChainId,
  checkRpcChainIds,
  parseChainId,
} from './chain-id.js'
import { resolveEvmChain } from './chains.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A node at `url` answering eth_chainId with `answer` (a result or an error body); counts calls. */
function node(url: string, answer: object) {
  const calls: string[] = []
  server.use(
    http.post(url, async ({ request }) => {
      const body = (await request.json()) as { id: number; method: string }
      calls.push(body.method)
      return HttpResponse.json({ jsonrpc: '2.0', id: body.id, ...answer })
    }),
  )
  return calls
}

const A = 'http://node-a.test/v2/SECRETKEY'
const B = 'http://node-b.test/'

describe('checkRpcChainIds: the node must serve the chain --chain names', () => {
  it.each([
    ['ethereum', { result: '0x1' }, null],
    ['bsc', { result: '0x38' }, null],
    ['hardhat', { result: '0x7a69' }, null],
    [
      'ethereum',
      { result: '0x7a69' },
      'serves chain 31337 (hardhat), but --chain says chain 1 (ethereum)',
    ],
    [
      'ethereum',
      { result: '0x38' },
      'serves chain 56 (bsc), but --chain says chain 1 (ethereum)',
    ],
    [
      'polygon',
      { result: '0x1' },
      'serves chain 1 (ethereum), but --chain says chain 137 (polygon)',
    ],
    ['ethereum', { result: 'one' }, 'gave no valid chain id'],
    ['ethereum', { result: null }, 'gave no valid chain id'],
  ])('--chain %s, node answers %j', async (chain, answer, error) => {
    const calls = node(A, answer)
    const check = checkRpcChainIds({
      http: createHttpClient({ retries: 0 }),
      urls: [A],
      chain: resolveEvmChain(chain),
    })
    if (error === null) {
      await expect(check).resolves.toEqual([])
    } else {
      const err = await check.catch((e: unknown) => e)
      expect(err).toBeInstanceOf(UsageError)
      expect((err as Error).message).toContain(error)
      // The host only: the key in the path never reaches a message.
      expect((err as Error).message).toContain('http://node-a.test/…')
      expect((err as Error).message).not.toContain('SECRETKEY')
    }
    expect(calls).toEqual(['eth_chainId'])
  })

  it('asks each URL once, and the second of two can be the wrong one', async () => {
    const a = node(A, { result: '0x1' })
    const b = node(B, { result: '0x89' })
    const err = await checkRpcChainIds({
      http: createHttpClient({ retries: 0 }),
      urls: [A, B, A],
      chain: resolveEvmChain('ethereum'),
    }).catch((e: unknown) => e)
    expect((err as Error).message).toContain(
      '--rpc-url http://node-b.test serves chain 137 (polygon)',
    )
    expect([a.length, b.length]).toEqual([1, 1])
  })

  it('a node named for a chain the trace crossed to: the refusal names the flag so, and --chain is no way out', async () => {
    node(A, { result: '0x7a69' })
    const err = await checkRpcChainIds({
      http: createHttpClient({ retries: 0 }),
      urls: [A],
      chain: resolveEvmChain('ethereum'),
      named: true,
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect((err as Error).message).toBe(
      '--rpc-url ethereum=http://node-a.test/… serves chain 31337 (hardhat), not chain 1 (ethereum): give ethereum= a source of ethereum',
    )
  })

  it('a node without eth_chainId is a limitation, not a failure', async () => {
    node(A, { error: { code: -32601, message: 'method not found' } })
    const notes = await checkRpcChainIds({
      http: createHttpClient({ retries: 0 }),
      urls: [A],
      chain: resolveEvmChain('ethereum'),
    })
    expect(notes).toEqual([
      "http://node-a.test/… does not answer eth_chainId: the node's chain was not verified",
    ])
  })

  it('replay: the recorded answer is checked; a bundle without one says so', async () => {
    const store = createMemoryStore()
    node(A, { result: '0x7a69' })
    const recorded = createHttpClient({ store, retries: 0 })
    const chain = resolveEvmChain('ethereum')
    await expect(
      checkRpcChainIds({ http: recorded, urls: [A], chain }),
    ).rejects.toThrow('serves chain 31337')
    server.resetHandlers()
    const replay = createHttpClient({ store, mode: 'replay' })
    await expect(
      checkRpcChainIds({ http: replay, urls: [A], chain }),
    ).rejects.toThrow('serves chain 31337')
    const empty = createHttpClient({
      store: createMemoryStore(),
      mode: 'replay',
    })
    await expect(
      checkRpcChainIds({ http: empty, urls: [A], chain }),
    ).resolves.toEqual([
      "the replayed evidence holds no eth_chainId answer from http://node-a.test/… (recorded before fundtrace checked it): the node's chain was not verified",
    ])
  })
})

describe('checkExplorerChainId: a Blockscout instance serves one chain', () => {
  const API = 'https://eth.blockscout.test/api'
  it.each([
    ['ethereum', { result: '0x1' }, null],
    [
      'ethereum',
      { result: '0x64' },
      '--explorer-url https://eth.blockscout.test serves chain 100 (gnosis), but --chain says chain 1 (ethereum)',
    ],
  ])('--chain %s, /eth-rpc answers %j', async (chain, answer, error) => {
    const calls = node(`${API}/eth-rpc`, answer)
    const check = checkExplorerChainId({
      http: createHttpClient({ retries: 0 }),
      explorerUrl: API,
      chain: resolveEvmChain(chain),
    })
    if (error === null) await expect(check).resolves.toEqual([])
    else await expect(check).rejects.toThrow(error)
    expect(calls).toEqual(['eth_chainId'])
  })

  it('an instance without /eth-rpc is a limitation, never a failure', async () => {
    server.use(
      http.post(
        `${API}/eth-rpc`,
        () => new HttpResponse(null, { status: 404 }),
      ),
    )
    await expect(
      checkExplorerChainId({
        http: createHttpClient({ retries: 0 }),
        explorerUrl: API,
        chain: resolveEvmChain('ethereum'),
      }),
    ).resolves.toEqual([
      'the explorer https://eth.blockscout.test did not tell its chain (eth_chainId at /eth-rpc): it was not verified',
    ])
  })
})

describe('parseChainId', () => {
  it.each([
    ['0x1', 1],
    ['0x7A69', 31337],
    ['1', null],
    ['0x', null],
    [1, null],
    ['0xffffffffffffffffffff', null],
  ])('%j → %j', (input, want) => {
    expect(parseChainId(input)).toBe(want)
  })
})
