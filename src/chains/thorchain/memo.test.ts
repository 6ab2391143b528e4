import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { chainOfThorAsset, normaliseHash, parseThorMemo } from './memo.js'

type Row = {
  memo: string
  seen: string
  expected: Record<string, unknown> & { chain?: string | null }
}
const fixtures = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/thorchain/memos.json', import.meta.url),
    'utf8',
  ),
) as { valid: Row[]; invalid: { memo: string; why: string }[] }

describe('parseThorMemo', () => {
  test.each(fixtures.valid)('valid: $memo', ({ memo, expected }) => {
    const parsed = parseThorMemo(memo)
    expect(parsed).not.toBeNull()
    const { chain, limit, ...fields } = expected
    expect(parsed).toMatchObject({ ...fields, memo })
    if (parsed?.kind !== 'swap') return
    expect(parsed.limit).toBe(limit === null ? null : BigInt(String(limit)))
    expect(parsed.streaming).toEqual(expected.streaming)
    expect(chainOfThorAsset(parsed.asset)).toBe(chain)
  })

  test.each(fixtures.invalid)('invalid: "$memo" ($why)', ({ memo }) => {
    expect(parseThorMemo(memo)).toBeNull()
  })

  test('a limit in scientific form and a refund address after the destination', () => {
    const parsed = parseThorMemo('s:b:bc1qdest/bc1qrefund:12e3/3/0')
    expect(parsed).toMatchObject({
      kind: 'swap',
      destination: 'bc1qdest',
      refundAddress: 'bc1qrefund',
      limit: 12000n,
      streaming: { interval: 3, quantity: 0 },
    })
  })

  test('EVM inbound hashes compare as THORChain writes them', () => {
    expect(normaliseHash(`0x${'ab'.repeat(32)}`)).toBe('AB'.repeat(32))
    expect(normaliseHash('0x12')).toBeNull()
  })
})
