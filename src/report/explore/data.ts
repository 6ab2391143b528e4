/** report.json's graph as the explorer's data: one node and edge list, labels and links resolved. */
import { stripUnsafe } from '../../core/text-safety.js'
import { kindOf } from '../html/graph-model.js'
import { reportId } from '../manifest.js'
import type { GraphEdge, GraphNode, LabelRef, Report } from '../types.js'
import { explorerTxUrl } from '../views/explorer.js'
import { decimalsOf, edgeAsset, nodeChain, nodesById } from '../views/graph.js'
import { swapEdgesOf } from './data-swaps.js'
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
  const data: ExploreData = {
    title,
    chains: [],
    cases: [],
    nodes: [],
    edges: [],
  }
  for (const input of inputs) {
    const { report, caseId } = input
    data.cases.push(exploreCase(input))
    const prefix = caseId ? `${caseId}/` : ''
    for (const node of report.graph.nodes)
      data.nodes.push(exploreNode(input, node, prefix))
    const chainOf = edgeChains(report)
    for (const edge of report.graph.edges)
      data.edges.push(exploreEdge(input, edge, prefix, chainOf(edge)))
    data.edges.push(...swapEdgesOf(report, prefix, caseId, input.evidence))
  }
  data.chains = chainsOf(inputs, data.nodes)
  return data
}

/** The report's own chain order (seed chain first), then any other a node is on. */
function chainsOf(inputs: CaseInput[], nodes: ExploreNode[]): string[] {
  const listed = inputs.flatMap(({ report }) => [
    report.case.chain,
    ...(report.chains ?? []),
  ])
  const drawn = new Set(nodes.map((n) => n.chain))
  return [...new Set([...listed, ...drawn])].filter((c) => drawn.has(c))
}

/** A transfer is on the chain of the address it paid. */
function edgeChains(report: Report): (edge: GraphEdge) => string {
  const byId = nodesById(report)
  return (edge) => {
    const node = byId.get(edge.target) ?? byId.get(edge.source)
    return node ? nodeChain(report, node) : report.case.chain
  }
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

function hitOf(
  report: Report,
  address: string | null,
  chain: string,
): ExploreHit | null {
  const hit = report.hits.find(
    (h) => h.address === address && h.chain === chain,
  )
  if (!hit) return null
  return {
    entity: safe(hit.entity),
    attribution: hit.attribution,
    confidence: hit.confidence,
    amount: hit.amount,
    asset: safe(hit.asset),
    evidenceTxs: hit.evidence.map((txHash) => ({
      txHash,
      url: explorerTxUrl(chain, txHash),
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
  const chain = nodeChain(report, node)
  const hit = hitOf(report, node.address, chain)
  return {
    id: prefix + node.id,
    caseId: input.caseId,
    chain,
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
  chain: string,
): ExploreEdge {
  const { report } = input
  const { symbol, contract } = assetOn(report, edge, chain)
  return {
    id: prefix + edge.id,
    caseId: input.caseId,
    source: prefix + edge.source,
    target: prefix + edge.target,
    chain,
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
    feeAsset: safe(nativeSymbol(report, chain)),
    policy: edge.policy,
    block: edge.block,
    time: edge.time,
    hop: edge.hop,
    url: explorerTxUrl(chain, edge.txHash),
    evidence: evidenceFor(input.evidence, [edge.txHash]),
  }
}

/**
 * What an edge moved. A UTXO edge names no asset: on the case's chain it is
 * the report's; on a chain a swap reached, the coin the swap paid there.
 */
function assetOn(
  report: Report,
  edge: GraphEdge,
  chain: string,
): { symbol: string; contract: string | undefined } {
  if (edge.asset || chain === report.case.chain) return edgeAsset(report, edge)
  const paid = swapNative(report, chain)
  return paid ? { symbol: paid, contract: undefined } : edgeAsset(report, edge)
}

function swapNative(report: Report, chain: string): string | undefined {
  return report.swaps?.find(
    (s) => s.outbound.chain === chain && !s.outbound.contract,
  )?.outbound.asset
}

/** Fees are paid in the chain's native coin, whatever the edge moved. */
function nativeSymbol(report: Report, chain: string): string {
  if (chain !== report.case.chain) {
    const paid = swapNative(report, chain)
    if (paid) return paid
  }
  return (
    report.reconciliations?.find((r) => !r.contract)?.asset ??
    report.asset.symbol
  )
}
