/** report.json's graph as the explorer's data: one node and edge list, labels and links resolved. */
import { stripUnsafe } from '../../core/text-safety.js'
import { kindOf } from '../html/graph-model.js'
import { reportId } from '../manifest.js'
import type { GraphEdge, GraphNode, LabelRef, Report } from '../types.js'
import { explorerTxUrl } from '../views/explorer.js'
import { decimalsOf, edgeAsset } from '../views/graph.js'
import { type EvidenceIndex, evidenceFor } from './evidence-index.js'
import type {
  ExploreCase,
  ExploreData,
  ExploreEdge,
  ExploreHit,
  ExploreLabel,
  ExploreNode,
} from './types.js'

export type CaseInput = {
  report: Report
  /** '' for a single bundle; the case folder in a batch page. */
  caseId: string
  reportHref: string
  evidence: EvidenceIndex
}

const safe = (text: string): string => stripUnsafe(text)

export function exploreData(title: string, inputs: CaseInput[]): ExploreData {
  const data: ExploreData = { title, cases: [], nodes: [], edges: [] }
  for (const input of inputs) {
    data.cases.push(exploreCase(input))
    const prefix = input.caseId ? `${input.caseId}/` : ''
    for (const node of input.report.graph.nodes)
      data.nodes.push(exploreNode(input, node, prefix))
    for (const edge of input.report.graph.edges)
      data.edges.push(exploreEdge(input, edge, prefix))
  }
  return data
}

function exploreCase({ report, caseId, reportHref }: CaseInput): ExploreCase {
  return {
    id: caseId,
    reportId: reportId(report),
    chain: report.case.chain,
    status: report.status,
    reportHref,
  }
}

function label(ref: LabelRef): ExploreLabel {
  return {
    entity: safe(ref.entity),
    category: safe(ref.category),
    source: safe(ref.source),
    confidence: ref.confidence,
  }
}

/** Every label the report holds on the address, each once. */
function labelsOf(report: Report, address: string | null): ExploreLabel[] {
  if (!address) return []
  const refs: LabelRef[] = []
  for (const hit of report.hits.filter((h) => h.address === address)) {
    refs.push(...hit.labels)
    for (const basis of hit.basis ?? [])
      if (basis.kind === 'heuristic' || basis.address === address)
        refs.push(basis)
  }
  for (const stop of report.unexplored.filter((u) => u.address === address))
    refs.push(...(stop.labels ?? []))
  const seen = new Set<string>()
  return refs.map(label).filter((l) => {
    const key = `${l.entity}\u0000${l.category}\u0000${l.source}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function hitOf(report: Report, address: string | null): ExploreHit | null {
  const hit = report.hits.find((h) => h.address === address)
  if (!hit) return null
  return {
    entity: safe(hit.entity),
    attribution: hit.attribution,
    confidence: hit.confidence,
    amount: hit.amount,
    asset: safe(hit.asset),
    evidenceTxs: hit.evidence.map((txHash) => ({
      txHash,
      url: explorerTxUrl(report.case.chain, txHash),
    })),
  }
}

function noteOf(report: Report, address: string | null): string | null {
  if (!address) return null
  const rest = report.atRest.filter((r) => r.address === address)
  if (rest.length)
    return rest
      .map(
        (r) =>
          `at rest: ${r.amount} ${safe(r.asset)} traced of ${r.value} as of block ${r.asOfBlock}`,
      )
      .join('; ')
  const stops = report.unexplored.filter((u) => u.address === address)
  if (stops.length)
    return stops
      .map((u) => `not followed (${u.reason}): ${safe(u.detail)}`)
      .join('; ')
  return null
}

function exploreNode(
  input: CaseInput,
  node: GraphNode,
  prefix: string,
): ExploreNode {
  const { report } = input
  const hit = hitOf(report, node.address)
  return {
    id: prefix + node.id,
    caseId: input.caseId,
    chain: report.case.chain,
    address: node.address,
    hop: node.hop,
    kind: kindOf(report, node),
    entity: node.entity ? safe(node.entity) : null,
    category: node.category ? safe(node.category) : null,
    labels: labelsOf(report, node.address),
    hit,
    note: noteOf(report, node.address),
    evidence: evidenceFor(input.evidence, [
      node.address,
      ...(hit?.evidenceTxs ?? []).map((t) => t.txHash),
    ]),
  }
}

function exploreEdge(
  input: CaseInput,
  edge: GraphEdge,
  prefix: string,
): ExploreEdge {
  const { report } = input
  const { symbol, contract } = edgeAsset(report, edge)
  return {
    id: prefix + edge.id,
    caseId: input.caseId,
    source: prefix + edge.source,
    target: prefix + edge.target,
    chain: report.case.chain,
    txHash: edge.txHash,
    outputIndex: edge.outputIndex,
    asset: safe(symbol),
    decimals: decimalsOf(report, symbol, contract),
    amount: edge.amount,
    amountBase: edge.amountBase,
    tainted: edge.tainted,
    taintedBase: edge.taintedBase,
    fee: edge.fee ?? null,
    tracedFee: edge.tracedFee ?? null,
    feeAsset: safe(nativeSymbol(report)),
    policy: edge.policy,
    block: edge.block,
    time: edge.time,
    hop: edge.hop,
    url: explorerTxUrl(report.case.chain, edge.txHash),
    evidence: evidenceFor(input.evidence, [edge.txHash]),
  }
}

/** Fees are paid in the native coin, whatever the edge moved. */
function nativeSymbol(report: Report): string {
  return (
    report.reconciliations?.find((r) => !r.contract)?.asset ??
    report.asset.symbol
  )
}
