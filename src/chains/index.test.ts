import { describe, expect, test } from 'vitest'
import {
  findChain,
  modelOf,
  parseAddress,
  parseTxSeed,
  resolveChain,
} from './index.js'

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'
const HASH = `0x${'ab'.repeat(32)}`

describe('resolveChain', () => {
  test.each([
    ['bitcoin', 'bitcoin', 'utxo', null],
    ['BTC', 'bitcoin', 'utxo', null],
    ['ethereum', 'ethereum', 'account', 1],
    ['eth', 'ethereum', 'account', 1],
    ['1', 'ethereum', 'account', 1],
    ['56', 'bsc', 'account', 56],
    ['31337', 'hardhat', 'account', 31337],
    ['100', 'gnosis', 'account', 100],
    ['anvil', 'hardhat', 'account', 31337],
    ['hardhat', 'hardhat', 'account', 31337],
    ['999', 'evm-999', 'account', 999],
    ['evm-999', 'evm-999', 'account', 999],
  ])('%s → %s (%s)', (input, name, model, chainId) => {
    const chain = resolveChain(input)
    expect({
      name: chain.name,
      model: chain.model,
      chainId: chain.chainId,
    }).toEqual({
      name,
      model,
      chainId,
    })
  })

  test.each(['dogecoin', '123456789123', ''])(
    'unknown %j: exit 2 naming it',
    (input) => {
      expect(() => resolveChain(input)).toThrow(`unknown chain "${input}"`)
      expect(findChain(input)).toBeUndefined()
    },
  )

  test('the model of a report chain name', () => {
    expect([
      modelOf('bitcoin'),
      modelOf('ethereum'),
      modelOf('evm-100'),
    ]).toEqual(['utxo', 'account', 'account'])
  })
})

describe('seeds and addresses', () => {
  const bitcoin = resolveChain('bitcoin')
  const ethereum = resolveChain('ethereum')
  test.each([
    [bitcoin, TXID, { txid: TXID }],
    [bitcoin, `${TXID.toUpperCase()}:1`, { txid: TXID, vout: 1 }],
    [ethereum, HASH.toUpperCase().replace('0X', '0x'), { txid: HASH }],
  ])('valid seed %#', (chain, input, seed) => {
    expect(parseTxSeed(chain, input)).toEqual(seed)
  })

  test.each([
    [bitcoin, HASH, /invalid txid .*--chain ethereum/],
    [bitcoin, `${TXID}:`, /expected TXID or TXID:VOUT/],
    [bitcoin, `${TXID}:x`, /expected TXID or TXID:VOUT/],
    [ethereum, `${TXID}:1`, /EVM seeds are plain tx hashes/],
    [ethereum, TXID, /invalid EVM transaction hash .*--chain bitcoin/],
  ])('invalid seed %#: %s', (chain, input, message) => {
    expect(() => parseTxSeed(chain, input)).toThrow(message)
  })

  test.each([
    [bitcoin, '0x52908400098527886E0F7030069857D2E4169EE7', /--chain ethereum/],
    [ethereum, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', /--chain bitcoin/],
    [
      bitcoin,
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx',
      /^invalid bitcoin address/,
    ],
  ])('invalid address %#', (chain, input, message) => {
    expect(() => parseAddress(chain, input)).toThrow(message)
  })
})
