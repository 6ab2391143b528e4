/**
 * The deposit-sweep rule, once for both chain models (Victor 2020): an
 * unlabelled address whose tainted funds are swept into exchange-labelled
 * wallets is a deposit address at that exchange. The walks decide which
 * transfers are the sweep; this module decides what the labels on the
 * swept-to wallets say, whom the deposit belongs to and how far to trust it.
 */
import { TRACE_DEFAULTS } from '../core/defaults.js'
import type { Confidence, Label } from '../core/types.js'
import {
  compareConfidence,
  conflictConfidence,
  entityKey,
  isGenericEntity,
} from '../labels/memory.js'

/** A behavioural inference is weaker than a label on the address itself. */
export const SWEEP_CONFIDENCE: Confidence = 'medium'

/**
 * Account chains: a deposit address forwards within this many blocks of the
 * tainted inflow (~40 min on Ethereum). UTXO chains need no window: the sweep
 * tx itself spends the deposit.
 */
export const SWEEP_WINDOW_BLOCKS: number = TRACE_DEFAULTS.sweepWindowBlocks

/** The parts of a label the rule reads; report rows carry no chain or address. */
export type LabelLike = Pick<
  Label,
  'entity' | 'category' | 'source' | 'confidence'
>

/** One exchange the labels say might operate the deposit, and who says so. */
export type Candidate<L extends LabelLike = Label> = {
  entity: string
  /** Its labels, most trusted first. */
  labels: L[]
  /** Distinct label sources, in label order. */
  sources: string[]
}

export type DepositAttribution = {
  /** The best-supported candidate: the one a single name must show. */
  entity: string
  confidence: Confidence
  /** Every exchange named, best-supported first. */
  candidates: Candidate[]
  /** Every exchange label, in candidate order. */
  labels: Label[]
  /** True when the labels name more than one exchange. */
  conflict: boolean
}

export const isExchangeLabel = (label: Pick<Label, 'category'>) =>
  label.category.toLowerCase().startsWith('exchange')

/**
 * The deposit's attribution from the labels on each swept-to wallet, or
 * undefined when some wallet carries no exchange label (then the sweep pays
 * someone else too, and the rule does not apply).
 */
export function attributeSweep(
  recipients: readonly (readonly Label[])[],
): DepositAttribution | undefined {
  if (recipients.length === 0) return undefined
  const exchange = recipients.map((labels) => labels.filter(isExchangeLabel))
  if (exchange.some((labels) => labels.length === 0)) return undefined
  return attributeLabels(exchange.flat())
}

/**
 * Whom a deposit belongs to, given the exchange labels behind it. Labels that
 * disagree are all kept: dropping one would hide from the reader that the
 * operator is disputed. Trust then drops one level, as for any label conflict.
 */
export function attributeLabels(
  labels: readonly Label[],
): DepositAttribution | undefined {
  const candidates = candidatesOf(uniqueLabels(labels))
  const best = candidates[0]
  if (!best) return undefined
  const conflict = candidates.length > 1
  return {
    entity: best.entity,
    confidence: conflictConfidence(SWEEP_CONFIDENCE, conflict),
    candidates,
    labels: candidates.flatMap((c) => c.labels),
    conflict,
  }
}

/**
 * Labels grouped by the entity they name ("Binance 14" and "Binance hot
 * wallet" are one), best-supported first: most trusted label, then most
 * sources, then name. A list entry that names nobody joins no group of its
 * own unless nothing else names anyone.
 */
export function candidatesOf<L extends LabelLike>(
  labels: readonly L[],
): Candidate<L>[] {
  const named = labels.filter((l) => !isGenericEntity(l.entity))
  const groups = new Map<string, L[]>()
  for (const label of byTrust(named.length > 0 ? named : labels)) {
    const key = entityKey(label.entity) || label.entity.toLowerCase()
    groups.set(key, [...(groups.get(key) ?? []), label])
  }
  return [...groups.values()]
    .map((group) => ({
      entity: group[0]!.entity,
      labels: group,
      sources: [...new Set(group.map((l) => l.source))],
    }))
    .sort(bySupport)
}

/** Account chains: every sweep leaves within the window after the first tainted inflow. */
export function withinSweepWindow(
  firstInflowBlock: number,
  sweepBlocks: readonly number[],
  windowBlocks: number = SWEEP_WINDOW_BLOCKS,
): boolean {
  return sweepBlocks.every((block) => block - firstInflowBlock <= windowBlocks)
}

/** "ExchangeZ (list-a.csv) and ExchangeQ (list-b.csv, list-c.csv)" */
export function candidatesText(
  candidates: readonly Pick<Candidate<LabelLike>, 'entity' | 'sources'>[],
): string {
  const names = candidates.map(
    (c) => `${c.entity} (${c.sources.join(', ') || 'no source'})`,
  )
  return names.length <= 2
    ? names.join(' and ')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function bySupport<L extends LabelLike>(a: Candidate<L>, b: Candidate<L>) {
  return (
    compareConfidence(b.labels[0]!.confidence, a.labels[0]!.confidence) ||
    b.sources.length - a.sources.length ||
    compare(a.entity, b.entity)
  )
}

/** Most trusted first; ties in a fixed order, so the same labels give the same name. */
function byTrust<L extends LabelLike>(labels: readonly L[]): L[] {
  return [...labels].sort(
    (a, b) =>
      compareConfidence(b.confidence, a.confidence) ||
      compare(a.entity, b.entity) ||
      compare(a.category, b.category) ||
      compare(a.source, b.source),
  )
}

/** The same label on the same wallet, seen through two sweeps, counts once. */
function uniqueLabels(labels: readonly Label[]): Label[] {
  const seen = new Set<string>()
  return labels.filter((l) => {
    const key = `${l.address}|${l.entity}|${l.category}|${l.source}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
