/** A batch never asks an exchange to freeze more than an address received. */
import { describe, expect, test } from 'vitest'
import { sampleReport } from '../../test/support/sample-report.js'
import type { GraphEdge, Hit, Report } from '../report/types.js'
import { batchFreezeRequests } from './freeze.js'
import { renderIndexHtml } from './html.js'
import { crossCaseLinks } from './links.js'

const THEFT_A = 'a1'.repeat(32)
const THEFT_B = 'b2'.repeat(32)
const DEPOSIT_TX_1 = 'd1'.repeat(32)
const DEPOSIT_TX_2 = 'd2'.repeat(32)
const DEPOSIT = 'bc1qdeposit0shared0000000000000000000000000'

const btc = (base: bigint) =>
  `${base / 100_000_000n}.${(base % 100_000_000n).toString().padStart(8, '0')}`.replace(
    /\.?0+$/,
    '',
  )

type Credit = { tx: string; received: bigint }

/** A case seeded by `theft` tracing `traced` to DEPOSIT, paid by `credits`. */
function theftCase(
  id: string,
  theft: string,
  traced: bigint,
  credits: Credit[],
): { id: string; dir: string; report: Report } {
  const base = sampleReport()
  const template = base.hits[0] as Hit
  const received = credits.reduce((a, c) => a + c.received, 0n)
  const edges: GraphEdge[] = credits.map((c) => ({
    ...(base.graph.edges[0] as GraphEdge),
    id: `${c.tx}:0`,
    target: `addr:${DEPOSIT}`,
    txHash: c.tx,
    outputIndex: 0,
    amountBase: String(c.received),
    amount: btc(c.received),
  }))
  const hit: Hit = {
    ...template,
    entity: 'Binance',
    address: DEPOSIT,
    amount: btc(traced),
    amountBase: String(traced),
    received: btc(received),
    receivedBase: String(received),
    txHashes: credits.map((c) => c.tx),
    outputs: credits.map((c) => ({ txHash: c.tx, outputIndex: 0, block: 1 })),
  }
  return {
    id,
    dir: id,
    report: {
      ...base,
      case: { ...base.case, seeds: [{ kind: 'tx', txid: theft }] },
      hits: [hit],
      graph: { nodes: base.graph.nodes, edges },
    },
  }
}

const once = [{ tx: DEPOSIT_TX_1, received: 150_000_000n }]

describe('batch freeze request amounts', () => {
  test.each([
    {
      name: 'the same theft listed twice: merged, asked once',
      cases: [
        theftCase('c1', THEFT_A, 99_999_998n, once),
        theftCase('c1-again', THEFT_A, 99_999_998n, once),
      ],
      line: `${DEPOSIT}: 0.99999998 BTC (bitcoin) from 1 case(s)`,
    },
    {
      name: 'two thefts, one deposit tx: capped at what the tx paid',
      cases: [
        theftCase('c1', THEFT_A, 99_999_998n, once),
        theftCase('c2', THEFT_B, 99_999_998n, once),
      ],
      line: `${DEPOSIT}: 1.5 BTC (bitcoin) from 2 case(s) — capped`,
    },
    {
      name: 'two thefts, two deposit txs: summed',
      cases: [
        theftCase('c1', THEFT_A, 90_000_000n, once),
        theftCase('c2', THEFT_B, 90_000_000n, [
          { tx: DEPOSIT_TX_2, received: 100_000_000n },
        ]),
      ],
      line: `${DEPOSIT}: 1.8 BTC (bitcoin) from 2 case(s)\n`,
    },
  ])('$name', ({ cases, line }) => {
    const text = batchFreezeRequests(crossCaseLinks(cases))[0]?.text ?? ''
    expect(text).toContain(line)
    expect(text).not.toContain(`${DEPOSIT}: 1.99999996`)
  })

  test('a merged duplicate is named in the letter, summary page and links', () => {
    const cases = [
      theftCase('c1', THEFT_A, 99_999_998n, once),
      theftCase('c1-again', THEFT_A, 99_999_998n, once),
    ]
    const links = crossCaseLinks(cases)
    expect(links.duplicates).toEqual([{ kept: 'c1', merged: ['c1-again'] }])
    expect(links.deposits).toHaveLength(1)
    const requests = batchFreezeRequests(links)
    const text = requests[0]?.text ?? ''
    expect(text).toContain('DUPLICATE CASES MERGED')
    expect(text).toContain(
      'c1 and c1-again seed the same theft (same seeds): counted once, as c1.',
    )
    expect(text.match(/Deposit address: /g)).toHaveLength(1)
    const outcomes = cases.map((c) => ({
      ...c,
      chain: 'bitcoin',
      status: 'complete' as const,
      resumed: false,
      lookups: 0,
      fetched: 0,
    }))
    expect(renderIndexHtml(outcomes, links, requests)).toContain(
      '<strong>Warning:</strong> c1 and c1-again seed the same theft',
    )
  })

  test('a hostile case id in the duplicate warning stays escaped', () => {
    const links = crossCaseLinks([
      theftCase('<script>x</script>', THEFT_A, 1n, once),
      theftCase('c2\r\u202e', THEFT_A, 1n, once),
    ])
    const text = batchFreezeRequests(links)[0]?.text ?? ''
    expect(text).not.toMatch(/[<>\r\u202e]/)
  })
})

describe('batch freeze request: sender and legal basis from the case files', () => {
  const withReports = (
    c: ReturnType<typeof theftCase>,
    reports: Record<string, string>,
  ) => ({
    ...c,
    report: {
      ...c.report,
      caseFacts: {
        victim: { name: 'V' },
        reports,
        chronology: [],
        platforms: [],
        victimAddresses: [],
        suspectIdentifiers: [],
      },
    },
  })
  const agency = {
    policeAgency: 'Metropolitan Police',
    legalBasis: 'POCA 2002 s.303Z1',
  }

  test.each([
    {
      name: 'cases agree: the letter is from that agency, on that basis',
      refs: [
        { ...agency, police: 'CR-1' },
        { ...agency, police: 'CR-2' },
      ],
      present: [
        'From: Metropolitan Police,',
        'LEGAL BASIS\n  POCA 2002 s.303Z1',
        'Case reference: [CASE / CRIME REFERENCE NO.]',
        '  c1 — reference CR-1; Metropolitan Police',
        '  c2 — reference CR-2; Metropolitan Police',
      ],
    },
    {
      name: 'no case files: placeholders and a legal-basis section still',
      refs: [{}, {}],
      present: ['From: [AGENCY FULL NAME]', 'LEGAL BASIS\n  [LEGAL AUTHORITY'],
    },
  ])('$name', ({ refs, present }) => {
    const cases = [
      withReports(theftCase('c1', THEFT_A, 1n, once), refs[0] ?? {}),
      withReports(
        theftCase('c2', THEFT_B, 1n, [{ tx: DEPOSIT_TX_2, received: 1n }]),
        refs[1] ?? {},
      ),
    ]
    const text = batchFreezeRequests(crossCaseLinks(cases))[0]?.text ?? ''
    for (const s of present) expect(text).toContain(s)
  })
})
