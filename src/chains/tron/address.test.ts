import { describe, expect, it } from 'vitest'
import { UsageError } from '../../core/errors.js'
import {
  hexToTron,
  parseTronAddress,
  parseTronTxid,
  tronToHex,
} from './address.js'

// USDT's contract on Tron, as TronScan shows it and as the node's 41-hex.
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'
const USDT_HEX = '41a614f803b6fd780986a42c78ec9c7f77e6ded13c'

describe('Tron addresses', () => {
  it('round-trips between T… and hex', () => {
    expect(parseTronAddress(` ${USDT} `)).toBe(USDT)
    expect(hexToTron(USDT_HEX)).toBe(USDT)
    expect(hexToTron(`0x${USDT_HEX.slice(2)}`)).toBe(USDT)
    expect(tronToHex(USDT)).toBe(`0x${USDT_HEX.slice(2)}`)
  })

  it.each([
    ['a bad checksum', `${USDT.slice(0, -1)}u`, /checksum is wrong/],
    ['hex where a user types T…', USDT_HEX, /expected T followed by 33/],
    ['a Bitcoin address', '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH', /expected T/],
    ['a character outside Base58', `${USDT.slice(0, -1)}0`, /expected T/],
  ])('rejects %s', (_, input, reason) => {
    expect(() => parseTronAddress(input)).toThrow(UsageError)
    expect(() => parseTronAddress(input)).toThrow(reason)
  })
})

describe('Tron tx ids', () => {
  const id = 'AB'.repeat(32)
  it.each([id, `0x${id}`, ` ${id.toLowerCase()} `])('%s', (input) => {
    expect(parseTronTxid(input)).toBe(id.toLowerCase())
  })
  it.each(['ab'.repeat(31), `${'ab'.repeat(31)}zz`])('rejects %s', (input) => {
    expect(() => parseTronTxid(input)).toThrow(UsageError)
  })
})
