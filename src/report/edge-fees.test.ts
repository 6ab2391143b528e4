import { describe, expect, test } from 'vitest'
import { withTxFees } from './edge-fees.js'
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
