import { describe, expect, test } from 'vitest'
import {
  evmSampleReport,
  sampleReport,
} from '../../test/support/sample-report.js'
import type { Report } from '../report/types.js'
import { formatSummary } from './summary.js'

/** A token-only theft: no ETH was stolen (the sample's hostile token still was). */
function usdtOnly(): Report {
  const report = evmSampleReport()
  const zero = { amount: '0', amountBase: '0' }
  return {
    ...report,
    reconciliations: (report.reconciliations ?? []).map((r) =>
      r.asset === 'ETH' ? { ...r, stolen: zero } : r,
    ),
  }
}

describe('the stdout summary', () => {
  test.each([
    [
      'Bitcoin',
      sampleReport,
      /^Traced \S+ BTC stolen across/m,
      'unspent as of the tip',
    ],
    [
      'EVM, ETH and USDT',
      evmSampleReport,
      /^Traced 10 ETH, 5000 USDT and 1000 <img src=x onerror=alert\(1\)> stolen across/m,
      'still held as of the tip',
    ],
    [
      'EVM, USDT only',
      usdtOnly,
      /^Traced 5000 USDT and 1000 <img src=x onerror=alert\(1\)> stolen across/m,
      'still held as of the tip',
    ],
  ] as const)(
    '%s: every stolen asset in the headline; at-rest wording by model',
    (_name, make, headline, atRest) => {
      const report = make()
      const text = formatSummary(report)
      expect(text).toMatch(headline)
      // Every sample has funds at rest, so the wording is always checked.
      expect(report.atRest.length).toBeGreaterThan(0)
      expect(text).toContain(atRest)
    },
  )
})

test('a hostile headline symbol cannot drive the terminal from the Reconciliation line', () => {
  const report = sampleReport()
  const hostile = {
    ...report,
    asset: { ...report.asset, symbol: 'USD\u001b[2J\u202eT' },
  }
  const line = formatSummary(hostile)
    .split('\n')
    .find((l) => l.startsWith('Reconciliation:'))
  expect(line).toMatch(/ USD\ufffd\[2J\ufffdT — /)
})
