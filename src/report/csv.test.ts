import { describe, expect, test } from 'vitest'
import {
  ADDR,
  NASTY,
  sampleReport,
  TX,
} from '../../test/support/sample-report.js'
import {
  atRestCsv,
  csvCell,
  hitsCsv,
  hopsCsv,
  toCsv,
  unexploredCsv,
} from './csv.js'

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['0.12345678', '0.12345678'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    [NASTY.formula, `"'=HYPERLINK(""http://x"",""y"")"`],
    [null, ''],
    [7, '7'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })
})

/** A minimal RFC 4180 parser, to check that files round-trip. */
function parse(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]
    if (quoted && ch === '"' && csv[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (quoted) {
      cell += ch
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      cell += ch
    }
  }
  return rows
}

describe('report CSVs', () => {
  const report = sampleReport()
  test('toCsv uses CRLF and a header row', () => {
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n')
  })

  test('hits.csv: one row per hit, exact amounts as text, hostile cells neutralised', () => {
    const rows = parse(hitsCsv(report))
    expect(rows).toHaveLength(3)
    const header = rows[0] ?? []
    const col = (name: string) => header.indexOf(name)
    expect(rows[1]?.[col('deposit_address')]).toBe(ADDR.deposit)
    expect(rows[1]?.[col('deposit_tx_hashes')]).toBe(TX.t3)
    expect(rows[1]?.[col('traced')]).toBe('0.35')
    expect(rows[1]?.[col('traced_base')]).toBe('35000000')
    expect(rows[2]?.[col('venue')]).toBe(NASTY.script)
  })

  test('hops.csv: one row per graph edge with explorer links', () => {
    const rows = parse(hopsCsv(report))
    expect(rows).toHaveLength(report.graph.edges.length + 1)
    const header = rows[0] ?? []
    expect(rows[1]?.[header.indexOf('explorer_url')]).toBe(
      `https://mempool.space/tx/${TX.theft}`,
    )
    expect(rows[1]?.[header.indexOf('traced')]).toBe('1')
  })

  test('no cell in any CSV starts with a formula trigger', () => {
    for (const csv of [hitsCsv, hopsCsv, atRestCsv, unexploredCsv].map((f) =>
      f(report),
    ))
      for (const row of parse(csv))
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  test('unexplored.csv keeps the hostile detail but as text', () => {
    const text = unexploredCsv(report)
    expect(text).toContain(`'=HYPERLINK(`)
    expect(text).toContain("'-outspends 503")
    expect(parse(text)).toHaveLength(3)
  })

  test('at-rest.csv says who could freeze', () => {
    const rows = parse(atRestCsv(report))
    expect(rows[1]).toContain(ADDR.rest)
    expect(rows[1]?.at(-1)).toMatch(/Nobody can freeze native BTC/)
  })
})
