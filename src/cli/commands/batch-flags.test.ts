import { describe, expect, test } from 'vitest'
import { parseBatchFlags } from './batch-flags.js'

describe('batch source flags', () => {
  test('CHAIN=URL names one chain for every case; bare URLs stay the EVM rows’ default', () => {
    const flags = parseBatchFlags({
      out: 'out',
      explorerUrl: [
        'https://api.etherscan.io/v2/api',
        'bsc=https://bsc.example/api',
      ],
      rpcUrl: ['ethereum=http://node.test/', 'http://default.test/'],
      thorchainUrl: 'http://thornode.test',
    })
    expect(flags).toMatchObject({
      explorerUrl: 'https://api.etherscan.io/v2/api',
      rpcUrl: ['http://default.test/'],
      chains: {
        bsc: { explorerUrl: 'https://bsc.example/api' },
        ethereum: { rpcUrls: ['http://node.test/'] },
      },
      thorchainUrl: 'http://thornode.test',
    })
  })

  test.each([
    {
      name: 'two bare explorers',
      raw: { explorerUrl: ['https://a.test/api', 'https://b.test/api'] },
      error: /--explorer-url is given 2 times: name the other chains/,
    },
    {
      name: 'Bitcoin by name',
      raw: { rpcUrl: ['bitcoin=http://node.test/'] },
      error: /bitcoin is read from --esplora-url/,
    },
    {
      name: 'a named URL that is not one',
      raw: { explorerUrl: ['ethereum=ftp://x'] },
      error: /--explorer-url ethereum= must be an http\(s\) URL/,
    },
    {
      name: 'a thornode URL that is not one',
      raw: { thorchainUrl: 'thornode' },
      error: /--thorchain-url must be an http\(s\) URL/,
    },
  ])('refused: $name', ({ raw, error }) => {
    expect(() => parseBatchFlags({ out: 'out', ...raw })).toThrow(error)
  })
})
