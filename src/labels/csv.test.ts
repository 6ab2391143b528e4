import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { LabelFileError, loadLabelsFile, parseLabelsCsv } from './csv.js'

const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'
const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
const EVM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const HEAD = 'chain,address,entity,category'

const valid: { name: string; text: string; labels: object[] }[] = [
  {
    name: 'minimal, defaults filled in',
    text: `${HEAD}\nbitcoin,${BTC},Genesis,service\n`,
    labels: [
      {
        chain: 'bitcoin',
        address: BTC,
        entity: 'Genesis',
        category: 'service',
        source: 'labels.csv',
        confidence: 'high',
      },
    ],
  },
  {
    name: 'free header order, case, CRLF, comments, blank lines, quoting',
    text: [
      '# my labels',
      'Category,ADDRESS, Entity ,chain,Source,confidence,retrieved',
      '',
      `exchange,${BECH.toUpperCase()},"Kraken, ""cold""",BTC,https://x.example/a,Official,2024-01-02`,
      `Mixer,${EVM},"a,b",ethereum,,low,`,
      '',
    ].join('\r\n'),
    labels: [
      {
        chain: 'bitcoin',
        address: BECH,
        entity: 'Kraken, "cold"',
        category: 'exchange',
        source: 'https://x.example/a',
        confidence: 'official',
        retrieved: '2024-01-02',
      },
      {
        chain: 'ethereum',
        address: EVM.toLowerCase(),
        entity: 'a,b',
        category: 'mixer',
        source: 'labels.csv',
        confidence: 'low',
      },
    ],
  },
  { name: 'header only', text: `${HEAD}\n`, labels: [] },
  { name: 'BOM', text: `\uFEFF${HEAD}\r\n`, labels: [] },
]

const invalid: [name: string, text: string, message: string][] = [
  ['empty file', '', 'labels.csv: no header line'],
  ['only comments', '# x\n\n', 'labels.csv: no header line'],
  [
    'unknown column',
    'chain,address,entity,category,confidance',
    'labels.csv:1: header: unknown column "confidance"',
  ],
  [
    'duplicate column',
    'chain,address,entity,category,Chain',
    'labels.csv:1: header: duplicate column "Chain"',
  ],
  [
    'missing column',
    'chain,address',
    'labels.csv:1: header: missing column entity, category',
  ],
  [
    'bad bitcoin address, line counts comments and blanks',
    `# c\n${HEAD}\n\nbitcoin,${BTC},a,mixer\nbitcoin,${BTC}x,a,b\n`,
    `labels.csv:5: address: invalid bitcoin address "${BTC}x": bad base58 checksum or length`,
  ],
  [
    'testnet address',
    `${HEAD}\nbitcoin,tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx,a,b`,
    'labels.csv:2: address: invalid bitcoin address "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx": not a mainnet address',
  ],
  [
    'bad checksum',
    `${HEAD}\neth,0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD,a,b`,
    'labels.csv:2: address: invalid ethereum address "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD": bad EIP-55 checksum',
  ],
  [
    'too many fields',
    `${HEAD}\nbitcoin,${BTC},a,b,c`,
    'labels.csv:2: expected 4 fields, got 5',
  ],
  [
    'too few fields',
    `${HEAD}\nbitcoin,${BTC},a`,
    'labels.csv:2: expected 4 fields, got 3',
  ],
  [
    'empty entity',
    `${HEAD}\nbitcoin,${BTC}, ,b`,
    'labels.csv:2: entity: empty',
  ],
  ['empty chain', `${HEAD}\n,${BTC},a,b`, 'labels.csv:2: chain: empty'],
  [
    'misspelt category',
    `${HEAD}\nbitcoin,${BTC},a,exchange\nbitcoin,${BTC},a,exchnage`,
    'labels.csv:3: category: unknown category "exchnage"; did you mean "exchange"? (list: fundtrace labels --help)',
  ],
  [
    'misspelt category, nearest is another',
    `${HEAD}\nbitcoin,${BTC},a,sanctionned`,
    'labels.csv:2: category: unknown category "sanctionned"; did you mean "sanctioned"? (list: fundtrace labels --help)',
  ],
  [
    'misspelt category, alias folded',
    `${HEAD}\nbitcoin,${BTC},a,hackr`,
    'labels.csv:2: category: unknown category "hackr"; did you mean "hack"? (list: fundtrace labels --help)',
  ],
  [
    'bad confidence',
    `${HEAD},confidence\nbitcoin,${BTC},a,b,sure`,
    'labels.csv:2: confidence: expected official, high, medium or low, got "sure"',
  ],
  [
    'bad date',
    `${HEAD},retrieved\nbitcoin,${BTC},a,b,yesterday`,
    'labels.csv:2: retrieved: expected an ISO date, got "yesterday"',
  ],
  [
    'control characters',
    `${HEAD}\nbitcoin,${BTC},"a\u001b[31m",b`,
    'labels.csv:2: entity: contains control characters',
  ],
  [
    'unterminated quote',
    `${HEAD}\nbitcoin,"${BTC},a,b\n`,
    'labels.csv:2: unterminated quoted field',
  ],
  [
    'stray quote',
    `${HEAD}\nbitcoin,ab"c,a,b`,
    'labels.csv:2: quote inside an unquoted field',
  ],
  [
    'text after quote',
    `${HEAD}\nbitcoin,"a"b,a,b`,
    'labels.csv:2: text after a closing quote',
  ],
  [
    'newline inside a field',
    `${HEAD}\nbitcoin,${BTC},"a\nb",c\nbitcoin,x,a,b`,
    'labels.csv:2: entity: contains control characters',
  ],
]

describe('parseLabelsCsv', () => {
  test.each(valid)('$name', ({ text, labels }) => {
    expect(parseLabelsCsv(text, { file: 'labels.csv' })).toEqual(labels)
  })

  test.each(invalid)('%s', (_name, text, message) => {
    let error: unknown
    try {
      parseLabelsCsv(text, { file: 'labels.csv' })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(LabelFileError)
    expect((error as LabelFileError).message).toBe(message)
    expect((error as LabelFileError).exitCode).toBe(2)
  })

  test('never throws anything but LabelFileError', () => {
    const alphabet = fc.constantFrom(
      ...'chain,address,entity,category,source,confidence,retrieved'.split(''),
      ',',
      '"',
      '\n',
      '\r',
      '#',
      ' ',
      '\u001b',
      '0',
      'x',
      BTC,
      EVM,
      `\n${HEAD}\n`,
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet).map((parts) => parts.join('')),
          fc.array(alphabet).map((parts) => `${HEAD}\n${parts.join('')}`),
        ),
        (text) => {
          try {
            parseLabelsCsv(text, { file: 'f.csv' })
          } catch (err) {
            if (!(err instanceof LabelFileError)) throw err
            expect(err.message).not.toContain('\n')
            expect(err.message.startsWith('f.csv')).toBe(true)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('loadLabelsFile', () => {
  test('reads a file and names it as the source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labels-'))
    const path = join(dir, 'mine.csv')
    writeFileSync(path, `${HEAD}\nbitcoin,${BTC},Genesis,service\n`)
    expect(loadLabelsFile(path)[0]?.source).toBe(path)
  })

  test('unreadable file', () => {
    expect(() => loadLabelsFile('/nonexistent/x.csv')).toThrow(
      new LabelFileError({
        file: '/nonexistent/x.csv',
        reason: 'cannot read file (ENOENT)',
      }),
    )
  })
})
