/** Views over a Report shared by the HTML, the CSVs and the freeze requests. */
import { KNOWN_TOKENS } from '../../chains/evm/erc20.js'
import type {
  AtRest,
  GraphEdge,
  GraphNode,
  Hit,
  LabelRef,
  Report,
} from '../types.js'

/** "2026-03-01 10:00:00 UTC" from an ISO time; explicit zone, never local. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return 'unconfirmed'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

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

export type LabelView = {
  entity: string
  category: string
  source: string
  confidence: string
  retrieved: string
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
  }
}

function fromNode(node: GraphNode): LabelView {
  return {
    entity: node.entity ?? '',
    category: node.category ?? '',
    source: 'label store (see attribution register)',
    confidence: '',
    retrieved: '',
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

/** Hits grouped by exchange entity, in first-appearance order. */
export function hitsByEntity(report: Report): Map<string, Hit[]> {
  const groups = new Map<string, Hit[]>()
  for (const hit of report.hits) {
    const list = groups.get(hit.entity) ?? []
    list.push(hit)
    groups.set(hit.entity, list)
  }
  return groups
}

/** A filesystem-safe slug for an entity name; hostile names cannot escape. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'exchange'
}

/** Stable, unique slugs per entity (collisions get -2, -3 ...). */
export function entitySlugs(entities: Iterable<string>): Map<string, string> {
  const used = new Set<string>()
  const slugs = new Map<string, string>()
  for (const entity of entities) {
    const base = slugify(entity)
    let slug = base
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`
    used.add(slug)
    slugs.set(entity, slug)
  }
  return slugs
}

const ISSUERS: Record<string, string> = {
  USDT: 'Tether can freeze USDT at a self-custody address on a verified law-enforcement request',
  USDC: 'Circle can blocklist USDC at an address on a legal order (US court order)',
}

/**
 * The issuer's name is only given for the real token: a contract is checked
 * against the known contracts, because anyone can deploy a token called USDT.
 */
function issuerFor(report: Report, rest: AtRest): string | undefined {
  const symbol = rest.asset.toUpperCase()
  const issuer = ISSUERS[symbol]
  if (!issuer) return undefined
  if (!rest.contract) return issuer
  const known = KNOWN_TOKENS[rest.chain || report.case.chain]?.[symbol]
  return known?.toLowerCase() === rest.contract.toLowerCase()
    ? issuer
    : undefined
}

/** Who could act on funds at rest, stated without overpromising. */
export function whoCanFreeze(report: Report, rest: AtRest): string {
  const issuer = issuerFor(report, rest)
  if (issuer) return issuer
  if (rest.contract)
    return `Token ${rest.asset} (contract ${rest.contract}): only its issuer could freeze it, if the contract allows; ask the issuer through its law-enforcement channel. Police can watch the address and seek seizure.`
  const unlabelled = !report.graph.nodes.some(
    (n) => n.address === rest.address && n.entity,
  )
  return unlabelled
    ? `Nobody can freeze native ${rest.asset} held at an unlabelled (self-custody) address. Police can watch it and seek seizure; if it moves to an exchange, request a freeze there.`
    : `The service operating this address, on a law-enforcement request.`
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
