/** The flow graph's view data: node kinds, their titles and short labels. */
import { KIND_TITLE, type NodeKind } from '../palette.js'
import type { GraphNode, Report } from '../types.js'
import { swapEnds } from '../views/graph.js'

export { KIND_TITLE, type NodeKind }

export type ViewNode = {
  id: string
  hop: number
  kind: NodeKind
  lines: string[]
  /** Traces across chains: the band the node is drawn in. */
  chain?: string | undefined
}
/** `swap`: asset A in, asset B out (a THORChain or same-tx DEX swap), drawn apart from transfers. */
export type ViewEdge = {
  source: string
  target: string
  label: string
  swap?: boolean | undefined
}
export type ViewGraph = {
  nodes: ViewNode[]
  edges: ViewEdge[]
  collapsed: boolean
  originalNodes: number
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export function kindOf(report: Report, node: GraphNode): NodeKind {
  if (node.role !== 'endpoint') return node.role
  if (report.atRest.some((r) => r.address === node.address)) return 'rest'
  if (report.unexplored.some((u) => u.address === node.address))
    return 'unexplored'
  return 'endpoint'
}

/**
 * Each swap as one edge from where asset A went in (the vault, router or
 * pool) to whoever received asset B, where both are drawn.
 */
export function swapEdges(report: Report): ViewEdge[] {
  return (report.swaps ?? []).flatMap((s) => {
    const ends = swapEnds(report, s)
    if (!ends) return []
    const kind =
      s.protocol === 'thorchain' || s.protocol === 'dex' ? 'swap' : 'bridge'
    // thornode confirming or disputing the match is shown; "unconfirmed" says nothing of it.
    const check =
      s.crossCheck && s.crossCheck.verdict !== 'unconfirmed'
        ? ` (${s.crossCheck.verdict} by ${s.crossCheck.source})`
        : ''
    const label = `${kind} ${truncate(s.inbound.asset, 10)} → ${truncate(s.outbound.asset, 10)}${check}`
    return [
      { source: ends.source.id, target: ends.target.id, label, swap: true },
    ]
  })
}
