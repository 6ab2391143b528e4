import { describe, expect, test } from 'vitest'
import { ADDR, sampleReport, TX } from '../../test/support/sample-report.js'
import { parseCaseFile } from './load.js'
import { applyCaseFacts, mergeTimeline } from './timeline.js'

const facts = parseCaseFile(`timezone: Europe/London
victim:
  name: Jane Doe
chronology:
  - time: 2026-03-01T10:55
    what: Noticed the balance was gone
  - time: 2026-02-28T20:00
    timezone: America/New_York
    what: Scammer asked me to "verify" my wallet
  - time: 2026-03-01T12:30:00Z
    what: Called my bank
  - time: 2026-07-01T09:00
    what: Filed a police report
`)

describe('mergeTimeline', () => {
  const report = applyCaseFacts(sampleReport(), facts)
  const timeline = mergeTimeline(report)

  test('one UTC order: victim zones converted, ties put statements first', () => {
    expect(timeline.map((e) => [e.utc, e.kind, e.source])).toEqual([
      ['2026-03-01T01:00:00.000Z', 'victim', 'victim statement'],
      ['2026-03-01T10:00:00.000Z', 'theft', `on-chain: ${TX.theft}`],
      ['2026-03-01T10:55:00.000Z', 'victim', 'victim statement'],
      ['2026-03-01T11:00:00.000Z', 'hop', `on-chain: ${TX.t2}`],
      ['2026-03-01T11:00:00.000Z', 'hop', `on-chain: ${TX.t2}`],
      ['2026-03-01T12:30:00.000Z', 'victim', 'victim statement'],
      ['2026-03-01T12:30:00.000Z', 'hop', `on-chain: ${TX.t3}`],
      ['2026-03-01T12:30:00.000Z', 'hop', `on-chain: ${TX.t4}`],
      ['2026-03-01T12:30:00.000Z', 'deposit', `on-chain: ${TX.t3}`],
      ['2026-03-01T12:30:00.000Z', 'deposit', `on-chain: ${TX.t4}`],
      ['2026-03-01T14:00:00.000Z', 'hop', `on-chain: ${TX.t5}`],
      ['2026-03-01T14:00:00.000Z', 'hop', `on-chain: ${TX.t5}`],
      ['2026-03-01T14:00:00.000Z', 'hop', `on-chain: ${TX.t6}`],
      ['2026-03-02T09:15:00.000Z', 'hop', `on-chain: ${TX.t7}`],
      ['2026-07-01T08:00:00.000Z', 'victim', 'victim statement'],
    ])
  })

  test('victim entries keep the local time and zone as written', () => {
    const first = timeline[0]
    expect(first?.local).toEqual({
      time: '2026-02-28T20:00',
      timezone: 'America/New_York',
    })
    expect(first?.what).toBe('Scammer asked me to "verify" my wallet')
    const offset = timeline.find((e) => e.what === 'Called my bank')
    expect(offset?.local).toEqual({
      time: '2026-03-01T12:30:00Z',
      timezone: 'Europe/London',
    })
  })

  test('on-chain entries carry full addresses, amounts and the venue', () => {
    const theft = timeline.find((e) => e.kind === 'theft')
    expect(theft?.what).toBe(`Theft: 1 BTC from ${ADDR.victim} to ${ADDR.a1}`)
    const deposit = timeline.find((e) => e.kind === 'deposit')
    expect(deposit?.what).toBe(
      `Deposit at Binance: 0.35 BTC traced, hop 3, from ${ADDR.a2} to ${ADDR.deposit} (deposit address at Binance)`,
    )
    expect(deposit?.txHash).toBe(TX.t3)
  })

  test('a hit with no graph edge still appears, at its firstSeen', () => {
    const base = sampleReport()
    const bare = { ...base, graph: { nodes: base.graph.nodes, edges: [] } }
    const entries = mergeTimeline(bare, facts).filter(
      (e) => e.kind === 'deposit',
    )
    expect(entries.map((e) => [e.utc, e.source])).toEqual([
      ['2026-03-01T12:30:00.000Z', `on-chain: ${TX.t3}`],
      ['2026-03-01T12:30:00.000Z', `on-chain: ${TX.t4}`],
    ])
  })

  test('unconfirmed transfers sort last; no case facts gives the chain alone', () => {
    const base = sampleReport()
    const edges = base.graph.edges.map((e, i) =>
      i === 0 ? { ...e, time: null } : e,
    )
    const entries = mergeTimeline({ ...base, graph: { ...base.graph, edges } })
    expect(entries.every((e) => e.kind !== 'victim')).toBe(true)
    expect(entries.at(-1)?.utc).toBeNull()
    expect(entries.at(-1)?.kind).toBe('theft')
  })
})
