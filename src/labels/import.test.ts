import { describe, expect, test } from 'vitest'
import { LabelFileError } from './csv.js'
import { detectFormat, type LabelFormat } from './import/detect.js'
import { chainFromIdFolder, fortaCategory } from './import/forta.js'
import { importLabels } from './import/importers.js'
import { OFAC_ENTITY, OFAC_SOURCE } from './import/ofac.js'
import { SCAMSNIFFER_ENTITY } from './import/scamsniffer.js'

// Rows written for these tests in each format's shape; not copied from the datasets.
const EVM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const EVM_LC = EVM.toLowerCase()
const EVM2 = '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'
const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'
const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
const TRON = 'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSi'
/** TRON with its last character changed: Base58, but the checksum fails. */
const TRON_BAD = 'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSj'
/** An address on OFAC's SDN list as "Digital Currency Address - TRX". */
const TRON_SDN = 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre'
const EVM3 = '0x42781ce383a53bf02beac82f55e9e50642870f19'
const EVM4 = '0xf84b8b67778117501e6d45a254d27579a1e4665d'

/** A third-party scam/hack label as scamsniffer and forta produce them. */
const listed = (
  chain: string,
  address: string,
  entity: string,
  category: string,
  source: string,
) => ({ chain, address, entity, category, source, confidence: 'medium' })

const FORTA_CONTRACTS_HEADER =
  'contract_address,contract_tag,contract_creator,contract_creation_tx,contract_creator_tag,source,notes,contract_creator_etherscan_label'
const TX = `0x${'ab'.repeat(32)}`

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
    name: 'ofac TRX list: tron, each address checked by the Tron module',
    format: 'ofac',
    file: 'sanctioned_addresses_TRX.txt',
    text: `${TRON_SDN}\n${TRON_BAD}\n0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\n`,
    labels: [
      {
        chain: 'tron',
        address: TRON_SDN,
        entity: OFAC_ENTITY,
        category: 'sanctioned',
        source: OFAC_SOURCE,
        confidence: 'official',
      },
    ],
    skipped: 2,
  },
  {
    name: 'tagpack TRX tags: chain tron, a bad checksum skipped',
    format: 'tagpack',
    file: 'exchange-wallets-acme.yaml',
    text: [
      'title: acme wallets',
      'label: acme',
      'category: exchange',
      'confidence: service_data',
      'source: https://acme.example/wallets',
      'tags:',
      `- address: '${TRON}'`,
      '  currency: TRX',
      `- address: '${TRON_BAD}'`,
      '  currency: TRX',
    ].join('\n'),
    labels: [
      {
        chain: 'tron',
        address: TRON,
        entity: 'acme',
        category: 'exchange',
        source: 'https://acme.example/wallets',
        confidence: 'official',
      },
    ],
    skipped: 1,
  },
  {
    name: 'csv: chain trx is tron; a bad checksum skipped',
    format: 'csv',
    file: 'mine.csv',
    text: `chain,address,entity,category\ntrx,${TRON},Acme,exchange\ntron,${TRON_BAD},Acme,exchange\n`,
    labels: [
      {
        chain: 'tron',
        address: TRON,
        entity: 'Acme',
        category: 'exchange',
        source: 'mine.csv',
        confidence: 'high',
      },
    ],
    skipped: 1,
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
  {
    name: 'scamsniffer blacklist: ethereum unless --chain',
    format: 'scamsniffer',
    file: 'scam-database/blacklist/address.json',
    text: JSON.stringify([EVM_LC, EVM2]),
    labels: [EVM_LC, EVM2].map((address) =>
      listed(
        'ethereum',
        address,
        SCAMSNIFFER_ENTITY,
        'scam',
        'scam-database/blacklist/address.json',
      ),
    ),
  },
  {
    name: 'scamsniffer blacklist: bad entries skipped, --chain applied',
    format: 'scamsniffer',
    file: 'address.json',
    chain: 'bsc',
    text: JSON.stringify([EVM3, '0x1234', 42, null]),
    labels: [listed('bsc', EVM3, SCAMSNIFFER_ENTITY, 'scam', 'address.json')],
    skipped: 3,
    undetected: true,
  },
  {
    name: 'forta etherscan_malicious_labels: chain from the chain-id folder',
    format: 'forta',
    file: 'labels/10/etherscan_malicious_labels.csv',
    text: [
      'banned_address,wallet_tag,data_source',
      `${EVM_LC},Fake_Phishing9001,etherscan-phish-hack-list`,
      `${EVM2},Acme Exploiter 1,etherscan-exploit-list`,
      `${EVM3},,etherscan-heist-list`,
      '0xnope,Fake_Phishing9002,etherscan-phish-hack-list',
    ].join('\n'),
    labels: [
      [EVM_LC, 'Fake_Phishing9001', 'scam'],
      [EVM2, 'Acme Exploiter 1', 'hack'],
      [EVM3, 'listed in etherscan-heist-list', 'hack'],
    ].map(([address = '', entity = '', category = '']) =>
      listed(
        'optimism',
        address,
        entity,
        category,
        'labels/10/etherscan_malicious_labels.csv',
      ),
    ),
    skipped: 1,
  },
  {
    name: 'forta malicious_smart_contracts: contract and creator labelled',
    format: 'forta',
    file: 'labels/1/malicious_smart_contracts.csv',
    text: [
      FORTA_CONTRACTS_HEADER,
      `${EVM_LC},Acme Exploiter 2,${EVM2},${TX},,Some table,,exploit`,
      `${EVM3},,${EVM4},${TX},Fake Token Deployer,Some table,,phish-hack`,
    ].join('\n'),
    labels: [
      [EVM_LC, 'Acme Exploiter 2', 'hack'],
      [EVM2, 'creator of Acme Exploiter 2', 'hack'],
      [EVM3, 'malicious contract', 'scam'],
      [EVM4, 'Fake Token Deployer', 'scam'],
    ].map(([address = '', entity = '', category = '']) =>
      listed(
        'ethereum',
        address,
        entity,
        category,
        'labels/1/malicious_smart_contracts.csv',
      ),
    ),
  },
  {
    name: 'forta malicious_smart_contracts, short header: notes say hack',
    format: 'forta',
    file: 'labels/137/malicious_smart_contracts.csv',
    text: `contract_address,contract_tag,contract_creator,contract_creator_tag,source,notes\n${EVM3},Acme Multisig,,,https://polygonscan.com/,Acme Multisig Hack\n`,
    labels: [
      listed(
        'polygon',
        EVM3,
        'Acme Multisig',
        'hack',
        'labels/137/malicious_smart_contracts.csv',
      ),
    ],
  },
  {
    name: 'forta phishing_scams: --chain beats the folder',
    format: 'forta',
    file: 'labels/1/phishing_scams.csv',
    chain: 'base',
    text: `address,etherscan_tag,etherscan_labels,is_contract\n${EVM4},Fake_Phishing77,phish-hack,False\n${EVM2},,phish-hack,True\n`,
    labels: [
      [EVM4, 'Fake_Phishing77'],
      [EVM2, 'phishing address'],
    ].map(([address = '', entity = '']) =>
      listed('base', address, entity, 'scam', 'labels/1/phishing_scams.csv'),
    ),
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
    [
      'scamsniffer',
      'x.json',
      '{}',
      'x.json: expected a JSON array of addresses',
    ],
    [
      'forta',
      'x.csv',
      'address,entity\n0x,A',
      'x.csv:1: header: expected a Forta labelled-datasets header',
    ],
  ] as const)('%s structural error: %s', (format, file, text, message) => {
    expect(() => importLabels(text, format, { file })).toThrow(LabelFileError)
    expect(() => importLabels(text, format, { file })).toThrow(message)
  })
})

describe('forta helpers', () => {
  test.each([
    ['labels/1/x.csv', 'ethereum'],
    ['labels/10/x.csv', 'optimism'],
    ['labels/56/x.csv', 'bsc'],
    ['labels/137/x.csv', 'polygon'],
    ['labels/42161/x.csv', 'arbitrum'],
    ['labels/8453/x.csv', 'base'],
    ['labels/43114/x.csv', 'avalanche'],
    ['C:\\data\\labels\\56\\x.csv', 'bsc'],
    ['phishing_scams.csv', undefined],
    ['labels/v1/x.csv', undefined],
  ])('chain of %s is %s', (path, chain) => {
    expect(chainFromIdFolder(path)).toBe(chain)
  })

  test.each([
    [['Fake_Phishing12', 'etherscan-phish-hack-list'], 'scam'],
    [['', 'phish-hack'], 'scam'],
    [['Spam Token', ''], 'scam'],
    [['Acme Exploiter 3'], 'hack'],
    [['', 'Pickle Finance Hack'], 'hack'],
    [['Some Hacker', 'phish-hack'], 'hack'],
    [['', 'heist'], 'hack'],
  ])('%j is %s', (texts, category) => {
    expect(fortaCategory(...texts)).toBe(category)
  })
})

describe('detectFormat', () => {
  test.each([
    ['scam.json', JSON.stringify([EVM_LC]), undefined],
    ['blacklist/address.json', JSON.stringify([EVM_LC]), 'scamsniffer'],
    ['scamsniffer/list.json', JSON.stringify([EVM_LC]), 'scamsniffer'],
    ['scamsniffer/list.json', JSON.stringify([EVM_LC, 'x']), undefined],
    ['scamsniffer/list.json', '[]', undefined],
    [
      'scamsniffer/sanctioned_addresses_ETH.json',
      JSON.stringify([EVM_LC]),
      'ofac',
    ],
    ['a.csv', 'banned_address,wallet_tag,data_source\n', 'forta'],
    ['a.csv', `${FORTA_CONTRACTS_HEADER}\n`, 'forta'],
    [
      'a.csv',
      'contract_address,contract_tag,contract_creator,contract_creator_tag,source,notes\n',
      'forta',
    ],
    ['a.csv', 'address,etherscan_tag,etherscan_labels,is_contract\n', 'forta'],
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
