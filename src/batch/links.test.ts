import { describe, expect, test } from 'vitest'
import { NASTY, sampleReport } from '../../test/support/sample-report.js'
import type { GraphNode, Hit, Report } from '../report/types.js'
import { batchFreezeRequests } from './freeze.js'
import { renderIndexHtml } from './html.js'
import { crossCaseLinks, sumDecimals } from './links.js'
import { summaryCsv } from './summary.js'
import type { CaseOutcome } from './types.js'

const template = sampleReport()
const hitTemplate = template.hits[0] as Hit

function hit(entity: string, address: string, amountBase: bigint): Hit {
  const amount = sumDecimals([
    `${amountBase / 100_000_000n}.${(amountBase % 100_000_000n).toString().padStart(8, '0')}`,
  ])
  // Each deposit its own tx, paying exactly what is traced: distinct cases, distinct funds.
  const txHash = `${address}-${amountBase}`
  return {
    ...hitTemplate,
    entity,
    address,
    amount,
    amountBase: amountBase.toString(),
    received: amount,
    receivedBase: amountBase.toString(),
    txHashes: [txHash],
    outputs: [{ txHash, outputIndex: 0, block: 1 }],
  }
}

function node(address: string, role: GraphNode['role']): GraphNode {
  return { id: `a:${address}`, kind: 'address', address, hop: 1, role }
}

let seeds = 0
/** Each report its own theft tx, unless two cases are meant to repeat one. */
function report(
  nodes: GraphNode[],
  hits: Hit[],
  theft = `theft-${++seeds}`,
): Report {
  const base = sampleReport()
  return {
    ...base,
    case: { ...base.case, seeds: [{ kind: 'tx', txid: theft }] },
    hits,
    graph: { nodes, edges: [] },
  }
}

const cases = [
  {
    id: 'c1',
    dir: 'c1',
    report: report(
      [node('V1', 'victim'), node('T', 'intermediate'), node('D', 'exchange')],
      [hit('Binance', 'D', 50_000_000n)],
    ),
  },
  {
    id: 'c2',
    dir: 'c2',
    report: report(
      [
        node('V2', 'victim'),
        node('T', 'intermediate'),
        node('M', 'intermediate'),
        node('K', 'exchange'),
        node('D', 'exchange'),
      ],
      [hit('Binance', 'D', 12_000_000n), hit('Kraken', 'K', 7_000_000n)],
    ),
  },
  {
    id: 'c3',
    dir: 'c3',
    report: report(
      [node('V1', 'victim'), node('M', 'intermediate'), node('K', 'exchange')],
      [hit('Kraken', 'K', 90_000_000n)],
    ),
  },
]

describe('crossCaseLinks', () => {
  const links = crossCaseLinks(cases)

  test('addresses reached by more than one case, deposits first; victims are not links', () => {
    expect(
      links.sharedAddresses.map((s) => [
        s.address,
        s.kind,
        s.entities,
        s.cases,
      ]),
    ).toEqual([
      ['D', 'deposit', ['Binance'], ['c1', 'c2']],
      ['K', 'deposit', ['Kraken'], ['c2', 'c3']],
      ['M', 'intermediate', [], ['c2', 'c3']],
      ['T', 'intermediate', [], ['c1', 'c2']],
    ])
  })

  test('exchanges ranked by total traced, summed exactly in base units', () => {
    expect(
      links.exchanges.map((x) => [x.entity, x.totalBase, x.total, x.cases]),
    ).toEqual([
      ['Kraken', 97_000_000n, '0.97', ['c2', 'c3']],
      ['Binance', 62_000_000n, '0.62', ['c1', 'c2']],
    ])
  })

  test('sumDecimals is exact where floats are not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(
      sumDecimals(['123456789.123456789012345678', '0.000000000000000001']),
    ).toBe('123456789.123456789012345679')
  })
})

describe('batch outputs', () => {
  const hostile: CaseOutcome = {
    id: NASTY.img,
    dir: 'x-1',
    chain: 'bitcoin',
    status: 'complete',
    resumed: false,
    lookups: 0,
    fetched: 0,
    report: report([], [hit(NASTY.script, 'D', 1n)]),
  }
  const outcomes: CaseOutcome[] = [
    ...cases.map((c) => ({
      id: c.id,
      dir: c.dir,
      chain: 'bitcoin',
      status: 'complete' as const,
      resumed: false,
      lookups: 0,
      fetched: 0,
      report: c.report,
    })),
    hostile,
    {
      id: NASTY.formula,
      dir: 'f-2',
      chain: 'bitcoin',
      status: 'error',
      resumed: false,
      lookups: 0,
      fetched: 0,
      error: 'seed not found',
    },
  ]
  const links = crossCaseLinks(
    outcomes.flatMap((o) =>
      o.report ? [{ id: o.id, dir: o.dir, report: o.report }] : [],
    ),
  )
  const requests = batchFreezeRequests(links)

  test('one freeze request per exchange lists every deposit of every case', () => {
    expect(requests.map((r) => r.path)).toEqual([
      'freeze-requests/binance.txt',
      'freeze-requests/kraken.txt',
      'freeze-requests/script-alert-1-script.txt',
    ])
    const kraken = requests[1]?.text ?? ''
    expect(kraken.match(/Deposit address: K/g)).toHaveLength(2)
    expect(kraken).toContain('Case: c2')
    expect(kraken).toContain('Case: c3')
    expect(kraken).toContain('K: 0.97 BTC (bitcoin) from 2 case(s)')
    expect(requests[2]?.text).not.toMatch(/<script>/)
  })

  test('index.html escapes every untrusted string and links each case report', () => {
    const html = renderIndexHtml(outcomes, links, requests)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain('<a href="c2/report.html">c2</a>')
    expect(html).toContain('<a href="freeze-requests/kraken.txt">Kraken</a>')
    expect(html).not.toMatch(/<script|src=["']?http/i)
  })

  test('summary.csv: a row per case, formula cells neutralised', () => {
    const csv = summaryCsv(outcomes)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(outcomes.length + 1)
    expect(lines[2]).toContain(
      'c2,c2,bitcoin,complete,no,2,Binance 0.12 BTC; Kraken 0.07 BTC,BTC',
    )
    expect(lines[5]).toMatch(/^"'=HYPERLINK/)
  })
})
