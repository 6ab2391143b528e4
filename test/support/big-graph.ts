/**
 * A generated laundering graph of any size for the explorer's browser test
 * and benchmark: from the victim the funds fan out hop by hop (one to three
 * outputs per address, a deterministic pseudo-random choice), and every
 * 40th address is an exchange deposit. Only the graph differs from
 * sampleReport(); amounts are base units with their decimal text.
 */
import { formatUnits } from '../../src/core/amount.js'
import type { GraphEdge, GraphNode, Report } from '../../src/report/types.js'
import { ADDR, sampleReport } from './sample-report.js'

export function generatedReport(size: number): Report {
  const base = sampleReport()
  const victim: GraphNode = {
    id: ADDR.victim,
    kind: 'address',
    address: ADDR.victim,
    hop: 0,
    role: 'victim',
  }
  const nodes: GraphNode[] = [victim]
  const edges: GraphEdge[] = []
  const frontier: GraphNode[] = [victim]
  let seed = 7
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
  }
  for (
    let parent = frontier.shift();
    parent && nodes.length < size;
    parent = frontier.shift()
  ) {
    const fan = 1 + (next() % 3)
    for (let k = 0; k < fan && nodes.length < size; k++) {
      const i = nodes.length
      const exchange = i % 40 === 39
      const address = `bc1qgen${i.toString().padStart(8, '0')}${'q'.repeat(24)}`
      const node: GraphNode = {
        id: address,
        kind: 'address',
        address,
        hop: parent.hop + 1,
        role: exchange ? 'exchange' : 'intermediate',
        ...(exchange
          ? {
              entity: i % 80 === 79 ? 'Kraken' : 'Binance',
              category: 'exchange',
            }
          : {}),
      }
      nodes.push(node)
      if (!exchange) frontier.push(node)
      const taint = BigInt(1000 + (next() % 1_000_000))
      const txHash = i.toString(16).padStart(64, '0')
      edges.push({
        id: `${txHash}:${k}`,
        source: parent.id,
        target: node.id,
        txHash,
        outputIndex: k,
        amountBase: String(taint),
        taintedBase: String(taint),
        amount: formatUnits(taint, 8),
        tainted: formatUnits(taint, 8),
        block: 900_000 + node.hop,
        time: '2026-03-01T10:00:00.000Z',
        hop: node.hop,
        policy: 'haircut',
      })
    }
  }
  return {
    ...base,
    hits: [],
    atRest: [],
    unexplored: [],
    graph: { nodes, edges },
  }
}
