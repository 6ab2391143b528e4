/** One UTC timeline: the victim's chronology merged with the on-chain events. */

import {
  type GraphEdge,
  type Hit,
  type Report,
  UNVERIFIED,
  type UsdValue,
} from '../report/types.js'
import { nodesById } from '../report/views/graph.js'
import type { CaseFacts } from './schema.js'
import { parseLocalTime, toUtc } from './time.js'

type TimelineKind = 'victim' | 'theft' | 'hop' | 'deposit'

export type TimelineEntry = {
  /** UTC ISO instant; null for an unconfirmed transfer (sorted last). */
  utc: string | null
  /** The victim's time as written, with its zone; null for on-chain events. */
  local: { time: string; timezone: string } | null
  kind: TimelineKind
  what: string
  source: 'victim statement' | `on-chain: ${string}`
  txHash?: string | undefined
  usd?: UsdValue | undefined
}

/**
 * Attaches the case file to the report (report.json `caseFacts`), marking
 * every suspect identifier "victim-provided, unverified" in the data itself.
 */
export function applyCaseFacts(report: Report, caseFacts: CaseFacts): Report {
  const suspectIdentifiers = caseFacts.suspectIdentifiers.map((s) => ({
    ...s,
    status: UNVERIFIED,
  }))
  return { ...report, caseFacts: { ...caseFacts, suspectIdentifiers } }
}

type Chronology = Pick<CaseFacts, 'chronology' | 'timezone'>

function victimEntries(facts: Chronology): TimelineEntry[] {
  return facts.chronology.map((entry) => {
    const zone = entry.timezone ?? facts.timezone ?? 'UTC'
    const parsed = parseLocalTime(entry.time)
    const shownZone =
      entry.timezone ??
      facts.timezone ??
      (parsed?.explicit != null ? 'offset as written' : 'UTC')
    const t = toUtc(entry.time, zone)
    return {
      utc: t === null ? null : new Date(t).toISOString(),
      local: { time: entry.time, timezone: shownZone },
      kind: 'victim',
      what: entry.what,
      source: 'victim statement',
    }
  })
}

const outKey = (txHash: string, outputIndex: number) =>
  `${txHash}:${outputIndex}`

function chainEntries(report: Report): TimelineEntry[] {
  const sym = report.asset.symbol
  const nodes = nodesById(report)
  const addr = (id: string) => nodes.get(id)?.address ?? id
  const deposits = new Map<string, Hit>()
  for (const hit of report.hits)
    for (const o of hit.outputs)
      deposits.set(outKey(o.txHash, o.outputIndex), hit)
  const covered = new Set<string>()
  const entries = report.graph.edges.map((e: GraphEdge): TimelineEntry => {
    const key = outKey(e.txHash, e.outputIndex)
    const hit = deposits.get(key)
    if (hit) covered.add(key)
    const at = hit ? ` (deposit address at ${hit.entity})` : ''
    const route = `from ${addr(e.source)} to ${addr(e.target)}${at}`
    const kind: TimelineKind = e.hop === 1 ? 'theft' : hit ? 'deposit' : 'hop'
    const what =
      kind === 'theft'
        ? `Theft: ${e.tainted} ${sym} ${route}`
        : kind === 'deposit'
          ? `Deposit at ${hit?.entity}: ${e.tainted} ${sym} traced, hop ${e.hop}, ${route}`
          : `Hop ${e.hop}: ${e.tainted} ${sym} traced (output ${e.amount}) ${route}`
    return {
      utc: isoOrNull(e.time),
      local: null,
      kind,
      what,
      source: `on-chain: ${e.txHash}`,
      txHash: e.txHash,
      usd: e.usd,
    }
  })
  for (const hit of report.hits) {
    const missing = hit.outputs.filter(
      (o) => !covered.has(outKey(o.txHash, o.outputIndex)),
    )
    const first = missing[0]
    if (!first) continue
    entries.push({
      utc: isoOrNull(hit.firstSeen),
      local: null,
      kind: 'deposit',
      what: `Deposit at ${hit.entity}: ${hit.amount} ${sym} traced to deposit address ${hit.address}`,
      source: `on-chain: ${first.txHash}`,
      txHash: first.txHash,
      usd: hit.usd,
    })
  }
  return entries
}

function isoOrNull(time: string | null): string | null {
  if (!time) return null
  const t = Date.parse(time)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

const KIND_ORDER: Record<TimelineKind, number> = {
  victim: 0,
  theft: 1,
  hop: 2,
  deposit: 3,
}

/**
 * Victim statements and on-chain events on one UTC timeline, oldest first.
 * Ties keep victim statements first, then theft, hops, deposits, then input order.
 */
export function mergeTimeline(
  report: Report,
  caseFacts: Chronology | undefined = report.caseFacts,
): TimelineEntry[] {
  const all = [
    ...(caseFacts ? victimEntries(caseFacts) : []),
    ...chainEntries(report),
  ]
  return all
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      if (a.entry.utc !== b.entry.utc) {
        if (a.entry.utc === null) return 1
        if (b.entry.utc === null) return -1
        return a.entry.utc < b.entry.utc ? -1 : 1
      }
      const kind = KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind]
      return kind || a.index - b.index
    })
    .map(({ entry }) => entry)
}
