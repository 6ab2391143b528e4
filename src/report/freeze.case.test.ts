import { describe, expect, test } from 'vitest'
import {
  ADDR,
  NASTY,
  sampleReport,
  TX,
} from '../../test/support/sample-report.js'
import { freezeRequests } from './freeze.js'
import { PLACEHOLDER } from './freeze-case.js'
import type { Report, ReportCaseFacts } from './types.js'

function withReports(reports: ReportCaseFacts['reports']): Report {
  return {
    ...sampleReport(),
    caseFacts: {
      victim: { name: 'Jane Example' },
      reports,
      chronology: [],
      platforms: [],
      victimAddresses: [],
      suspectIdentifiers: [],
    },
  }
}

const full = {
  police: 'CR-2026-0042',
  policeAgency: 'Metropolitan Police',
  officer: 'DC A. Example, badge 1234, a.example@police.example',
  legalBasis: 'Proceeds of Crime Act 2002 s.303Z1',
}

function binance(report: Report): string {
  return freezeRequests(report).find((r) => r.slug === 'binance')?.text ?? ''
}

describe('freeze request: the case file fills the sender and the legal basis', () => {
  test.each([
    ['full case file', full, Object.values(full), []],
    [
      'no case file',
      undefined,
      Object.values(PLACEHOLDER),
      Object.values(full),
    ],
    [
      'reference only',
      { police: 'CR-2026-0042' },
      ['CR-2026-0042', PLACEHOLDER.agency, PLACEHOLDER.legalBasis],
      [PLACEHOLDER.reference],
    ],
  ])('%s', (_name, reports, present, absent) => {
    const text = binance(reports ? withReports(reports) : sampleReport())
    for (const s of present) expect(text).toContain(s)
    for (const s of absent) expect(text).not.toContain(s)
    expect(text).toMatch(/\nLEGAL BASIS\n {2}\S/)
  })

  test('the subject names the agency and reference', () => {
    const subject = binance(withReports(full)).split('\n')[0] ?? ''
    expect(subject).toContain('Metropolitan Police / CR-2026-0042')
  })

  test('case-file text with markup or controls stays plain text', () => {
    const text = binance(
      withReports({
        police: NASTY.script,
        legalBasis: `a\rb\u202ec ${NASTY.img}`,
      }),
    )
    expect(text).not.toMatch(/[<>\r\u202e]/)
  })
})

describe('freeze request: addresses and txs in full', () => {
  test('the subject carries the full deposit address', () => {
    const subject = binance(sampleReport()).split('\n')[0] ?? ''
    expect(subject).toContain(ADDR.deposit)
    expect(subject).not.toContain('…')
  })

  test.each([
    ['Deposit tx', TX.t3],
    ['Sweep tx', TX.sweep],
  ])('%s %s is linked to the explorer', (what, tx) => {
    expect(binance(sampleReport())).toContain(
      `  ${what} ${tx}: https://mempool.space/tx/${tx}`,
    )
  })
})
