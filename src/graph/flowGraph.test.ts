import { describe, expect, test } from 'vitest'
import { reportGraph } from '../report/graph.js'
import { exportGraph } from './export.js'
import {
  addTransfer,
  createFlowGraph,
  markNode,
  outputNodeId,
  pickSource,
  type Transfer,
} from './flowGraph.js'

const transfer = (over: Partial<Transfer>): Transfer => ({
  txid: 'b'.repeat(64),
  outputIndex: 0,
  address: 'bc1qout',
  amount: 150_000_000n,
  tainted: 100_000_000n,
  block: { height: 800_000, time: 1_690_000_000 },
  hop: 2,
  inputs: [{ node: 'bc1qin', address: 'bc1qin', taint: 100_000_000n }],
  unspent: false,
  ...over,
})

describe('flow graph', () => {
  test.each([
    { inputs: [5n, 9n, 9n], expected: 'n1' },
    { inputs: [3n, 3n], expected: 'n0' },
    { inputs: [0n], expected: 'n0' },
  ])(
    'pickSource: largest taint, first on ties ($expected)',
    ({ inputs, expected }) => {
      const nodes = inputs.map((taint, i) => ({
        node: `n${i}`,
        address: `n${i}`,
        taint,
      }))
      expect(pickSource(nodes)?.node).toBe(expected)
    },
  )

  test.each([
    { address: 'addr', unspent: false, id: 'addr' },
    { address: null, unspent: false, id: 'tx:1' },
    { address: 'addr', unspent: true, id: 'utxo:tx:1' },
  ])('outputNodeId → $id', ({ address, unspent, id }) => {
    expect(outputNodeId('tx', 1, address, unspent)).toBe(id)
  })

  test('transfers become edges; a late delta adds to the same edge', () => {
    const graph = createFlowGraph({
      chain: 'bitcoin',
      decimals: 8,
      policy: 'fifo',
    })
    addTransfer(graph, transfer({}))
    addTransfer(graph, transfer({ tainted: 5n }))
    addTransfer(
      graph,
      transfer({ outputIndex: 1, address: null, unspent: true }),
    )
    expect(graph.size).toBe(2)
    expect(graph.getEdgeAttribute(`${'b'.repeat(64)}:0`, 'tainted')).toBe(
      100_000_005n,
    )
    // As report.json writes it: decimal text, ISO times.
    const { nodes, edges } = reportGraph(exportGraph(graph), {
      chain: 'bitcoin',
      symbol: 'BTC',
      decimals: 8,
    })
    expect(nodes).toEqual([
      {
        id: 'bc1qin',
        kind: 'address',
        address: 'bc1qin',
        hop: 1,
        role: 'intermediate',
      },
      {
        id: 'bc1qout',
        kind: 'address',
        address: 'bc1qout',
        hop: 2,
        role: 'intermediate',
      },
      {
        id: `utxo:${'b'.repeat(64)}:1`,
        kind: 'utxo',
        address: null,
        hop: 2,
        role: 'intermediate',
      },
    ])
    expect(edges[0]).toEqual({
      id: `${'b'.repeat(64)}:0`,
      source: 'bc1qin',
      target: 'bc1qout',
      txHash: 'b'.repeat(64),
      outputIndex: 0,
      amountBase: '150000000',
      taintedBase: '100000005',
      amount: '1.5',
      tainted: '1.00000005',
      block: 800_000,
      time: '2023-07-22T04:26:40.000Z',
      hop: 2,
      policy: 'fifo',
    })
  })

  test('roles only move up: victim > exchange > service > seed > endpoint', () => {
    const graph = createFlowGraph({
      chain: 'bitcoin',
      decimals: 8,
      policy: 'haircut',
    })
    addTransfer(graph, transfer({}))
    markNode(graph, {
      node: 'bc1qout',
      reason: 'exchange',
      entity: 'Kraken',
      category: 'exchange',
    })
    markNode(graph, {
      node: 'bc1qout',
      reason: 'unspent',
      entity: null,
      category: null,
    })
    expect(graph.getNodeAttributes('bc1qout')).toMatchObject({
      role: 'exchange',
      entity: 'Kraken',
    })
    markNode(graph, { node: 'bc1qout', role: 'victim' })
    expect(graph.getNodeAttribute('bc1qout', 'role')).toBe('victim')
    markNode(graph, { node: 'missing', role: 'victim' })
    expect(graph.hasNode('missing')).toBe(false)
  })

  test('export order does not depend on insertion order', () => {
    const a = createFlowGraph({
      chain: 'bitcoin',
      decimals: 8,
      policy: 'haircut',
    })
    const b = createFlowGraph({
      chain: 'bitcoin',
      decimals: 8,
      policy: 'haircut',
    })
    const list = [
      transfer({ txid: 'c'.repeat(64), hop: 3, address: 'z' }),
      transfer({ txid: 'a'.repeat(64), hop: 3, address: 'y' }),
      transfer({ txid: 'a'.repeat(64), outputIndex: 10, hop: 3, address: 'x' }),
      transfer({ txid: 'a'.repeat(64), outputIndex: 2, hop: 3, address: 'w' }),
    ]
    for (const t of list) addTransfer(a, t)
    for (const t of [...list].reverse()) addTransfer(b, t)
    expect(exportGraph(a)).toEqual(exportGraph(b))
    expect(exportGraph(a).edges.map((e) => e.outputIndex)).toEqual([
      0, 2, 10, 0,
    ])
  })
})
