/** Consistency of the hand-written case.json answers with the fixture txs. */
import { readdirSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  type FixtureTx,
  loadEsploraFixtures,
} from '../../../test/support/esplora-fixtures.js'

const root = new URL('../../../fixtures/esplora/', import.meta.url).pathname
type Amounts = { amountBase: string }
type PolicyResult = {
  totals: Record<string, string>
  hits: (Amounts & {
    address: string
    entity: string
    attribution: string
    receivedBase: string
    evidence: string[]
  })[]
  atRest: (Amounts & { txid: string; vout: number; address: string | null })[]
  stops: (Amounts & {
    reason: string
    txid: string
    vout: number
    spentBy: string
  })[]
}
type Case = {
  seedTxid: string
  victims: string[]
  expected: Record<'haircut' | 'poison' | 'fifo', PolicyResult>
}
type Tx = FixtureTx & {
  vout: { scriptpubkey_address?: string; value: number }[]
}

const sum = (xs: Amounts[]) => xs.reduce((a, x) => a + BigInt(x.amountBase), 0n)

describe.each(readdirSync(root).sort())('case %s', (name) => {
  const f = loadEsploraFixtures(`${root}${name}`)
  const c = f.case as Case
  const tx = (id: string) => f.txs.get(id) as Tx
  const labels = new Map(
    f.labelsCsv
      .trim()
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => {
        const [, address = '', entity = '', category = ''] = line.split(',')
        return [address, { entity, category }] as const
      }),
  )

  test('the seed tx is in the fixture', () => {
    expect(f.txs.has(c.seedTxid)).toBe(true)
  })

  describe.each(['haircut', 'poison', 'fifo'] as const)('%s', (policy) => {
    const e = c.expected[policy]
    const t = (k: string) => BigInt(e.totals[k] ?? 'x')

    test('totals reconcile exactly', () => {
      expect(t('atExchanges')).toBe(sum(e.hits))
      expect(t('atRest')).toBe(sum(e.atRest))
      expect(t('stopped')).toBe(sum(e.stops))
      expect(t('stolen') + t('absorbed')).toBe(
        t('atExchanges') +
          t('atRest') +
          t('stopped') +
          t('returnedToVictim') +
          t('fees'),
      )
    })

    // A case with nothing of a kind (no hits, no funds at rest, no coinjoin)
    // shows that test as skipped rather than passing having checked nothing.
    test.runIf(e.atRest.length > 0)(
      'funds at rest sit on unspent outputs, taint ≤ value',
      () => {
        for (const r of e.atRest) {
          const out = tx(r.txid).vout[r.vout]!
          expect(out.scriptpubkey_address ?? null).toBe(r.address)
          expect(BigInt(r.amountBase)).toBeLessThanOrEqual(BigInt(out.value))
          expect(f.outspends.get(r.txid)?.[r.vout]).toEqual({ spent: false })
        }
      },
    )

    test.runIf(e.hits.length > 0)(
      'hits: label hits are labelled exchanges; sweeps sweep to one entity',
      () => {
        for (const hit of e.hits) {
          expect(BigInt(hit.amountBase)).toBeLessThanOrEqual(
            BigInt(hit.receivedBase),
          )
          if (hit.attribution === 'label') {
            expect(labels.get(hit.address)).toEqual({
              entity: hit.entity,
              category: 'exchange',
            })
            continue
          }
          expect(labels.has(hit.address)).toBe(false)
          const sweep = tx(hit.evidence[0]!)
          const entities = sweep.vout.map(
            (o) => labels.get(o.scriptpubkey_address ?? '')?.entity,
          )
          expect(new Set(entities)).toEqual(new Set([hit.entity]))
          for (const vin of sweep.vin)
            expect(labels.has(vin.prevout?.scriptpubkey_address ?? '')).toBe(
              false,
            )
        }
      },
    )

    const coinjoins = e.stops.filter((s) => s.reason === 'coinjoin')
    test.runIf(coinjoins.length > 0)(
      'coinjoin stops are spent by a coinjoin-looking tx',
      () => {
        for (const stop of coinjoins) {
          const cj = tx(stop.spentBy)
          const values = cj.vout.map((o) => o.value)
          const top = Math.max(
            ...values.map((v) => values.filter((x) => x === v).length),
          )
          expect(cj.vin.length).toBeGreaterThanOrEqual(3)
          expect(top).toBeGreaterThanOrEqual(3)
          expect(f.outspends.get(stop.txid)?.[stop.vout]).toMatchObject({
            spent: true,
            txid: cj.txid,
          })
        }
      },
    )
  })
})
