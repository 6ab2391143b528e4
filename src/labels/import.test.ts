import { describe, expect, test } from 'vitest'
import { LabelFileError } from './csv.js'
import { detectFormat, importLabels, type LabelFormat } from './import/index.js'
import { OFAC_ENTITY, OFAC_SOURCE } from './import/ofac.js'

// Rows written for these tests in each format's shape; not copied from the datasets.
const EVM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const EVM_LC = EVM.toLowerCase()
const EVM2 = '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'
const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'
const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
const TRON = 'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSi'

type Case = {
  name: string
  format: LabelFormat
  file: string
  text: string
  labels: object[]
  skipped?: number
  chain?: string
  /** Headers with aliases only are too loose to auto-detect. */
  undetected?: boolean
}

const cases: Case[] = [
  {
    name: 'csv with aliases, missing category, bad row skipped',
    format: 'csv',
    file: 'mine.csv',
    text: `blockchain,address,name\nbitcoin,${BECH.toUpperCase()},Acme\nbitcoin,nope,Bad\n`,
    labels: [
      {
        chain: 'bitcoin',
        address: BECH,
        entity: 'Acme',
        category: 'unknown',
        source: 'mine.csv',
        confidence: 'high',
      },
    ],
    skipped: 1,
    undetected: true,
  },
  {
    name: 'json array of label-like objects',
    format: 'json',
    file: 'l.json',
    text: JSON.stringify([
      {
        chain: 'eth',
        address: EVM,
        name: 'Acme',
        category: 'Exchange',
        confidence: 'official',
        source: 'https://acme.example',
      },
      { chain: 'eth', address: 5 },
    ]),
    labels: [
      {
        chain: 'ethereum',
        address: EVM_LC,
        entity: 'Acme',
        category: 'exchange',
        source: 'https://acme.example',
        confidence: 'official',
      },
    ],
    skipped: 1,
  },
  {
    name: 'tagpack: header fields inherited, tag overrides, currency mapped',
    format: 'tagpack',
    file: 'p.yaml',
    text: [
      'title: test pack',
      'label: acme reserve',
      'category: exchange',
      'confidence: service_data',
      'source: https://acme.example/por',
      'currency: BTC',
      'lastmod: 2023-01-02',
      'tags:',
      `- address: '${BTC}'`,
      `- address: '${EVM}'`,
      '  currency: ETH',
      '  label: acme hack',
      '  abuse: service_hack',
      '  confidence: web_crawl',
      `- address: '${TRON}'`,
      '  currency: USDT',
      "- address: 'x'",
    ].join('\n'),
    labels: [
      {
        chain: 'bitcoin',
        address: BTC,
        entity: 'acme reserve',
        category: 'exchange',
        source: 'https://acme.example/por',
        confidence: 'official',
        retrieved: '2023-01-02',
      },
      {
        chain: 'ethereum',
        address: EVM_LC,
        entity: 'acme hack',
        category: 'hack',
        source: 'https://acme.example/por',
        confidence: 'medium',
        retrieved: '2023-01-02',
      },
      {
        chain: 'tron',
        address: TRON,
        entity: 'acme reserve',
        category: 'exchange',
        source: 'https://acme.example/por',
        confidence: 'official',
        retrieved: '2023-01-02',
      },
    ],
    skipped: 1,
  },
  {
    name: 'ofac txt: chain from the file name',
    format: 'ofac',
    file: 'lists/sanctioned_addresses_XBT.txt',
    text: `${BTC}\n\n${BECH}\n`,
    labels: [BTC, BECH].map((address) => ({
      chain: 'bitcoin',
      address,
      entity: OFAC_ENTITY,
      category: 'sanctioned',
      source: OFAC_SOURCE,
      confidence: 'official',
    })),
  },
  {
    name: 'ofac json token list: chain from the address shape',
    format: 'ofac',
    file: 'sanctioned_addresses_USDT.json',
    text: JSON.stringify([EVM, TRON, '???']),
    labels: [
      {
        chain: 'ethereum',
        address: EVM_LC,
        entity: OFAC_ENTITY,
        category: 'sanctioned',
        source: OFAC_SOURCE,
        confidence: 'official',
      },
      {
        chain: 'tron',
        address: TRON,
        entity: OFAC_ENTITY,
        category: 'sanctioned',
        source: OFAC_SOURCE,
        confidence: 'official',
      },
    ],
    skipped: 1,
  },
  {
    name: 'etherscan-labels combined json',
    format: 'etherscan-labels',
    file: 'data/bscscan/combined/combinedAccountLabels.json',
    text: JSON.stringify({
      [EVM_LC]: { name: 'Acme 3', labels: ['acme', 'exchange'] },
      [EVM2]: { name: '', labels: ['ofac-sanctions-lists', 'blocked'] },
    }),
    labels: [
      {
        chain: 'bsc',
        address: EVM_LC,
        entity: 'Acme 3',
        category: 'exchange',
        source: 'data/bscscan/combined/combinedAccountLabels.json',
        confidence: 'medium',
      },
      {
        chain: 'bsc',
        address: EVM2,
        entity: OFAC_ENTITY,
        category: 'sanctioned',
        source: 'data/bscscan/combined/combinedAccountLabels.json',
        confidence: 'medium',
      },
    ],
  },
  {
    name: 'etherscan-labels accounts csv',
    format: 'etherscan-labels',
    file: 'data/etherscan/accounts/kraken.csv',
    text: `,Address,Name Tag,Balance,Txn Count\n0,${EVM_LC},Kraken 9,"1,000.5 ETH",42\n`,
    labels: [
      {
        chain: 'ethereum',
        address: EVM_LC,
        entity: 'Kraken 9',
        category: 'exchange',
        source: 'data/etherscan/accounts/kraken.csv',
        confidence: 'medium',
      },
    ],
  },
  {
    name: 'eth-labels accounts.json, chain and label from the path',
    format: 'eth-labels',
    file: 'data/arbiscan/exploit/accounts.json',
    text: JSON.stringify([
      { address: EVM_LC, nameTag: 'Some Exploiter' },
      { nameTag: 'no address' },
    ]),
    labels: [
      {
        chain: 'arbitrum',
        address: EVM_LC,
        entity: 'Some Exploiter',
        category: 'hack',
        source: 'data/arbiscan/exploit/accounts.json',
        confidence: 'medium',
      },
    ],
    skipped: 1,
  },
  {
    name: 'spellbook bitcoin list',
    format: 'spellbook',
    file: 'cex_bitcoin_addresses.csv',
    text: `blockchain,address,cex_name,distinct_name,added_by,added_date\nbitcoin,${BTC},Acme,Acme 1,me,2023-04-06\n`,
    labels: [
      {
        chain: 'bitcoin',
        address: BTC,
        entity: 'Acme',
        category: 'exchange',
        source: 'cex_bitcoin_addresses.csv',
        confidence: 'medium',
        retrieved: '2023-04-06',
      },
    ],
  },
  {
    name: 'spellbook EVM list narrowed by --chain',
    format: 'spellbook',
    file: 'cex_evms_addresses.csv',
    chain: 'base',
    text: `address,cex_name,distinct_name,added_by,added_date\n${EVM_LC},Acme,Acme 1,me,2023-04-06\n`,
    labels: [
      {
        chain: 'base',
        address: EVM_LC,
        entity: 'Acme',
        category: 'exchange',
        source: 'cex_evms_addresses.csv',
        confidence: 'medium',
        retrieved: '2023-04-06',
      },
    ],
  },
]

describe('importLabels', () => {
  test.each(cases)(
    '$name',
    ({ format, file, text, labels, skipped = 0, chain, undetected }) => {
      const result = importLabels(text, format, { file, chain })
      expect(result.labels).toEqual(labels)
      expect(result.skipped).toHaveLength(skipped)
      expect(detectFormat(file, text)).toBe(undetected ? undefined : format)
    },
  )

  test('spellbook EVM list applies to every EVM chain it covers', () => {
    const text = `address,cex_name,distinct_name,added_by,added_date\n${EVM_LC},Acme,Acme 1,me,2023-04-06\n`
    const result = importLabels(text, 'spellbook', {
      file: 'cex_evms_addresses.csv',
    })
    expect(result.labels.map((l) => l.chain)).toEqual([
      'ethereum',
      'bsc',
      'polygon',
      'arbitrum',
      'optimism',
      'base',
      'avalanche',
    ])
  })

  test('--confidence overrides', () => {
    const text = `chain,address,entity,category\nbitcoin,${BTC},A,exchange\n`
    expect(
      importLabels(text, 'csv', { file: 'a.csv', confidence: 'low' }).labels[0]
        ?.confidence,
    ).toBe('low')
  })

  test.each([
    ['json', 'x.json', '{not json', 'x.json: invalid JSON'],
    ['json', 'x.json', '{}', 'x.json: expected a JSON array of labels'],
    [
      'tagpack',
      'x.yaml',
      'title: x',
      'x.yaml: not a TagPack: tags: Invalid input: expected array, received undefined',
    ],
    ['ofac', 'x.json', '[1]', 'x.json: expected a JSON array of addresses'],
    ['csv', 'x.csv', 'chain,address\n"x', 'x.csv:2: unterminated quoted field'],
  ] as const)('%s structural error: %s', (format, file, text, message) => {
    expect(() => importLabels(text, format, { file })).toThrow(LabelFileError)
    expect(() => importLabels(text, format, { file })).toThrow(message)
  })
})

describe('detectFormat', () => {
  test.each([
    ['scam.json', JSON.stringify([EVM_LC]), undefined],
    ['list.txt', `${BTC}\n`, undefined],
    ['x.csv', 'foo,bar\n1,2', undefined],
    ['x.csv', 'chain,address,entity,category\n', 'csv'],
    ['x.yml', 'tags:\n- address: a\n', 'tagpack'],
    ['x.yml', 'foo: 1\n', undefined],
    [
      'x.json',
      JSON.stringify([{ chain: 'bitcoin', address: BTC, entity: 'A' }]),
      'json',
    ],
  ])('%s %j → %s', (path, text, expected) => {
    expect(detectFormat(path, text)).toBe(expected)
  })
})
