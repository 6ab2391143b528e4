/** The flow graph's view data: node kinds, their titles and short labels. */
import { KIND_TITLE, type NodeKind } from '../palette.js'
import type { GraphNode, Report } from '../types.js'

export { KIND_TITLE, type NodeKind }

export type ViewNode = {
  id: string
  hop: number
  kind: NodeKind
  lines: string[]
}
type ViewEdge = { source: string; target: string; label: string }
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
