/**
 * Which evidence files lie behind a tx or an address: a record belongs to
 * every tx hash and address its request names (URL or JSON-RPC body).
 */
import type { Report } from '../types.js'

/** Lower-cased tx hash or address → bundle-relative evidence paths. */
export type EvidenceIndex = Map<string, string[]>

const TOKEN = /[0-9a-z]{26,}/g

/** The tx hashes and addresses of the report's graph, lower-cased. */
export function evidenceTokens(report: Report): Set<string> {
  const wanted = new Set<string>()
  for (const edge of report.graph.edges) wanted.add(edge.txHash.toLowerCase())
  for (const node of report.graph.nodes)
    if (node.address) wanted.add(node.address.toLowerCase())
  for (const hit of report.hits)
    for (const tx of hit.evidence) wanted.add(tx.toLowerCase())
  return wanted
}

/** Adds one record's path under every wanted token its request names. */
export function indexEvidence(
  index: EvidenceIndex,
  wanted: ReadonlySet<string>,
  path: string,
  request: { url?: unknown; requestBody?: unknown },
): void {
  const text = `${String(request.url ?? '')} ${String(request.requestBody ?? '')}`
  const seen = new Set(text.toLowerCase().match(TOKEN) ?? [])
  for (const token of seen) {
    if (!wanted.has(token)) continue
    const paths = index.get(token) ?? []
    paths.push(path)
    index.set(token, paths)
  }
}

/** The files behind any of `keys`, each once, in bundle order. */
export function evidenceFor(
  index: EvidenceIndex,
  keys: readonly (string | null)[],
): string[] {
  const paths = new Set<string>()
  for (const key of keys)
    for (const path of key ? (index.get(key.toLowerCase()) ?? []) : [])
      paths.add(path)
  return [...paths].sort()
}
