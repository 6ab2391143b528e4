/** Who an address belongs to, as shown to a reader, and on whose word. */
import type { Label } from '../../core/types.js'
import type { GraphNode, Hit, LabelRef, Report } from '../types.js'

/** A label as the report cites it; `retrieved` only when the source dated it. */
export function labelRef(label: Label): LabelRef {
  const ref: LabelRef = {
    entity: label.entity,
    category: label.category,
    source: label.source,
    confidence: label.confidence,
  }
  if (label.retrieved !== undefined) ref.retrieved = label.retrieved
  return ref
}

export type LabelView = {
  entity: string
  category: string
  source: string
  confidence: string
  retrieved: string
  /** deposit-sweep: the sweep txs that `source` names, for rendering as identifiers. */
  sweepTxs: string[]
}

/** The label shown for an address: from the hit that names it, else the node. */
export function labelFor(
  report: Report,
  node: GraphNode | undefined,
): LabelView | null {
  if (!node?.address) return node?.entity ? fromNode(node) : null
  const hit = report.hits.find((h) => h.address === node.address)
  if (hit) return fromHit(hit)
  return node.entity ? fromNode(node) : null
}

function fromHit(hit: Hit): LabelView {
  const label: LabelRef | undefined = hit.labels[0]
  const basis =
    hit.attribution === 'deposit-sweep'
      ? `deposit-sweep (sweep tx ${hit.evidence.join(', ')})`
      : (label?.source ?? 'label store')
  return {
    entity: hit.entity,
    category: hit.category,
    source: basis,
    confidence: hit.confidence,
    retrieved: label?.retrieved ?? '',
    sweepTxs: hit.attribution === 'deposit-sweep' ? [...hit.evidence] : [],
  }
}

function fromNode(node: GraphNode): LabelView {
  return {
    entity: node.entity ?? '',
    category: node.category ?? '',
    source: 'label store (see attribution register)',
    confidence: '',
    retrieved: '',
    sweepTxs: [],
  }
}

/** One entry per distinct label behind the report's attributions. */
export function attributionRegister(report: Report): {
  address: string
  entity: string
  category: string
  source: string
  retrieved: string
  confidence: string
  basis: string
}[] {
  const rows = []
  for (const hit of report.hits) {
    const basis =
      hit.attribution === 'deposit-sweep'
        ? `deposit-sweep: swept by ${hit.evidence.join(', ')} into addresses labelled below`
        : 'address label'
    for (const label of hit.labels) {
      rows.push({
        address: hit.address,
        entity: label.entity,
        category: label.category,
        source: label.source,
        retrieved: label.retrieved ?? 'unknown',
        confidence: label.confidence,
        basis,
      })
    }
  }
  return rows
}
