import { readFileSync } from 'node:fs'
import { networks } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import { UsageError } from '../../core/errors.js'
import {
  isXOnlyPoint,
  parseBitcoinAddress,
  parseTxid,
  scriptToAddress,
  toOutputScript,
} from './address.js'

type Vectors = {
  valid: { input: string; expected: string; type: string }[]
  invalid: { address: string; error: string; note?: string }[]
}
const vectors = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/bitcoin/addresses.json', import.meta.url),
    'utf8',
  ),
) as Vectors

const SCRIPT_PREFIX: Record<string, RegExp> = {
  p2pkh: /^76a914[0-9a-f]{40}88ac$/,
  p2sh: /^a914[0-9a-f]{40}87$/,
  p2wpkh: /^0014[0-9a-f]{40}$/,
  p2wsh: /^0020[0-9a-f]{64}$/,
  p2tr: /^5120[0-9a-f]{64}$/,
}

describe('parseBitcoinAddress', () => {
  test.each(vectors.valid)(
    'valid: $input ($type)',
    ({ input, expected, type }) => {
      const parsed = parseBitcoinAddress(input)
      expect(parsed).toBe(expected)
      const script = Buffer.from(
        toOutputScript(parsed, networks.bitcoin),
      ).toString('hex')
      expect(script).toMatch(SCRIPT_PREFIX[type]!)
      expect(scriptToAddress(script)).toBe(expected)
    },
  )

  test.each(vectors.invalid)(
    'invalid: "$address" ($note)',
    ({ address, error }) => {
      expect(() => parseBitcoinAddress(address)).toThrow(UsageError)
      expect(() => parseBitcoinAddress(address)).toThrow(error)
    },
  )

  test('the error names the address and exits 2', () => {
    const bad = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'
    const err = (() => {
      try {
        parseBitcoinAddress(bad)
      } catch (e) {
        return e
      }
      return undefined
    })() as UsageError
    expect(err.shortMessage).toContain(bad)
    expect(err.exitCode).toBe(2)
  })

  test('a mainnet address on testnet is rejected the other way round', () => {
    expect(() =>
      parseBitcoinAddress(
        'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        'testnet',
      ),
    ).toThrow('is a mainnet address; this trace is on bitcoin testnet')
    expect(
      parseBitcoinAddress('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r', 'testnet'),
    ).toBe('mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r')
  })
})

describe('parseTxid', () => {
  const id = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'
  test.each([
    [id, id],
    [id.toUpperCase(), id],
    [` ${id}\n`, id],
  ])('valid %#', (input, expected) => {
    expect(parseTxid(input)).toBe(expected)
  })
  test.each([
    '',
    id.slice(1),
    `${id}00`,
    `0x${id.slice(2)}`,
    `${id.slice(0, 63)}g`,
  ])('invalid "%s"', (input) => {
    expect(() => parseTxid(input)).toThrow(UsageError)
  })
})

describe('scriptToAddress', () => {
  test.each([
    // P2PK (Satoshi's block 9 key): no address.
    [
      '410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac',
      null,
    ],
    // OP_RETURN
    ['6a0568656c6c6f', null],
    // 1-of-2 bare multisig
    [
      '5121032487c2a32f7c8d57d2a93906a6457afd00697925b0e6e145d89af6d3bca330162102308673d16987eaa010e540901cc6fe3695e758c19f46ce604e174dac315e685a52ae',
      null,
    ],
    // OP_1 <x ≥ p>: not a curve point (bitcoinjs vector)
    [
      '5120fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
      null,
    ],
    [
      '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac',
      '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH',
    ],
    [
      'a914cd7b44d0b03f2d026d1e586d7ae18903b0d385f687',
      '3LRW7jeCvQCRdPF8S3yUCfRAx4eqXFmdcr',
    ],
    [
      '0014751e76e8199196d454941c45d1b3a323f1433bd6',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    ],
    [
      '51208e5203f25093c03a199b87b6c39427c09f8181abe1b25dc34818106c160884d7',
      'bc1p3efq8ujsj0qr5xvms7mv89p8cz0crqdtuxe9ms6grqgxc9sgsntslthf6w',
    ],
  ])('%s → %s', (script, expected) => {
    expect(scriptToAddress(script)).toBe(expected)
  })
})

describe('isXOnlyPoint', () => {
  const hex = (h: string) => Buffer.from(h, 'hex')
  test.each([
    ['79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', true], // G
    ['fffffffffffffffffffffffffffffffffffffffffffffffffffffffeeffffc2e', true],
    ['f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9', true],
    ['fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f', false], // = p
    ['0000000000000000000000000000000000000000000000000000000000000005', false], // 5³+7 = 132, a non-residue
    ['79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f817', false], // 31 bytes
  ])('%s → %s', (x, expected) => {
    expect(isXOnlyPoint(hex(x))).toBe(expected)
  })
})
