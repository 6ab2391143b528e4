import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { hasUnsafeText } from '../core/text-safety.js'
import type { Label } from '../core/types.js'
import { parseLabelsCsv } from './csv.js'
import { labelsCsv, labelsOfFiles } from './label-set.js'

const EVM = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'

const written: { name: string; labels: Label[] }[] = [
  {
    name: 'quotes, commas and markup in entity and source',
    labels: [
      {
        chain: 'ethereum',
        address: EVM,
        entity: '=HYPERLINK("http://x","y")',
        category: 'exchange',
        source: '<script>alert(1)</script>, "quoted"',
        confidence: 'medium',
        retrieved: '2026-03-30',
      },
    ],
  },
  {
    name: 'a leading # is data, not a comment; no retrieved date',
    labels: [
      {
        chain: 'bitcoin',
        address: BTC,
        entity: '#1 Exchange',
        category: 'mixer',
        source: 'x.csv',
        confidence: 'low',
      },
    ],
  },
]

describe('labelsCsv: labels in memory as a file parseLabelsCsv reads back', () => {
  test.each(written)('$name', ({ labels }) => {
    expect(parseLabelsCsv(labelsCsv(labels), { file: 'f.csv' })).toEqual(labels)
  })

  test('any entity and source without control characters survives', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !hasUnsafeText(s))
    fc.assert(
      fc.property(text, text, (entity, source) => {
        const label: Label = {
          chain: 'ethereum',
          address: EVM,
          entity,
          category: 'exchange',
          source,
          confidence: 'high',
        }
        expect(parseLabelsCsv(labelsCsv([label]), { file: 'f' })).toEqual([
          label,
        ])
      }),
    )
  })
})

test('labelsOfFiles: a file without a source column cites its name as given', () => {
  const labels = labelsOfFiles([
    {
      name: 'cases/my-exchanges.csv',
      text: `chain,address,entity,category\nethereum,${EVM},Kraken,exchange\n`,
    },
  ])
  expect(labels.map((l) => l.source)).toEqual(['cases/my-exchanges.csv'])
})
