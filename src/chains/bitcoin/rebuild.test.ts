import { readdirSync } from 'node:fs'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { loadEsploraFixtures } from '../../../test/support/esplora-fixtures.js'
import { esploraRoute } from '../../../test/support/esplora-server.js'
import { createMemoryStore } from '../../evidence/memoryStore.js'
import { createHttpClient } from '../../sources/http.js'
import { createBitcoinAdapter } from './adapter.js'
import { createEsploraSource } from './esplora.js'
import { type EsploraTx, esploraTxSchema } from './esplora.schema.js'
import { jsonHashesToTxid, rebuildTx } from './rebuild.js'

// Real mainnet txs (P2PK, a coinbase, P2PKH) and genuine segwit, P2SH and
// taproot ones: fixtures/README.md gives each scenario's provenance.
const root = new URL('../../../fixtures/esplora/', import.meta.url).pathname
const scenarios = readdirSync(root).sort()
const txs = scenarios.flatMap((name) => {
  const f = loadEsploraFixtures(`${root}${name}`)
  return [...f.txs.keys()].map((txid) => ({
    name,
    txid,
    json: esploraTxSchema.parse(f.txs.get(txid)),
    hex: f.hex.get(txid)!,
  }))
})

describe('rebuildTx: the JSON rebuilds the exact raw bytes', () => {
  test.each(txs)('$name $txid', ({ txid, json, hex }) => {
    expect(rebuildTx(json)?.toHex()).toBe(hex)
    expect(jsonHashesToTxid(txid, json)).toBe(true)
  })

  test('the fixtures cover coinbase, P2PK, witness and taproot', () => {
    const types = new Set(
      txs.flatMap(({ json }) => json.vout.map((o) => o.scriptpubkey_type)),
    )
    expect([...types]).toEqual(
      expect.arrayContaining(['p2pk', 'p2pkh', 'p2sh', 'v0_p2wpkh', 'v1_p2tr']),
    )
    expect(txs.some(({ json }) => json.vin[0]?.is_coinbase)).toBe(true)
    expect(
      txs.some(({ json }) => json.vin.some((i) => i.witness?.length)),
    ).toBe(true)
  })
})

const segwit = txs.find(({ json }) => json.vin[0]?.witness?.length)!
const edit = (change: (tx: EsploraTx) => void): EsploraTx => {
  const copy = structuredClone(segwit.json)
  change(copy)
  return copy
}

describe('jsonHashesToTxid: any field that lies breaks the hash', () => {
  test.each([
    ['version', edit((tx) => (tx.version += 1))],
    ['locktime', edit((tx) => (tx.locktime += 1))],
    ['sequence', edit((tx) => (tx.vin[0]!.sequence! -= 1))],
    ['outpoint', edit((tx) => (tx.vin[0]!.vout += 1))],
    ['scriptsig', edit((tx) => (tx.vin[0]!.scriptsig = '51'))],
    ['output value', edit((tx) => (tx.vout[0]!.value += 1))],
    ['output script', edit((tx) => (tx.vout[0]!.scriptpubkey = '6a'))],
    ['claimed txid', edit((tx) => (tx.txid = '00'.repeat(32)))],
  ])('%s', (_, json) => {
    expect(jsonHashesToTxid(segwit.txid, json)).toBe(false)
  })

  test('the witness is outside the txid (BIP 141): nothing traced is read from it', () => {
    const json = edit((tx) => tx.vin[0]!.witness!.pop())
    expect(jsonHashesToTxid(segwit.txid, json)).toBe(true)
  })

  test('JSON without scriptsig or sequence cannot be rebuilt', () => {
    expect(rebuildTx(edit((tx) => delete tx.vin[0]!.scriptsig))).toBeUndefined()
    expect(rebuildTx(edit((tx) => delete tx.vin[0]!.sequence))).toBeUndefined()
  })
})

const base = 'https://rebuild.esplora.test/api'
const fixtures = loadEsploraFixtures(`${root}${segwit.name}`)
const seen: string[] = []
const server = setupServer(
  http.get(`${base}/*`, ({ request }) => {
    const path = new URL(request.url).pathname.slice('/api'.length)
    seen.push(path)
    const answer = esploraRoute(fixtures, path)
    return new HttpResponse(answer.body, {
      status: answer.status,
      headers: { 'content-type': answer.contentType },
    })
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  seen.length = 0
})
afterAll(() => server.close())

describe('getTx asks once', () => {
  test('the JSON alone: no /hex request', async () => {
    const esplora = createEsploraSource({
      baseUrl: base,
      http: createHttpClient(),
    })
    const tx = await createBitcoinAdapter({ esplora }).getTx(segwit.txid)
    expect(tx.txid).toBe(segwit.txid)
    expect(seen).toEqual([`/tx/${segwit.txid}`])
  })

  test('replaying evidence that holds only the raw hex and JSON the old way', async () => {
    // Record the old pattern (JSON + hex), then keep only what it stored.
    const store = createMemoryStore()
    const recorder = createEsploraSource({
      baseUrl: base,
      http: createHttpClient({ store }),
    })
    await recorder.getTxHex(segwit.txid)
    await recorder.getTx(segwit.txid)
    const replay = createEsploraSource({
      baseUrl: base,
      http: createHttpClient({ store, mode: 'replay' }),
    })
    seen.length = 0
    const tx = await createBitcoinAdapter({ esplora: replay }).getTx(
      segwit.txid,
    )
    expect(tx.txid).toBe(segwit.txid)
    expect(seen).toEqual([])
  })
})
