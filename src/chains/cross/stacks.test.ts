import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { UsageError } from '../../core/errors.js'
import { createHttpClient } from '../../sources/http.js'
import { resolveChain } from '../index.js'
import { createChainStack } from './stacks.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const NODE = 'http://node.test/'
const RECIPIENT = '0x2000000000000000000000000000000000000002'

/** A node serving chain `chainId` with an empty history; logs the methods asked. */
function node(chainId: string) {
  const calls: string[] = []
  server.use(
    http.post(NODE, async ({ request }) => {
      const body = (await request.json()) as { id: number; method: string }
      calls.push(body.method)
      const result =
        body.method === 'eth_chainId'
          ? chainId
          : body.method === 'eth_blockNumber'
            ? '0x10'
            : []
      return HttpResponse.json({ jsonrpc: '2.0', id: body.id, result })
    }),
  )
  return calls
}

function findOutbound(named: boolean) {
  const stack = createChainStack(
    resolveChain('ethereum'),
    {
      http: createHttpClient({ retries: 0 }),
      rpcUrls: [NODE],
      explorer: false,
    },
    named,
  )
  return stack.reader.findOutbound({
    inboundHash: 'ab'.repeat(32),
    recipient: RECIPIENT,
    after: 0,
    windowSeconds: 86_400,
  })
}

describe('a chain the trace crossed to: its node serves the chain it was named for', () => {
  it('a node of another chain is refused before any look-up on it (exit 2, not a pending swap)', async () => {
    const calls = node('0x7a69')
    const err = await findOutbound(true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect((err as Error).message).toBe(
      '--rpc-url ethereum=http://node.test serves chain 31337 (hardhat), not chain 1 (ethereum): give ethereum= a source of ethereum',
    )
    expect(calls).toEqual(['eth_chainId'])
  })

  it.each([
    ['named and right: asked first, then the look-up runs', true, '0x1', 0],
    [
      'the seed chain: its walk checked the node, not asked again',
      false,
      '0x7a69',
      -1,
    ],
  ])('%s', async (_, named, chainId, at) => {
    const calls = node(chainId)
    await expect(findOutbound(named)).resolves.toBeNull()
    expect(calls.indexOf('eth_chainId')).toBe(at)
    expect(calls.lastIndexOf('eth_chainId')).toBe(at)
    expect(calls.length).toBeGreaterThan(at + 1)
  })
})
