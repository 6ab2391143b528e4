import { expect, test } from 'vitest'
import { bundledOrigins, loadBundledLabels } from './bundled.js'
import { normalizeAddress } from './normalize.js'

test('every bundled label is normalised, sourced and has a known origin', () => {
  const labels = loadBundledLabels()
  const origins = new Set(bundledOrigins().map((o) => o.id))
  expect(labels.length).toBeGreaterThan(1000)
  for (const label of labels) {
    expect(normalizeAddress(label.chain, label.address)).toBe(label.address)
    expect(label.source).not.toBe('')
    expect(origins.has(label.origin)).toBe(true)
  }
  for (const o of bundledOrigins()) expect(o.licence).not.toBe('')
})

test('Tron: exchange wallets from their published sources and OFAC TRX addresses', () => {
  const tron = loadBundledLabels().filter((l) => l.chain === 'tron')
  const origin = (id: string) =>
    bundledOrigins().find((o) => o.id === id)?.licence ?? ''
  const exchanges = new Set(
    tron.filter((l) => l.category === 'exchange').map((l) => l.entity),
  )
  expect([...exchanges]).toEqual(
    expect.arrayContaining(['Binance', 'Bitfinex', 'Huobi']),
  )
  // Bitfinex's own list names its Tron hot wallet.
  expect(tron).toContainEqual(
    expect.objectContaining({
      address: 'TXFBqBbqJommqZf7BV8NNYzePh97UmJodJ',
      entity: 'Bitfinex',
      confidence: 'official',
    }),
  )
  const sanctioned = tron.filter((l) => l.category === 'sanctioned')
  expect(sanctioned.length).toBeGreaterThan(0)
  for (const l of tron) expect(origin(l.origin)).not.toBe('')
})
