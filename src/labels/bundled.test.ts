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
