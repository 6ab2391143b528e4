import { describe, expect, it } from 'vitest'
import { crossCheck } from './crosscheck.js'
import type { EvmTransfer } from './types.js'

const ETH = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
const A = '0xaa'
const row = (over: Partial<EvmTransfer>): EvmTransfer => ({
  chain: 'ethereum',
  asset: ETH,
  kind: 'native',
  txHash: '0x1',
  block: { height: 1, time: 1 },
  txIndex: 0,
  logIndex: -1,
  from: A,
  to: '0xbb',
  value: 5n,
  ...over,
})

describe('crossCheck', () => {
  it('confirms matches with chain positions, drops unconfirmed rows, adds missed ones', async () => {
    const explorer = [
      row({}),
      row({
        kind: 'internal',
        from: '0xcc',
        to: A,
        value: 2n,
        logIndex: 9,
        txIndex: -1,
      }),
      row({ kind: 'internal', from: '0xcc', to: A, value: 99n, logIndex: 10 }),
    ]
    const chain = [
      row({ fee: 21n, txIndex: 4 }),
      row({
        kind: 'internal',
        from: '0xcc',
        to: A,
        value: 2n,
        logIndex: 3,
        txIndex: 4,
      }),
      row({
        kind: 'internal',
        from: '0xbb',
        to: A,
        value: 1n,
        logIndex: 4,
        txIndex: 4,
      }),
    ]
    const out = await crossCheck(explorer, A, async () => chain)
    expect(
      out.transfers.map((t) => [t.kind, t.value, t.logIndex, t.txIndex]),
    ).toEqual([
      ['native', 5n, -1, 4],
      ['internal', 2n, 3, 4],
      ['internal', 1n, 4, 4],
    ])
    expect(out.discrepancies.map((d) => [d.side, d.transfer.value])).toEqual([
      ['explorer-only', 99n],
      ['rpc-only', 1n],
    ])
  })

  it.each([
    ['the same block', { height: 1, time: 1, hash: '0xb1' }, []],
    ['another height', { height: 2, time: 13, hash: '0xb2' }, ['block-moved']],
    [
      'another hash at that height',
      { height: 1, time: 1, hash: '0xc1' },
      ['block-moved'],
    ],
    ['a row without a hash, same height', { height: 1, time: 1 }, []],
  ])('a transfer the node has in %s', async (_name, explorerBlock, sides) => {
    const onChain = row({
      block: { height: 1, time: 1, hash: '0xb1' },
      txIndex: 2,
    })
    const out = await crossCheck(
      [row({ block: explorerBlock })],
      A,
      async () => [onChain],
    )
    expect(out.discrepancies.map((d) => d.side)).toEqual(sides)
    // Either way the node's position is the one used.
    expect(out.transfers).toEqual([onChain])
  })
})
