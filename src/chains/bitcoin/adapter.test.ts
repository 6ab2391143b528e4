import { readdirSync } from 'node:fs'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  type EsploraFixtures,
  type FixtureTx,
  loadEsploraFixtures,
} from '../../../test/support/esplora-fixtures.js'
import { esploraHandlers } from '../../../test/support/esplora-server.js'
import { createSimpleHttp } from '../../../test/support/simple-http.js'
import { UsageError } from '../../core/errors.js'
import { NotFoundError } from '../../sources/errors.js'
import { StalledPagingError } from '../../sources/paging.js'
import { createBitcoinAdapter } from './adapter.js'
import { createEsploraSource } from './esplora.js'
import { IntegrityError } from './verify.js'

const root = new URL('../../../fixtures/esplora/', import.meta.url).pathname
const scenarios = readdirSync(root).sort()
const fixtures = new Map(
  scenarios.map((name) => [name, loadEsploraFixtures(`${root}${name}`)]),
)
const baseOf = (name: string) => `https://${name}.esplora.test/api`
const server = setupServer(
  ...scenarios.flatMap((name) =>
    esploraHandlers(fixtures.get(name)!, baseOf(name)),
  ),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const adapterFor = (name: string) =>
  createBitcoinAdapter({
    esplora: createEsploraSource({
      baseUrl: baseOf(name),
      http: createSimpleHttp(),
    }),
  })
const caseOf = (name: string) =>
  fixtures.get(name)!.case as { seedTxid: string; victims: string[] }
type RawOut = { scriptpubkey_address?: string; value: number }
type RawTx = FixtureTx & {
  fee: number
  vin: { prevout?: RawOut | null; is_coinbase: boolean }[]
  vout: RawOut[]
}

describe.each(scenarios)('scenario %s', (name) => {
  const f = fixtures.get(name)!
  const adapter = adapterFor(name)

  test.each([...f.txs.keys()])(
    'getTx %s: verified, bigint, fee reconciles',
    async (txid) => {
      const raw = f.txs.get(txid) as RawTx
      const tx = await adapter.getTx(txid)
      expect(tx.txid).toBe(txid)
      expect(tx.fee).toBe(BigInt(raw.fee))
      expect(tx.outputs.map((o) => o.value)).toEqual(
        raw.vout.map((o) => BigInt(o.value)),
      )
      expect(tx.outputs.map((o) => o.address)).toEqual(
        raw.vout.map((o) => o.scriptpubkey_address ?? null),
      )
      expect(tx.outputs.map((o) => o.index)).toEqual(raw.vout.map((_, i) => i))
      expect(tx.inputs.map((i) => i.address)).toEqual(
        raw.vin.map((v) => v.prevout?.scriptpubkey_address ?? null),
      )
      // A coinbase spends nothing and pays no fee; any other tx pays its
      // inputs less its outputs.
      const inSum = tx.inputs.reduce((a, i) => a + i.value, 0n)
      const outSum = tx.outputs.reduce((a, o) => a + o.value, 0n)
      expect(tx.fee).toBe(tx.inputs[0]!.coinbase ? 0n : inSum - outSum)
      if (raw.status.confirmed)
        expect(tx.block?.height).toBe(raw.status.block_height)
      else expect(tx.block).toBeNull()
    },
  )

  test.each([...f.txs.keys()])(
    'getOutspends %s: one per output',
    async (txid) => {
      const spends = await adapter.getOutspends(txid)
      expect(spends).toHaveLength(f.txs.get(txid)!.vout.length)
      for (const spend of spends) {
        if (!spend.spent) continue
        // Every recorded spender is in the fixture and really spends this output.
        const spender = await adapter.getTx(spend.txid)
        expect(spender.inputs[spend.vin]?.txid).toBe(txid)
      }
    },
  )

  test('getTipHeight is the recorded tip', async () => {
    expect(await adapter.getTipHeight()).toBe(f.tipHeight)
  })

  test('the seed tx exists and is confirmed', async () => {
    const seed = await adapter.getTx(caseOf(name).seedTxid)
    expect(seed.block).not.toBeNull()
  })
})

describe('satoshi-hal: real P2PK chain', () => {
  const adapter = adapterFor('satoshi-hal')
  const SEED =
    'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'

  test('P2PK outputs and inputs have address null', async () => {
    const tx = await adapter.getTx(SEED)
    expect(tx.outputs).toEqual([
      expect.objectContaining({
        address: null,
        value: 1_000_000_000n,
        scriptType: 'p2pk',
      }),
      expect.objectContaining({
        address: null,
        value: 4_000_000_000n,
        scriptType: 'p2pk',
      }),
    ])
    expect(tx.inputs).toEqual([
      {
        txid: '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9',
        vout: 0,
        address: null,
        value: 5_000_000_000n,
        coinbase: false,
        // Satoshi's P2PK key: address-less change is matched by script.
        script:
          '410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac',
      },
    ])
    expect(tx.fee).toBe(0n)
    expect(tx.block).toEqual({
      height: 170,
      time: 1231731025,
      hash: '00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee',
    })
  })

  test('the block 9 coinbase input', async () => {
    const tx = await adapter.getTx(
      '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9',
    )
    expect(tx.inputs[0]).toMatchObject({
      coinbase: true,
      address: null,
      value: 0n,
    })
  })

  test('getOutspends maps status to a block ref', async () => {
    expect(await adapter.getOutspends(SEED)).toEqual([
      { spent: false },
      {
        spent: true,
        txid: 'a16f3ce4dd5deb92d98ef5cf8afeaf0775ebca408f708b2146c4fb42b41e14be',
        vin: 0,
        block: {
          height: 181,
          time: 1231740133,
          hash: '00000000dc55860c8a29c58d45209318fa9e9dc2c1833a7226d86bc465afc6e5',
        },
      },
    ])
  })

  test('an unknown tx is a NotFoundError', async () => {
    await expect(adapter.getTx('11'.repeat(32))).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })
})

describe('coinjoin-stop: an unconfirmed spender', () => {
  test('outspend and tx of a mempool tx have block null', async () => {
    const adapter = adapterFor('coinjoin-stop')
    const f = fixtures.get('coinjoin-stop')!
    const cj = [...f.txs.values()].find((t) => !t.status.confirmed)!
    const spends = await Promise.all(
      [...f.txs.keys()].map((id) => adapter.getOutspends(id)),
    )
    const toCj = spends.flat().filter((s) => s.spent && s.txid === cj.txid)
    expect(toCj).toEqual([{ spent: true, txid: cj.txid, vin: 0, block: null }])
    expect((await adapter.getTx(cj.txid)).block).toBeNull()
  })
})

describe('getAddressTxids', () => {
  test('peel-chain victim: funding then theft, oldest first; since filters', async () => {
    const adapter = adapterFor('peel-chain')
    const { victims, seedTxid } = caseOf('peel-chain')
    const f = fixtures.get('peel-chain')!
    const ids = await adapter.getAddressTxids(victims[0]!)
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(seedTxid)
    const seedTime = f.txs.get(seedTxid)!.status as { block_time: number }
    expect(seedTime.block_time).toBeGreaterThan(0)
    expect(
      await adapter.getAddressTxids(victims[0]!, {
        since: seedTime.block_time,
      }),
    ).toEqual([seedTxid])
    expect(
      await adapter.getAddressTxids(victims[0]!, {
        since: seedTime.block_time + 1,
      }),
    ).toEqual([])
  })

  test('pages 25 at a time by path and stops at `since`', async () => {
    const address = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
    const txs = new Map<string, FixtureTx>()
    for (let i = 0; i < 60; i++) {
      const txid = i.toString(16).padStart(64, '0')
      txs.set(txid, {
        txid,
        version: 2,
        locktime: 0,
        fee: 0,
        vin: [
          { txid: 'ff'.repeat(32), vout: 0, is_coinbase: false, prevout: null },
        ],
        vout: [
          {
            scriptpubkey: '00',
            scriptpubkey_type: 'unknown',
            scriptpubkey_address: address,
            value: 1,
          },
        ],
        status: {
          confirmed: true,
          block_height: 100 + i,
          block_hash: null,
          block_time: 1_000 + i,
        },
      })
    }
    const confirmed = [...txs.keys()]
    // Two unconfirmed: a theft minutes old is still in the mempool.
    for (const txid of ['aa'.repeat(32), 'ab'.repeat(32)]) {
      const first = txs.get(confirmed[0] as string) as FixtureTx
      txs.set(txid, { ...first, txid, status: { confirmed: false } })
    }
    const synthetic: EsploraFixtures = {
      txs,
      hex: new Map(),
      outspends: new Map(),
      tipHeight: 200,
      labelsCsv: '',
      case: undefined,
    }
    const base = 'https://paging.esplora.test/api'
    server.use(...esploraHandlers(synthetic, base))
    const client = createSimpleHttp()
    const adapter = createBitcoinAdapter({
      esplora: createEsploraSource({ baseUrl: base, http: client }),
    })
    const all = await adapter.getAddressTxids(address)
    expect(all).toEqual([...confirmed, 'aa'.repeat(32), 'ab'.repeat(32)])
    expect(client.requests()).toEqual([
      `${base}/address/${address}/txs/chain`,
      `${base}/address/${address}/txs/chain/${(35).toString(16).padStart(64, '0')}`,
      `${base}/address/${address}/txs/chain/${(10).toString(16).padStart(64, '0')}`,
      `${base}/address/${address}/txs/mempool`,
    ])
    const recent = await adapter.getAddressTxids(address, { since: 1_050 })
    expect(recent).toEqual([
      ...confirmed.slice(50),
      'aa'.repeat(32),
      'ab'.repeat(32),
    ])
    // A server without the mempool endpoint (404) has only confirmed history.
    server.use(
      http.get(`${base}/address/:a/txs/mempool`, () =>
        HttpResponse.text('Not Found', { status: 404 }),
      ),
    )
    const fresh = createBitcoinAdapter({
      esplora: createEsploraSource({ baseUrl: base, http: createSimpleHttp() }),
    })
    expect(await fresh.getAddressTxids(address)).toEqual(confirmed)
  })

  test('a stalled pager (same page again) is an error naming the address', async () => {
    const address = '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH'
    const f = fixtures.get('satoshi-hal')!
    const page = Array.from({ length: 25 }, () =>
      f.txs.get(caseOf('satoshi-hal').seedTxid),
    )
    server.use(
      http.get(
        'https://satoshi-hal.esplora.test/api/address/:a/txs/chain',
        () => HttpResponse.json(page),
      ),
      http.get(
        'https://satoshi-hal.esplora.test/api/address/:a/txs/chain/:last',
        () => HttpResponse.json(page),
      ),
    )
    const err = await adapterFor('satoshi-hal')
      .getAddressTxids(address)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StalledPagingError)
    expect((err as StalledPagingError).address).toBe(address)
    expect((err as StalledPagingError).shortMessage).toBe(
      `paging stalled reading the history of ${address} from Esplora: the page after ${caseOf('satoshi-hal').seedTxid} holds only txs already read`,
    )
  })
})

describe('integrity checks beyond the hex', () => {
  const name = 'merge-outside'
  const f = fixtures.get(name)!
  const seed = caseOf(name).seedTxid
  const raw = f.txs.get(seed) as RawTx
  const serve = (json: object) =>
    server.use(
      http.get(`${baseOf(name)}/tx/${seed}`, () => HttpResponse.json(json)),
    )

  test('a tampered output value', async () => {
    serve({
      ...raw,
      vout: raw.vout.map((o, i) =>
        i === 0 ? { ...o, value: o.value + 1000 } : o,
      ),
    })
    await expect(adapterFor(name).getTx(seed)).rejects.toThrow(/output 0 value/)
  })

  test('a fee that does not match inputs − outputs', async () => {
    serve({ ...raw, fee: raw.fee + 1 })
    const err = await adapterFor(name)
      .getTx(seed)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(IntegrityError)
    expect((err as IntegrityError).metaMessages[0]).toBe(
      `fee ${raw.fee + 1} but inputs − outputs = ${raw.fee}`,
    )
  })

  test('a tampered prevout value (not in the hex) is caught by the fee check', async () => {
    serve({
      ...raw,
      vin: raw.vin.map((v) => ({
        ...v,
        prevout: { ...v.prevout!, value: v.prevout!.value + 5 },
      })),
    })
    await expect(adapterFor(name).getTx(seed)).rejects.toBeInstanceOf(
      IntegrityError,
    )
  })

  test('an address that does not match its script', async () => {
    serve({
      ...raw,
      vout: raw.vout.map((o, i) =>
        i === 0
          ? { ...o, scriptpubkey_address: '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH' }
          : o,
      ),
    })
    await expect(adapterFor(name).getTx(seed)).rejects.toThrow(
      'failed verification against its raw hex',
    )
  })

  test('a non-coinbase input without prevout', async () => {
    serve({ ...raw, vin: raw.vin.map((v) => ({ ...v, prevout: null })) })
    await expect(adapterFor(name).getTx(seed)).rejects.toBeInstanceOf(
      IntegrityError,
    )
  })
})

describe('adapter surface', () => {
  const adapter = adapterFor('peel-chain')

  test('identity, asset and explorer links', () => {
    expect(adapter.model).toBe('utxo')
    expect(adapter.chain).toBe('bitcoin')
    expect(adapter.asset).toEqual({
      chain: 'bitcoin',
      symbol: 'BTC',
      decimals: 8,
    })
    expect(adapter.explorer.tx('ab')).toBe('https://mempool.space/tx/ab')
    expect(adapter.explorer.address('bc1q')).toBe(
      'https://mempool.space/address/bc1q',
    )
    const custom = createBitcoinAdapter({
      esplora: createEsploraSource({
        baseUrl: 'https://x.test',
        http: createSimpleHttp(),
      }),
      explorerBaseUrl: 'https://blockstream.info/',
    })
    expect(custom.explorer.tx('ab')).toBe('https://blockstream.info/tx/ab')
  })

  test('parseAddress and parseTxid normalise and reject', () => {
    expect(
      adapter.parseAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'),
    ).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')
    expect(() =>
      adapter.parseAddress('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r'),
    ).toThrow('is a testnet address; this trace is on bitcoin mainnet')
    expect(adapter.parseTxid('AB'.repeat(32))).toBe('ab'.repeat(32))
    expect(() => adapter.parseTxid('xyz')).toThrow(UsageError)
  })

  test('getTx rejects a malformed txid before any request', async () => {
    await expect(adapter.getTx('nope')).rejects.toBeInstanceOf(UsageError)
  })
})
