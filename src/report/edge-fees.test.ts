import { describe, expect, test } from 'vitest'
import { withTxFees } from './edge-fees.js'
import { feeOnlyTxs } from './fee-only.js'
import type { GraphEdge } from './types.js'

const edge = (txHash: string, outputIndex: number): GraphEdge => ({
  id: `${txHash}:${outputIndex}`,
  source: 'a',
  target: 'b',
  txHash,
  outputIndex,
  amountBase: '1',
  taintedBase: '1',
  amount: '0.00000001',
  tainted: '0.00000001',
  block: 1,
  time: null,
  hop: 1,
  policy: 'haircut',
})

describe('withTxFees', () => {
  test("a tx's fee sits on its lowest-index edge only; repeated entries add their taint", () => {
    const edges = withTxFees(
      [edge('t1', 2), edge('t1', 0), edge('t2', 1)],
      [
        { txHash: 't1', fee: 10000n, feeTaint: 3n },
        { txHash: 't1', fee: 10000n, feeTaint: 4n },
        { txHash: 'gone', fee: 5n, feeTaint: 5n },
      ],
      8,
    )
    expect(edges.map((e) => [e.id, e.fee, e.tracedFeeBase])).toEqual([
      ['t1:2', undefined, undefined],
      ['t1:0', '0.0001', '7'],
      ['t2:1', undefined, undefined],
    ])
    expect(edges[1]?.feeBase).toBe('10000')
    expect(edges[1]?.tracedFee).toBe('0.00000007')
  })
})

describe('feeOnlyTxs', () => {
  test('keeps traced fees with no edge, merges repeats, orders by block then hash', () => {
    const rows = feeOnlyTxs(
      [edge('e', 0)],
      [
        { txHash: 'e', fee: 9n, feeTaint: 9n, block: 1 },
        { txHash: 'z', fee: 5n, feeTaint: 0n, block: 1 },
        { txHash: 'u', fee: 7n, feeTaint: 1n, block: null, from: ['p'] },
        { txHash: 'b', fee: 4n, feeTaint: 1n, hop: 3, block: 2, from: ['p'] },
        { txHash: 'a', fee: 4n, feeTaint: 2n, hop: 2, block: 2, from: ['q'] },
        { txHash: 'b', fee: 4n, feeTaint: 2n, hop: 2, block: 2, from: ['r'] },
      ],
      { chain: 'bitcoin', symbol: 'BTC', decimals: 8 },
    )
    expect(
      rows.map((r) => [r.txHash, r.hop, r.from, r.tracedFeeBase, r.tracedFee]),
    ).toEqual([
      ['a', 2, ['q'], '2', '0.00000002'],
      ['b', 2, ['p', 'r'], '3', '0.00000003'],
      ['u', null, ['p'], '1', '0.00000001'],
    ])
  })
})
