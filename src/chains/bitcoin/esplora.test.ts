import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { loadEsploraFixtures } from '../../../test/support/esplora-fixtures.js'
import { esploraHandlers } from '../../../test/support/esplora-server.js'
import { createSimpleHttp } from '../../../test/support/simple-http.js'
import { NotFoundError } from '../../sources/errors.js'
import { createEsploraSource } from './esplora.js'
import {
  esploraOutspendsSchema,
  esploraTipHeightSchema,
  esploraTxHexSchema,
  esploraTxSchema,
} from './esplora.schema.js'

const BASE = 'https://esplora.test/api'
const fixtures = loadEsploraFixtures(
  new URL('../../../fixtures/esplora/satoshi-hal', import.meta.url).pathname,
)
const SEED = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'
const seen: string[] = []
const server = setupServer(...esploraHandlers(fixtures, BASE))
server.events.on('request:start', ({ request }) => {
  seen.push(request.url)
})
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  seen.length = 0
})
afterAll(() => server.close())

const source = (baseUrl = BASE) =>
  createEsploraSource({ baseUrl, http: createSimpleHttp() })

describe('createEsploraSource', () => {
  test('GET /tx/:txid, trailing slash on the base URL removed', async () => {
    const esplora = source(`${BASE}/`)
    expect(esplora.baseUrl).toBe(BASE)
    const tx = await esplora.getTx(SEED)
    expect(tx.txid).toBe(SEED)
    expect(tx.vout.map((o) => o.value)).toEqual([1_000_000_000, 4_000_000_000])
    expect(seen).toEqual([`${BASE}/tx/${SEED}`])
  })

  test('GET /tx/:txid/hex returns the trimmed text', async () => {
    const hex = await source().getTxHex(SEED)
    expect(hex).toBe(fixtures.hex.get(SEED))
    expect(hex).toMatch(/^0100000001c997a5e5/)
  })

  test('GET /tx/:txid/outspends: one entry per output', async () => {
    const spends = await source().getOutspends(SEED)
    expect(spends).toEqual([
      { spent: false },
      {
        spent: true,
        txid: 'a16f3ce4dd5deb92d98ef5cf8afeaf0775ebca408f708b2146c4fb42b41e14be',
        vin: 0,
        status: expect.objectContaining({ block_height: 181 }),
      },
    ])
  })

  test('GET /blocks/tip/height → number', async () => {
    expect(await source().getTipHeight()).toBe(255)
  })

  test('an unknown txid is a NotFoundError', async () => {
    await expect(source().getTx('00'.repeat(32))).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('address paging uses the path form, not ?after_txid', async () => {
    const last = 'ab'.repeat(32)
    server.use(
      http.get(`${BASE}/address/:a/txs/chain/:last`, () =>
        HttpResponse.json([]),
      ),
    )
    const esplora = source()
    await esplora.getAddressTxsChain('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH')
    await esplora.getAddressTxsChain('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH', last)
    expect(seen).toEqual([
      `${BASE}/address/1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH/txs/chain`,
      `${BASE}/address/1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH/txs/chain/${last}`,
    ])
  })

  test('passes the abort signal through', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      source().getTx(SEED, { signal: controller.signal }),
    ).rejects.toThrow(/abort/i)
  })
})

const seedJson = fixtures.txs.get(SEED) as Record<string, unknown> & {
  vin: Record<string, unknown>[]
  vout: Record<string, unknown>[]
}

describe('esploraTxSchema: real Esplora shapes', () => {
  test.each<[string, unknown]>([
    ['confirmed (Satoshi → Hal)', seedJson],
    [
      'unconfirmed, block_* absent (mempool/electrs)',
      { ...seedJson, status: { confirmed: false } },
    ],
    [
      'unconfirmed, block_* null (Blockstream API.md)',
      {
        ...seedJson,
        status: {
          confirmed: false,
          block_height: null,
          block_hash: null,
          block_time: null,
        },
      },
    ],
    [
      'coinbase with prevout null',
      fixtures.txs.get(
        '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9',
      ),
    ],
    [
      'unknown fields (sigops, asm, inner scripts)',
      { ...seedJson, sigops: 4, extra: { a: 1 } },
    ],
    [
      'an output with an address',
      {
        ...seedJson,
        vout: [
          {
            scriptpubkey: '0014751e76e8199196d454941c45d1b3a323f1433bd6',
            scriptpubkey_type: 'v0_p2wpkh',
            scriptpubkey_address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
            value: 1,
          },
        ],
      },
    ],
  ])('accepts %s', (_, value) => {
    expect(esploraTxSchema.safeParse(value).success).toBe(true)
  })

  const out0 = seedJson.vout[0]!
  test.each<[string, unknown]>([
    [
      'a fractional value (BTC, not sats)',
      { ...seedJson, vout: [{ ...out0, value: 10.5 }] },
    ],
    ['a string value', { ...seedJson, vout: [{ ...out0, value: '1000' }] }],
    ['a negative value', { ...seedJson, vout: [{ ...out0, value: -1 }] }],
    ['no fee', { ...seedJson, fee: undefined }],
    ['a short txid', { ...seedJson, txid: 'f4184fc5' }],
    ['no inputs', { ...seedJson, vin: [] }],
    ['an HTML error page', '<html>429 Too Many Requests</html>'],
  ])('rejects %s', (_, value) => {
    expect(esploraTxSchema.safeParse(value).success).toBe(false)
  })
})

describe('other Esplora schemas', () => {
  test('outspends: spent and unspent entries, unconfirmed spend', () => {
    const parsed = esploraOutspendsSchema.parse([
      { spent: false },
      { spent: true, txid: SEED, vin: 1, status: { confirmed: false } },
    ])
    expect(parsed[1]).toMatchObject({ spent: true, vin: 1 })
    expect(
      esploraOutspendsSchema.safeParse([{ spent: true, vin: 0 }]).success,
    ).toBe(false)
  })

  test.each([
    ['903512', 903512],
    ['903512\n', 903512],
  ])('tip height %j', (text, height) => {
    expect(esploraTipHeightSchema.parse(text)).toBe(height)
  })

  test.each(['', 'abc', '-1', '1.5', '{"height":1}'])(
    'tip height rejects %j',
    (text) => {
      expect(esploraTipHeightSchema.safeParse(text).success).toBe(false)
    },
  )

  test('hex: trimmed and lowercased; odd length or non-hex rejected', () => {
    expect(esploraTxHexSchema.parse('0A0b\n')).toBe('0a0b')
    expect(esploraTxHexSchema.safeParse('abc').success).toBe(false)
    expect(esploraTxHexSchema.safeParse('zz').success).toBe(false)
    expect(esploraTxHexSchema.safeParse('').success).toBe(false)
  })
})
