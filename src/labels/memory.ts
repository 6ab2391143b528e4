import type { Confidence, Label, LabelLookup } from '../core/types.js'
import { addressKey } from './normalize.js'

export type LabelIndex = LabelLookup & {
  readonly size: number
  /** Every label, in insertion order. */
  all(): readonly Label[]
}

/** In-memory lookup keyed by chain + normalised address; duplicates kept. */
export function createLabelIndex(labels: readonly Label[]): LabelIndex {
  const byKey = new Map<string, Label[]>()
  for (const label of labels) {
    const key = addressKey(label.chain, label.address)
    const list = byKey.get(key)
    if (list) list.push(label)
    else byKey.set(key, [label])
  }
  return {
    size: labels.length,
    all: () => labels,
    lookup: (chain, address) => byKey.get(addressKey(chain, address)) ?? [],
  }
}

/** Asks every store and returns all their labels, none dropped. */
export function combineLookups(...stores: readonly LabelLookup[]): LabelLookup {
  return {
    lookup: (chain, address) =>
      stores.flatMap((store) => store.lookup(chain, address)),
  }
}

const RANK: Record<Confidence, number> = {
  official: 3,
  high: 2,
  medium: 1,
  low: 0,
}
const BY_RANK: readonly Confidence[] = ['low', 'medium', 'high', 'official']

export function lowerConfidence(confidence: Confidence): Confidence {
  return BY_RANK[Math.max(0, RANK[confidence] - 1)] ?? 'low'
}

/** Sources naming different owners: everything is kept, trust drops one level. */
export function conflictConfidence(
  confidence: Confidence,
  conflict: boolean,
): Confidence {
  return conflict ? lowerConfidence(confidence) : confidence
}

export function compareConfidence(a: Confidence, b: Confidence): number {
  return RANK[a] - RANK[b]
}

type AttributionFlag = 'sanctioned' | 'hack'

export type Attribution = {
  entity: string
  category: string
  confidence: Confidence
  /** True when the labels name more than one entity. */
  conflict: boolean
  /** Distinct entities named, best-supported first. */
  entities: string[]
  flags: AttributionFlag[]
  /** Every label, strongest first, to be shown side by side. */
  labels: Label[]
}

const HACK_CATEGORY = /hack|exploit|heist|theft|stolen/

/** The flag a label raises: any sanctions or hack/theft category, whatever its spelling. */
export function flagOf(label: Label): AttributionFlag | null {
  const category = label.category.toLowerCase()
  if (category.includes('sanction')) return 'sanctioned'
  if (HACK_CATEGORY.test(category)) return 'hack'
  return null
}

export function flagsFor(labels: readonly Label[]): AttributionFlag[] {
  const raised = new Set(labels.map(flagOf))
  return (['sanctioned', 'hack'] as const).filter((flag) => raised.has(flag))
}

/** Entity names that only say "some list holds this address". */
// biome-ignore format: a word list reads better packed
const GENERIC_ENTITIES = new Set([
  '', 'unknown', 'ofac', 'ofac sdn', 'ofac sdn list', 'ofac sdn listed', 'sdn',
  'sdn list', 'sanctioned', 'sanctions',
])
// biome-ignore format: a word list reads better packed
const NOISE = new Set([
  'hot', 'cold', 'wallet', 'wallets', 'reserve', 'reserves', 'storage',
  'deposit', 'old', 'new', 'the', 'btc', 'eth', 'erc20', 'trx', 'com', 'net',
  'org', 'io',
])

/**
 * "Binance 14", "binance hot wallet" and "Binance" are one entity; numbering
 * and wallet words are noise, so they do not count as a conflict.
 */
export function entityKey(entity: string): string {
  return entity
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !/^\d+$/.test(word) && !NOISE.has(word))
    .join(' ')
}

export function isGenericEntity(entity: string): boolean {
  return GENERIC_ENTITIES.has(entity.trim().toLowerCase())
}

/**
 * Summarises labels without hiding any: the strongest label names the entity;
 * if others name a different entity the result is a conflict and its
 * confidence drops one level. Sanctions-list entries that name nobody do not
 * conflict with a named owner — they raise the `sanctioned` flag instead.
 */
export function resolveAttribution(
  labels: readonly Label[],
): Attribution | undefined {
  if (labels.length === 0) return undefined
  const sorted = [...labels].sort((a, b) =>
    compareConfidence(b.confidence, a.confidence),
  )
  const named = sorted.filter((l) => !isGenericEntity(l.entity))
  const entities = new Map<string, string>()
  for (const label of named) {
    const key = entityKey(label.entity) || label.entity.toLowerCase()
    if (!entities.has(key)) entities.set(key, label.entity)
  }
  const best = named[0] ?? sorted[0]!
  const conflict = entities.size > 1
  return {
    entity: best.entity,
    category: best.category,
    confidence: conflictConfidence(best.confidence, conflict),
    conflict,
    entities: [...entities.values()],
    flags: flagsFor(labels),
    labels: sorted,
  }
}
