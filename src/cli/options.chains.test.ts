import { describe, expect, test } from 'vitest'
import { parseTraceFlags } from './options.js'

const base = {
  tx: ['f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'],
  policy: 'haircut',
  maxHops: '12',
  maxNodes: '2000',
  minAmount: '0.00000546',
}

describe('per-chain source flags', () => {
  test.each([
    {
      name: 'CHAIN=URL names a chain the trace may cross to; a bare URL stays the seed chain',
      raw: {
        chain: 'ethereum',
        tx: [`0x${'ab'.repeat(32)}`],
        explorerUrl: [
          'https://api.etherscan.io/v2/api?x=1',
          'bsc=https://bsc.example/api',
        ],
        rpcUrl: [
          'ethereum=http://node.test/',
          'base=http://base.test/a',
          'base=http://base.test/b',
        ],
        esploraUrl: 'http://esplora.test/api',
      },
      expected: {
        explorerUrl: 'https://api.etherscan.io/v2/api?x=1',
        rpcUrl: ['http://node.test/'],
        chains: {
          bsc: { explorerUrl: 'https://bsc.example/api' },
          base: { rpcUrls: ['http://base.test/a', 'http://base.test/b'] },
        },
      },
    },
    {
      name: 'a Bitcoin seed takes EVM sources by name',
      raw: { explorerUrl: ['ethereum=https://api.etherscan.io/v2/api'] },
      expected: {
        explorerUrl: undefined,
        chains: {
          ethereum: { explorerUrl: 'https://api.etherscan.io/v2/api' },
        },
      },
    },
  ])('$name', ({ raw, expected }) => {
    expect(parseTraceFlags({ ...base, ...raw })).toMatchObject(expected)
  })

  test.each([
    [{ explorerUrl: ['dogecoin=https://x.test/'] }, 'unknown chain "dogecoin"'],
    [{ rpcUrl: ['bitcoin=http://x.test/'] }, '--rpc-url'],
    [
      { explorerUrl: ['ethereum=not a url'] },
      '--explorer-url ethereum= must be an http(s) URL',
    ],
    [
      {
        chain: 'ethereum',
        tx: [`0x${'ab'.repeat(32)}`],
        explorerUrl: ['https://a.test/', 'https://b.test/'],
      },
      'name the other chains',
    ],
  ])('refused: %j', (raw, message) => {
    expect(() => parseTraceFlags({ ...base, ...raw })).toThrow(message)
  })
})
