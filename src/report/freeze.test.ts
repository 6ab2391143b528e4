import { describe, expect, test } from 'vitest'
import {
  ADDR,
  NASTY,
  sampleReport,
  TX,
} from '../../test/support/sample-report.js'
import { freezeRequests } from './freeze.js'

const report = sampleReport()
const requests = freezeRequests(report, { bundleSha256: 'e'.repeat(64) })

describe('freezeRequests', () => {
  test('one request per exchange entity, with safe file names', () => {
    expect(requests.map((r) => r.path)).toEqual([
      'freeze-requests/binance.txt',
      'freeze-requests/script-alert-1-script.txt',
    ])
  })

  test.each([
    ['binance', ADDR.deposit, TX.t3, '0.35'],
    ['script-alert-1-script', ADDR.labelled, TX.t4, '0.25'],
  ])(
    '%s: deposit address, tx hash, amount, time, policy, action',
    (slug, address, tx, amount) => {
      const text = requests.find((r) => r.slug === slug)?.text ?? ''
      expect(text).toContain(`Deposit address: ${address}`)
      expect(text).toContain(`Deposit tx: ${tx} output 0, block 938006`)
      expect(text).toContain(`Freeze up to ${amount} BTC`)
      expect(text).toContain('2026-03-01 12:30:00 UTC')
      expect(text).toContain('haircut policy')
      expect(text).toMatch(
        /Preserve all records .* KYC documents, login and IP logs/,
      )
      expect(text).toContain(`https://mempool.space/tx/${tx}`)
      expect(text).toContain('[CASE / CRIME REFERENCE NO.]')
      expect(text).toContain(`Bundle SHA-256: ${'e'.repeat(64)}`)
      expect(text).toContain(
        'the holder of the account credited by the deposit address',
      )
    },
  )

  test('the chronology starts with the theft tx', () => {
    const text = requests[0]?.text ?? ''
    const chrono = text.slice(text.indexOf('CHRONOLOGY'))
    expect(chrono).toMatch(new RegExp(`Theft tx \\(hop 1\\): ${TX.theft}`))
  })

  test('deposit-sweep attribution names its evidence', () => {
    expect(requests[0]?.text).toContain(`sweep tx ${TX.sweep}`)
  })

  test.each(requests.map((r) => [r.slug, r.text]))(
    '%s: no markup, no accusation',
    (_slug, text) => {
      expect(text).not.toContain(NASTY.script)
      expect(text).not.toContain(NASTY.img)
      expect(text).not.toMatch(/[<>]/)
      expect(text).not.toMatch(/thief|scammer|criminal/i)
      for (const line of text.split('\n'))
        expect(line).not.toMatch(/[\r\u202e]/)
    },
  )

  test('no exchange hit, no request', () => {
    expect(freezeRequests({ ...report, hits: [] })).toEqual([])
  })
})
