/** Stop rules 1–4 for one tainted output: victim, exchange, service, dust. */
import type { Confidence, Label, LabelLookup } from '../core/types.js'
import {
  conflictConfidence,
  flagOf,
  flagsFor,
  resolveAttribution,
} from '../labels/memory.js'
import { isExchangeLabel } from './attribution.js'

export type OutputStop = {
  reason: 'victim' | 'exchange' | 'service' | 'min-amount'
  detail: string
  entity: string | null
  category: string | null
  labels: Label[]
  flags: string[]
  confidence: Confidence | null
}

export type StopContext = {
  chain: string
  victims: ReadonlySet<string>
  labels: LabelLookup
  minAmount: bigint
  /** Renders an amount for a detail line. */
  format: (value: bigint) => string
}

const confidenceRank: Record<Confidence, number> = {
  official: 0,
  high: 1,
  medium: 2,
  low: 3,
}

const isFlagged = (label: Label) => flagOf(label) !== null

/** Labels in a stable order, most trusted first. */
export function sortLabels(labels: readonly Label[]): Label[] {
  return [...labels].sort(
    (a, b) =>
      confidenceRank[a.confidence] - confidenceRank[b.confidence] ||
      compare(a.entity, b.entity) ||
      compare(a.category, b.category) ||
      compare(a.source, b.source),
  )
}

/** `sanctioned` and/or `hack`, whatever the labels' exact category spelling. */
export function flagsOf(labels: readonly Label[]): string[] {
  return flagsFor(labels)
}

export function lookupLabels(
  ctx: Pick<StopContext, 'chain' | 'labels'>,
  address: string | null,
): Label[] {
  return address === null
    ? []
    : sortLabels(ctx.labels.lookup(ctx.chain, address))
}

/** The first stop among rules 1–4 that applies, or null to look further. */
export function classifyOutput(
  ctx: StopContext,
  output: { address: string | null; taint: bigint },
): OutputStop | null {
  const { address, taint } = output
  if (address !== null && ctx.victims.has(address))
    return stop('victim', 'paid back to a victim address', [], null)
  const labels = lookupLabels(ctx, address)
  const exchange = labels.find(isExchangeLabel)
  if (exchange) return stop('exchange', describe(exchange), labels, exchange)
  // Name the service by what it is (mixer, bridge) and flag sanctions apart.
  const service = labels.find((label) => !isFlagged(label)) ?? labels[0]
  if (service) return stop('service', describe(service), labels, service)
  if (taint < ctx.minAmount)
    return stop(
      'min-amount',
      `taint ${ctx.format(taint)} is below min-amount ${ctx.format(ctx.minAmount)}`,
      labels,
      null,
    )
  return null
}

function stop(
  reason: OutputStop['reason'],
  detail: string,
  labels: Label[],
  chosen: Label | null,
): OutputStop {
  const flags = flagsOf(labels)
  const attribution = resolveAttribution(labels)
  // Sources naming different owners: all are kept, trust drops one level.
  const conflict = attribution?.conflict ? attribution.entities : []
  const notes = [detail]
  if (flags.length > 0) notes.push(`flagged ${flags.join(', ')}`)
  if (conflict.length > 0)
    notes.push(`conflicting labels: ${conflict.join(' | ')}`)
  const confidence = chosen?.confidence ?? null
  return {
    reason,
    detail: notes.join('; '),
    entity: chosen?.entity ?? null,
    category: chosen?.category ?? null,
    labels,
    flags,
    confidence:
      confidence === null
        ? null
        : conflictConfidence(confidence, conflict.length > 0),
  }
}

const describe = (label: Label) =>
  `labelled ${label.entity} (${label.category}, ${label.confidence})`

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
