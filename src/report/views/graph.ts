/** Views over a Report's graph and assets, shared by the HTML, the CSVs, the exports and the freeze requests. */
import type {
  GraphEdge,
  GraphNode,
  Report,
  SwapRow,
  SwapSideRow,
} from '../types.js'

export function nodesById(report: Report): Map<string, GraphNode> {
  return new Map(report.graph.nodes.map((node) => [node.id, node]))
}

/** Edge ids that paid into each edge's source node: the "parent" hops. */
export function parentEdgeIds(report: Report): Map<string, string[]> {
  const into = new Map<string, string[]>()
  for (const edge of report.graph.edges) {
    const list = into.get(edge.target) ?? []
    list.push(edge.id)
    into.set(edge.target, list)
  }
  return new Map(
    report.graph.edges.map((edge) => [edge.id, into.get(edge.source) ?? []]),
  )
}

export function edgeKey(edge: GraphEdge): string {
  return `${edge.txHash}:${edge.outputIndex}`
}

/** The as-of height per chain: the highest tip any source reported. */
export function asOfHeights(
  report: Report,
): { chain: string; tip: number | null }[] {
  const tips = report.sources
    .map((s) => s.tipHeight)
    .filter((t): t is number => t !== null)
  return [
    { chain: report.case.chain, tip: tips.length ? Math.max(...tips) : null },
  ]
}

/** An asset as shown to a reader: the symbol, plus the token contract if any. */
export function assetName(
  symbol: string,
  contract?: string | undefined,
): string {
  return contract ? `${symbol} (token contract ${contract})` : symbol
}

/** What an edge moved: its own asset on EVM, the report's on Bitcoin. */
export function edgeAsset(
  report: Report,
  edge: GraphEdge,
): { symbol: string; contract: string | undefined } {
  return edge.asset
    ? { symbol: edge.asset, contract: edge.contract }
    : { symbol: report.asset.symbol, contract: report.asset.contract }
}

/** Decimals of an asset, from the per-asset reconciliations (EVM) or the headline. */
export function decimalsOf(
  report: Report,
  symbol: string,
  contract?: string | undefined,
): number {
  const same = (c: string | undefined) =>
    (c ?? '').toLowerCase() === (contract ?? '').toLowerCase()
  const match = report.reconciliations?.find(
    (r) => r.asset === symbol && same(r.contract),
  )
  if (match) return match.decimals
  return report.asset.decimals
}

/** The chain a node is on: its own in a trace across chains, else the case's. */
export function nodeChain(report: Report, node: GraphNode): string {
  return node.chain ?? report.case.chain
}

/**
 * The drawn nodes a swap joins: where asset A went in (the vault, router or
 * pool paid) and who received asset B. A side's address may not be a node
 * (a THORChain router's Deposit event names the vault, while the tx paid
 * the router, where the trace stopped): then the node its tx paid on that
 * chain stands for it, on the inbound side only a service.
 */
export function swapEnds(
  report: Report,
  swap: SwapRow,
): { source: GraphNode; target: GraphNode } | null {
  const byId = nodesById(report)
  const onChain = (node: GraphNode | undefined, chain: string) =>
    node && nodeChain(report, node) === chain ? node : undefined
  const byAddress = (side: SwapSideRow) =>
    report.graph.nodes.find(
      (n) => n.address === side.address && nodeChain(report, n) === side.chain,
    )
  // A node the side's tx paid on its chain: the output it names if drawn.
  const paid = (side: SwapSideRow, accept: (node: GraphNode) => boolean) => {
    const hash = side.txHash.toLowerCase()
    const hits = report.graph.edges.flatMap((edge) => {
      if (edge.txHash.toLowerCase() !== hash) return []
      const node = onChain(byId.get(edge.target), side.chain)
      return node && accept(node)
        ? [{ node, exact: edge.outputIndex === side.index }]
        : []
    })
    return (hits.find((h) => h.exact) ?? hits[0])?.node
  }
  const { inbound: a, outbound: b } = swap
  const source = byAddress(a) ?? paid(a, (n) => n.role === 'service')
  const target =
    paid(b, (n) => n.address === b.address) ??
    byAddress(b) ??
    paid(b, () => true)
  return source && target ? { source, target } : null
}
