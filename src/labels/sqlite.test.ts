import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import type { Label } from '../core/types.js'
import { createLabelDb, type LabelDb } from './sqlite.js'

const EVM = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'

const labels: Label[] = [
  {
    chain: 'ethereum',
    address: EVM,
    entity: 'Acme 1',
    category: 'exchange',
    source: 'a.csv',
    confidence: 'high',
    retrieved: '2024-01-01',
  },
  {
    chain: 'ethereum',
    address: EVM,
    entity: 'Other',
    category: 'exchange',
    source: 'b.csv',
    confidence: 'medium',
  },
  {
    chain: 'bitcoin',
    address: BECH,
    entity: 'Acme_2%',
    category: 'exchange',
    source: 'a.csv',
    confidence: 'official',
  },
]

let db: LabelDb | undefined
afterEach(() => db?.close())

test('round trip, duplicates ignored, conflicts kept', () => {
  const path = join(
    mkdtempSync(join(tmpdir(), 'labeldb-')),
    'sub',
    'labels.sqlite',
  )
  db = createLabelDb({ path })
  expect(db.insertMany(labels, 'test')).toBe(3)
  expect(db.insertMany(labels, 'test')).toBe(0)
  expect(db.lookup('eth', EVM.toUpperCase().replace('0X', '0x'))).toEqual([
    { ...labels[0], origin: 'test' },
    { ...labels[1], origin: 'test' },
  ])
  expect(db.lookup('bitcoin', BECH.toUpperCase())).toHaveLength(1)
  expect(db.lookup('bsc', EVM)).toEqual([])
  db.close()

  db = createLabelDb({ path, readonly: true })
  expect(db.count()).toBe(3)
  expect(db.listByEntity('acme').map((l) => l.entity)).toEqual([
    'Acme 1',
    'Acme_2%',
  ])
  // LIKE wildcards in the query are literal
  expect(db.listByEntity('_2%').map((l) => l.entity)).toEqual(['Acme_2%'])
  expect(db.listByEntity('%')).toHaveLength(1)
  expect(db.stats()).toEqual({
    path,
    total: 3,
    byChain: { ethereum: 2, bitcoin: 1 },
    byCategory: { exchange: 3 },
    bySource: { 'a.csv': 2, 'b.csv': 1 },
    byConfidence: { high: 1, medium: 1, official: 1 },
    byOrigin: { test: 3 },
  })
})
