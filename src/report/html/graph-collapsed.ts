/** Big graphs drawn as one node per (hop, kind) group, with summed edges. */
import { formatUnits } from '../../core/amount.js'
import type { GraphNode, Report } from '../types.js'
import { decimalsOf, edgeAsset } from '../views/graph.js'
import {
  KIND_TITLE,
  kindOf,
  swapEdges,
  truncate,
  type ViewEdge,
  type ViewGraph,
  type ViewNode,
} from './graph-model.js'

function groupKey(report: Report, node: GraphNode): string {
  const kind = kindOf(report, node)
  const group =
    kind === 'exchange'
      ? `${node.hop}|exchange|${node.entity ?? ''}`
      : `${node.hop}|${kind}`
  // Groups never span chains: each chain keeps its band.
  return node.chain ? `${node.chain}|${group}` : group
}

/** One node per (hop, kind) — per entity for exchanges — with summed edges. */
export function collapsedView(report: Report): ViewGraph {
  const groups = new Map<string, ViewNode & { count: number }>()
  const groupOf = new Map<string, string>()
  for (const node of report.graph.nodes) {
    const key = groupKey(report, node)
    groupOf.set(node.id, key)
    const group = groups.get(key) ?? {
      id: key,
      hop: node.hop,
      kind: kindOf(report, node),
      lines: [],
      count: 0,
      chain: node.chain,
    }
    group.count++
    if (group.kind === 'exchange' && node.entity)
      group.lines = [truncate(node.entity, 32)]
    groups.set(key, group)
  }
  // Summed per asset: token amounts in different decimals never mix.
  const sums = new Map<
    string,
    { total: bigint; count: number; symbol: string; decimals: number }
  >()
  for (const edge of report.graph.edges) {
    const { symbol, contract } = edgeAsset(report, edge)
    const key = `${groupOf.get(edge.source)}\u0000${groupOf.get(edge.target)}\u0000${symbol}|${contract ?? ''}`
    const agg = sums.get(key) ?? {
      total: 0n,
      count: 0,
      symbol,
      decimals: decimalsOf(report, symbol, contract),
    }
    agg.total += BigInt(edge.taintedBase)
    agg.count++
    sums.set(key, agg)
  }
  const nodes = [...groups.values()].map(({ count, ...g }) => ({
    ...g,
    lines: [
      `hop ${g.hop} · ${KIND_TITLE[g.kind]}`,
      ...g.lines,
      `${count} address${count === 1 ? '' : 'es'}`,
    ],
  }))
  const edges = [...sums].map(([key, agg]) => {
    const [source = '', target = ''] = key.split('\u0000')
    const amount = formatUnits(agg.total, agg.decimals)
    return {
      source,
      target,
      label: `${agg.count} transfers · ${amount} ${agg.symbol}`,
    }
  })
  const swaps = new Map<string, ViewEdge>()
  for (const swap of swapEdges(report)) {
    const source = groupOf.get(swap.source) ?? ''
    const target = groupOf.get(swap.target) ?? ''
    swaps.set(`${source}\u0000${target}\u0000${swap.label}`, {
      ...swap,
      source,
      target,
    })
  }
  return {
    nodes,
    edges: [...edges, ...swaps.values()],
    collapsed: true,
    originalNodes: report.graph.nodes.length,
  }
}
