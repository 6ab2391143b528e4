import { readdirSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { loadEsploraFixtures } from '../../../test/support/esplora-fixtures.js'
import { type EsploraTx, esploraTxSchema } from './esplora.schema.js'
import { IntegrityError, verifyTx } from './verify.js'

const root = new URL('../../../fixtures/esplora/', import.meta.url).pathname
const scenarios = readdirSync(root)
const load = (name: string) => loadEsploraFixtures(`${root}${name}`)
const satoshi = load('satoshi-hal')
const SEED = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'

const jsonOf = (f: ReturnType<typeof load>, txid: string): EsploraTx =>
  esploraTxSchema.parse(f.txs.get(txid))

function integrityError(fn: () => unknown): IntegrityError {
  try {
    fn()
  } catch (err) {
    if (err instanceof IntegrityError) return err
    throw err
  }
  throw new Error('expected an IntegrityError')
}

describe('verifyTx on real mainnet data (Satoshi → Hal chain)', () => {
  test('the fixture holds the 8 txs of the chain', () => {
    expect(satoshi.txs.size).toBe(8)
    expect(satoshi.hex.size).toBe(8)
  })

  test.each([...satoshi.txs.keys()])('%s: hex hashes to its txid', (txid) => {
    const tx = verifyTx(txid, jsonOf(satoshi, txid), satoshi.hex.get(txid)!)
    expect(tx.getId()).toBe(txid)
  })
})

describe.each(scenarios)('verifyTx on scenario %s', (name) => {
  const f = load(name)
  test.each([...f.txs.keys()])('%s verifies', (txid) => {
    expect(verifyTx(txid, jsonOf(f, txid), f.hex.get(txid)!).getId()).toBe(txid)
  })
})

describe('verifyTx rejects data that lies', () => {
  const json = jsonOf(satoshi, SEED)
  const hex = satoshi.hex.get(SEED)!
  const other =
    'a16f3ce4dd5deb92d98ef5cf8afeaf0775ebca408f708b2146c4fb42b41e14be'

  test.each<[string, (j: EsploraTx) => EsploraTx, RegExp]>([
    [
      'an output value changed',
      (j) => ({
        ...j,
        vout: j.vout.map((o, i) =>
          i === 0 ? { ...o, value: o.value + 1 } : o,
        ),
      }),
      /output 0 value: json 1000000001, hex 1000000000/,
    ],
    [
      'an output script changed',
      (j) => ({
        ...j,
        vout: j.vout.map((o, i) =>
          i === 1
            ? {
                ...o,
                scriptpubkey:
                  '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac',
              }
            : o,
        ),
      }),
      /output 1 scriptpubkey differs/,
    ],
    [
      'an output dropped',
      (j) => ({ ...j, vout: j.vout.slice(0, 1) }),
      /output count: json 1, hex 2/,
    ],
    [
      'an input outpoint changed',
      (j) => ({ ...j, vin: j.vin.map((v) => ({ ...v, vout: 1 })) }),
      /input 0 vout: json 1, hex 0/,
    ],
    [
      'an input prev txid changed',
      (j) => ({ ...j, vin: j.vin.map((v) => ({ ...v, txid: other })) }),
      /input 0 spends 0437cd7f.* in the hex, a16f3ce4.* in json/,
    ],
    [
      'the json claims another txid',
      (j) => ({ ...j, txid: other }),
      /json describes a16f3ce4/,
    ],
  ])('%s', (_, tamper, problem) => {
    const err = integrityError(() => verifyTx(SEED, tamper(json), hex))
    expect(err.txid).toBe(SEED)
    expect(err.shortMessage).toContain(SEED)
    expect(err.exitCode).toBe(1)
    expect(err.metaMessages.join('\n')).toMatch(problem)
  })

  test('hex of another tx', () => {
    const err = integrityError(() =>
      verifyTx(SEED, json, satoshi.hex.get(other)!),
    )
    expect(err.metaMessages.join('\n')).toContain(`raw hex hashes to ${other}`)
  })

  test('a requested txid that neither json nor hex has', () => {
    const err = integrityError(() => verifyTx(other, json, hex))
    expect(err.metaMessages).toEqual([
      `raw hex hashes to ${SEED}`,
      `json describes ${SEED}`,
    ])
  })

  test('hex that does not parse', () => {
    const err = integrityError(() => verifyTx(SEED, json, hex.slice(0, 40)))
    expect(err.metaMessages.join('\n')).toMatch(/raw hex does not parse/)
  })

  test('a single flipped byte in the hex', () => {
    // Flip a byte inside output 0's value: parses, but hashes differently.
    const at = hex.indexOf('00ca9a3b')
    const flipped = `${hex.slice(0, at)}01ca9a3b${hex.slice(at + 8)}`
    const err = integrityError(() => verifyTx(SEED, json, flipped))
    expect(err.metaMessages.join('\n')).toMatch(
      /raw hex hashes to (?!f4184fc5)/,
    )
    expect(err.metaMessages.join('\n')).toMatch(/output 0 value/)
  })
})
