import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  crossCheck,
  thornodeView,
  txStatusSchema,
  viewText,
} from './thornode.js'

const IN = 'A79CBB192C8CDE6C6253F74D00A7B2748D7A54D326D3CBFC32E94BBBE06F6A08'
const E1 = `0x${'e1'.repeat(32)}`
/** thornode TxStatusResponse fixtures (fixtures/README.md, "thornode"). */
const status = (name: string) =>
  txStatusSchema.parse(
    JSON.parse(
      readFileSync(
        new URL(`../../../fixtures/thornode/${name}.json`, import.meta.url),
        'utf8',
      ),
    ),
  )

describe('thornode tx status', () => {
  const cases = [
    {
      name: 'out_txs naming the payout found on chain',
      file: IN,
      found: { chain: 'ethereum', txHash: E1 },
      verdict: 'agrees',
    },
    {
      name: 'the same hash on another chain is not the same payout',
      file: IN,
      found: { chain: 'bsc', txHash: E1 },
      verdict: 'disputes',
    },
    {
      name: 'out_txs naming another tx',
      file: `${IN}.disputed`,
      found: { chain: 'ethereum', txHash: E1 },
      verdict: 'disputes',
    },
    {
      name: 'no outbound yet',
      file: `${IN}.pending`,
      found: { chain: 'ethereum', txHash: E1 },
      verdict: 'silent',
    },
  ] as const
  test.each(cases)('$name: $verdict', ({ file, found, verdict }) => {
    expect(crossCheck(thornodeView(status(file)), found).verdict).toBe(verdict)
  })

  test('a dispute names thornode’s hashes by chain', () => {
    expect(
      crossCheck(thornodeView(status(`${IN}.disputed`)), {
        chain: 'ethereum',
        txHash: E1,
      }),
    ).toEqual({
      verdict: 'disputes',
      theirs: [`ethereum 0x${'f1'.repeat(32)}`],
    })
  })

  test('views in words: pending, planned, unknown', () => {
    expect(viewText(thornodeView(status(`${IN}.pending`)))).toBe(
      'thornode: pending (swap pending), out hash not yet known',
    )
    const planned = status(IN)
    planned.out_txs = []
    expect(viewText(thornodeView(planned))).toBe(
      'thornode: outbound planned to ETH 0x2000000000000000000000000000000000000002, not yet signed',
    )
    expect(viewText(thornodeView(null))).toBe(
      'thornode does not know this inbound',
    )
  })

  test('a RUNE outbound (zero hash) is no payout to match', () => {
    const rune = status(IN)
    rune.out_txs = [{ id: '0'.repeat(64), chain: 'THOR', memo: `OUT:${IN}` }]
    expect(thornodeView(rune).kind).toBe('planned')
  })

  test('an answer without stages is refused', () => {
    expect(txStatusSchema.safeParse({ tx: {} }).success).toBe(false)
  })
})
