import { describe, expect, test } from 'vitest'
import { BatchFileError, detectFormat, parseCases } from './cases.js'

const TX1 = 'a'.repeat(64)
const TX2 = 'b'.repeat(64)
const VICTIM = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'
const EVM_TX = `0x${'c'.repeat(64)}`
const EVM_ADDR = '0x1111111111111111111111111111111111111111'
const noFiles = () => false

describe('valid files', () => {
  test.each([
    [
      'csv',
      `case_id,chain,tx,victim\nc1,bitcoin,${TX1},${VICTIM}\nc2,,${TX2}:1,\n`,
    ],
    [
      'jsonl',
      `{"case_id":"c1","chain":"bitcoin","tx":"${TX1}","victim":"${VICTIM}"}\n\n{"case_id":"c2","txs":["${TX2}:1"]}\n`,
    ],
  ])('%s', (format, text) => {
    const { cases } = parseCases(text, {
      file: `cases.${format}`,
      fileExists: noFiles,
    })
    expect(
      cases.map((c) => [c.id, c.dir, c.chain, c.txs, c.victims, c.line]),
    ).toEqual([
      // jsonl: line 2 is blank, so c2 is on line 3 in both files
      ['c1', 'c1', 'bitcoin', [TX1], [VICTIM], format === 'csv' ? 2 : 1],
      ['c2', 'c2', 'bitcoin', [`${TX2}:1`], [], 3],
    ])
  })

  test('several values in one cell, options, EVM rows, quoted fields', () => {
    const text = [
      'case_id,chain,tx,victim,policy,max_hops,min_amount,note',
      `"a, b",bitcoin,"${TX1};${TX2}","${VICTIM}",fifo,5,0.001,"said ""hi"""`,
      `e1,ethereum,${EVM_TX},${EVM_ADDR},,,,`,
    ].join('\r\n')
    const { cases } = parseCases(text, { fileExists: noFiles })
    expect(cases[0]).toMatchObject({
      id: 'a, b',
      txs: [TX1, TX2],
      policy: 'fifo',
      maxHops: 5,
      minAmount: '0.001',
      note: 'said "hi"',
    })
    expect(cases[0]?.dir).not.toContain(',')
    expect(cases[1]).toMatchObject({
      chain: 'ethereum',
      txs: [EVM_TX],
      victims: [EVM_ADDR],
    })
  })

  test('uppercase txids are normalised', () => {
    const { cases, warnings } = parseCases(
      `case_id,tx\nc1,${TX1.toUpperCase()}\n`,
      {
        fileExists: noFiles,
      },
    )
    expect(cases[0]?.txs).toEqual([TX1])
    expect(warnings).toEqual([])
  })

  // A misspelt column would run the case without what it holds.
  test.each([
    [
      'misspelt column',
      `case_id,tx,victim_address\nc1,${TX1},${VICTIM}\n`,
      'line 1: header: unknown column "victim_address"; did you mean "victim"?',
    ],
    [
      'misspelt column, by spelling',
      `case_id,tx,vicitm\nc1,${TX1},${VICTIM}\n`,
      'line 1: header: unknown column "vicitm"; did you mean "victim"?',
    ],
    [
      'unknown column with no near name',
      `case_id,tx,colour\nc1,${TX1},red\n`,
      'line 1: header: unknown column "colour"',
    ],
    [
      'semicolon file',
      `id;txid\nc1;${TX1}\n`,
      'line 1: header: "id;txid" is not a cases header; columns must be separated by commas',
    ],
    [
      'data on line 1',
      `${TX1}\n${TX1}\n`,
      `line 1: header: "${TX1.slice(0, 57)}..." is not a cases header (expected`,
    ],
    [
      'misspelt JSONL key',
      `{"case_id":"c1","tx":"${TX1}","victim_adress":"${VICTIM}"}\n`,
      'line 1: "victim_adress": unknown field; did you mean "victim"?',
    ],
  ])('%s is an error naming it', (_name, text, message) => {
    let error: unknown
    try {
      parseCases(text, { fileExists: noFiles })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(BatchFileError)
    const lines = (error as BatchFileError).metaMessages
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(message)
    expect(lines.join('\n')).not.toContain('give a tx')
  })

  test.each([
    ['cases.jsonl', 'x', 'jsonl'],
    ['cases.csv', '{', 'csv'],
    ['cases', '  {"a":1}', 'jsonl'],
    ['cases.txt', 'case_id,tx', 'csv'],
  ])('format of %s', (file, text, format) => {
    expect(detectFormat(text, file)).toBe(format)
  })
})

function problems(text: string, file = 'cases.csv') {
  try {
    parseCases(text, { file, fileExists: noFiles })
  } catch (err) {
    expect(err).toBeInstanceOf(BatchFileError)
    const e = err as BatchFileError
    expect(e.exitCode).toBe(2)
    expect(e.metaMessages).toHaveLength(e.problems.length)
    return e.problems.map((p) => `${p.line} ${p.field}: ${p.reason}`)
  }
  throw new Error('expected a BatchFileError')
}

describe('every bad row is reported with line, field and reason', () => {
  test('csv', () => {
    const text = [
      'case_id,chain,tx,victim,policy,max_hops,labels',
      `ok,bitcoin,${TX1},${VICTIM},,,`,
      `bad-tx,bitcoin,nothex,${VICTIM},,,`,
      `bad-victim,bitcoin,${TX1},bc1qnotanaddress,,,`,
      `,bitcoin,${TX1},,,,`,
      `ok,bitcoin,${TX2},,,,`,
      `bad-opts,bitcoin,${TX1},,greedy,-1,missing.csv`,
      `nochain,dogecoin,${TX1},,,,`,
      'nothing,bitcoin,,,,,',
      `short,bitcoin,${TX1}`,
      `vout,bitcoin,${TX1}:x,,,,`,
    ].join('\n')
    expect(problems(text)).toEqual([
      '3 tx: invalid txid "nothex": expected 64 hexadecimal characters',
      '4 victim: invalid bitcoin address "bc1qnotanaddress"',
      '5 case_id: is required',
      '6 case_id: duplicate of line 2',
      '7 policy: must be poison, haircut or fifo',
      '7 max_hops: must be positive',
      '8 chain: unknown chain "dogecoin"',
      '9 tx: give a tx or an address to trace',
      '10 (row): has 3 fields, the header has 7',
      `11 tx: invalid tx "${TX1}:x": expected TXID or TXID:VOUT`,
    ])
  })

  test('a missing label file is a bad row', () => {
    expect(problems(`case_id,tx,labels\nc1,${TX1},nope.csv\n`)).toEqual([
      '2 labels: no such file "nope.csv"',
    ])
  })

  test('jsonl', () => {
    const text = [
      `{"case_id":"a","tx":"${TX1}"}`,
      '{not json',
      '[1,2]',
      `{"case_id":"b","tx":"${TX1}","max_hops":"many"}`,
      `{"case_id":"c","chain":"ethereum","tx":"${TX1}"}`,
      `{"case_id":7,"tx":"${TX1}"}`,
    ].join('\n')
    expect(problems(text, 'cases.jsonl')).toEqual([
      '2 (row): is not valid JSON',
      '3 (row): must be a JSON object',
      '4 max_hops: must be a number',
      `5 tx: invalid EVM transaction hash "${TX1}" (it looks like a bitcoin value: set the chain, e.g. --chain bitcoin)`,
      '6 case_id: is required',
    ])
  })

  test('a CSV syntax error names its line', () => {
    expect(problems(`case_id,tx\nc1,"${TX1}\n`)).toEqual([
      '2 (row): unterminated quoted field',
    ])
  })
})
