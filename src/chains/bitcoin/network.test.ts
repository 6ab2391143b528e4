import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createSimpleHttp } from '../../../test/support/simple-http.js'
import { UsageError } from '../../core/errors.js'
import { ReplayMissError } from '../../sources/errors.js'
import type { HttpClient } from '../../sources/types.js'
import { createEsploraSource } from './esplora.js'
import { checkEsploraNetwork, MAINNET_GENESIS } from './network.js'

const BASE = 'https://esplora.test/api'
const seen: string[] = []
const server = setupServer()
server.events.on('request:start', ({ request }) => {
  seen.push(new URL(request.url).pathname)
})
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  seen.length = 0
})
afterAll(() => server.close())

/** GET /block-height/0 answers with `hash` as text/plain, as Esplora does. */
function serveGenesis(hash: string) {
  server.use(
    http.get(`${BASE}/block-height/:height`, ({ params }) =>
      params.height === '0'
        ? new HttpResponse(`${hash}\n`, {
            headers: { 'content-type': 'text/plain' },
          })
        : new HttpResponse('Block not found', { status: 404 }),
    ),
  )
}

const check = (http: HttpClient = createSimpleHttp()) =>
  checkEsploraNetwork(createEsploraSource({ baseUrl: BASE, http }), {
    shownUrl: BASE,
  })

describe('checkEsploraNetwork', () => {
  test('mainnet: passes with one request, no limitation', async () => {
    serveGenesis(MAINNET_GENESIS)
    expect(await check()).toBeUndefined()
    expect(seen).toEqual(['/api/block-height/0'])
  })

  // Bitcoin Core's chainparams: the genesis block of each network.
  test.each([
    [
      'testnet3',
      '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943',
      'Bitcoin testnet3',
    ],
    [
      'testnet4',
      '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043',
      'Bitcoin testnet4',
    ],
    [
      'signet',
      '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6',
      'Bitcoin signet',
    ],
    [
      'regtest',
      '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
      'Bitcoin regtest',
    ],
    [
      'a chain fundtrace does not know',
      'ab'.repeat(32),
      `an unknown network (genesis block ${'ab'.repeat(32)})`,
    ],
  ])('%s: exit 2, one line naming both networks', async (_, hash, name) => {
    serveGenesis(hash)
    const err = await check().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).exitCode).toBe(2)
    expect((err as UsageError).message).toBe(
      `${BASE} serves ${name}, not Bitcoin mainnet (--chain bitcoin)`,
    )
  })

  test('a genesis answer that is not a block hash is refused', async () => {
    serveGenesis('<html>not esplora</html>')
    await expect(check()).rejects.toThrow(/64-hex/)
  })

  test('replayed evidence without the answer: a limitation, not a failure', async () => {
    const replay = {
      ...createSimpleHttp(),
      request: (spec: { url: string }) =>
        Promise.reject(new ReplayMissError({ url: spec.url })),
    } as HttpClient
    expect(await check(replay)).toMatch(
      /^The network of https:\/\/esplora\.test\/api was not checked: this evidence holds no answer to GET \/block-height\/0/,
    )
  })
})
