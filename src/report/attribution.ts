/** What stands behind an attribution, conflicts, and the alerts shown first. */
import { formatUnits } from '../core/amount.js'
import type { Label } from '../core/types.js'
import { flagOf, resolveAttribution } from '../labels/memory.js'
import {
  type Candidate,
  candidatesOf,
  candidatesText,
  isExchangeLabel,
  type LabelLike,
} from '../trace/attribution.js'
import type {
  Alert,
  AttributionBasis,
  Hit,
  LabelConflict,
  LabelRef,
  Report,
} from './types.js'

type Heuristic = Report['heuristics'][number]

/** Set only when the labels name different owners; confidence was lowered. */
export function labelConflict(
  labels: readonly Label[],
): LabelConflict | undefined {
  const attribution = resolveAttribution(labels)
  if (!attribution?.conflict) return undefined
  return {
    entities: attribution.entities,
    note: `conflicting labels: ${attribution.entities.join(' | ')}; confidence lowered one level`,
  }
}

/**
 * The exchanges a deposit's or exchange wallet's labels name, when they name
 * more than one: whoever acts on the hit must first learn which operates it.
 */
export function disputedOperators<L extends LabelLike>(
  labels: readonly L[],
): Candidate<L>[] | undefined {
  const candidates = candidatesOf(labels.filter(isExchangeLabel))
  return candidates.length > 1 ? candidates : undefined
}

/** A deposit's conflict names each exchange with its sources: the reader must weigh them. */
function depositConflict(labels: readonly Label[]): LabelConflict | undefined {
  const disputed = disputedOperators(labels)
  if (!disputed) return undefined
  return {
    entities: disputed.map((c) => c.entity),
    note: `conflicting labels: ${disputed.map((c) => `${c.entity} (${c.sources.join(', ')})`).join(' | ')}; the deposit address's operator is disputed; confidence lowered one level`,
  }
}

/** "Operator disputed: labels name ExchangeZ (list-a) and ExchangeQ (list-b); confirm …" */
export function disputeText(
  candidates: readonly Candidate<LabelLike>[],
): string {
  return `Operator disputed: labels name ${candidatesText(candidates)}; confirm the account holder before acting`
}

/** The rules that make a deposit address: UTXO sweeps, account forwards. */
const SWEEP_RULES = new Set(['deposit-sweep', 'deposit-forward'])

/** Every heuristic and label behind a hit, each with its source and confidence. */
export function hitBasis(
  hit: Pick<Hit, 'attribution' | 'entity' | 'confidence' | 'evidence'>,
  labels: readonly Label[],
  heuristics: readonly Heuristic[],
): AttributionBasis[] {
  const fired =
    hit.attribution === 'deposit-sweep'
      ? heuristics.filter(
          (h) => SWEEP_RULES.has(h.rule) && hit.evidence.includes(h.txHash),
        )
      : []
  return [
    ...fired.map(
      (h): AttributionBasis => ({
        kind: 'heuristic',
        address: null,
        entity: hit.entity,
        category: 'exchange-deposit',
        source: `${h.rule} heuristic, tx ${h.txHash}`,
        confidence: hit.confidence,
        detail: h.detail,
      }),
    ),
    ...labels.map((l): AttributionBasis => {
      const basis: AttributionBasis = {
        kind: 'label',
        address: l.address,
        entity: l.entity,
        category: l.category,
        source: l.source,
        confidence: l.confidence,
      }
      if (l.retrieved !== undefined) basis.retrieved = l.retrieved
      return basis
    }),
  ]
}

/** Every label and heuristic behind a hit, and its conflict if any. */
export function attributionFields(
  hit: Pick<Hit, 'attribution' | 'entity' | 'confidence' | 'evidence'>,
  labels: readonly Label[],
  heuristics: readonly Heuristic[],
): Pick<Hit, 'basis' | 'conflict'> {
  const conflict =
    hit.attribution === 'deposit-sweep'
      ? depositConflict(labels)
      : labelConflict(labels)
  const basis = hitBasis(hit, labels, heuristics)
  return conflict ? { basis, conflict } : { basis }
}

const FLAG_ORDER = ['sanctioned', 'hack'] as const
const FLAG_WORD = { sanctioned: 'SANCTIONED', hack: 'HACK / THEFT' } as const

type Reached = {
  where: Alert['where']
  chain: string
  address: string | null
  asset: string
  amountBase: string
  entity: string
  labels: readonly LabelRef[]
  txHash: string
  hops: number
}

/**
 * One alert per flag and address reached, sanctions first, largest first.
 * Works on a finished report, so EVM reports without `alerts` get them too.
 */
export function buildAlerts(
  report: Pick<Report, 'hits' | 'unexplored' | 'asset' | 'reconciliations'>,
): Alert[] {
  const reached: Reached[] = [
    ...report.hits.map((h) => ({
      where: 'hit' as const,
      ...h,
      txHash: h.txHashes[0] ?? '',
    })),
    ...report.unexplored.map((u) => ({
      where: 'unexplored' as const,
      ...u,
      entity: u.entity ?? 'unknown',
      labels: u.labels ?? [],
    })),
  ]
  const alerts = new Map<string, Alert & { base: bigint }>()
  for (const flag of FLAG_ORDER)
    for (const r of reached) {
      const labels = r.labels.filter((l) => flagOf(asLabel(l)) === flag)
      if (labels.length === 0) continue
      const key = `${flag}|${r.where}|${r.chain}|${r.address}|${r.asset}`
      const alert = alerts.get(key) ?? newAlert(flag, r, labels)
      alert.base += BigInt(r.amountBase)
      if (r.txHash && !alert.txHashes.includes(r.txHash))
        alert.txHashes.push(r.txHash)
      alert.hops = Math.min(alert.hops, r.hops)
      alerts.set(key, alert)
    }
  const decimals = decimalsOf(report)
  return [...alerts.values()]
    .sort(
      (a, b) =>
        FLAG_ORDER.indexOf(a.flag) - FLAG_ORDER.indexOf(b.flag) ||
        (a.base === b.base ? 0 : a.base > b.base ? -1 : 1),
    )
    .map(({ base, ...alert }) => {
      const amount = formatUnits(base, decimals(alert.asset))
      const where =
        alert.where === 'hit'
          ? 'exchange deposit, freeze request applies'
          : 'not followed further'
      return {
        ...alert,
        amount,
        amountBase: base.toString(),
        message: `${FLAG_WORD[alert.flag]}: ${alert.address ?? '(no address)'} (${alert.entity}) reached: ${amount} ${alert.asset} at hop ${alert.hops} (${where})`,
      }
    })
}

function newAlert(
  flag: Alert['flag'],
  r: Reached,
  labels: readonly LabelRef[],
): Alert & { base: bigint } {
  return {
    flag,
    chain: r.chain,
    address: r.address,
    asset: r.asset,
    where: r.where,
    entity: r.entity,
    labels: labels.map((l) => ({ ...l })),
    txHashes: [],
    hops: r.hops,
    amount: '',
    amountBase: '',
    message: '',
    base: 0n,
  }
}

const asLabel = (ref: LabelRef): Label => ({ chain: '', address: '', ...ref })

function decimalsOf(
  report: Pick<Report, 'asset' | 'reconciliations'>,
): (asset: string) => number {
  const known = new Map<string, number>()
  for (const r of report.reconciliations ?? []) known.set(r.asset, r.decimals)
  known.set(report.asset.symbol, report.asset.decimals)
  return (asset) => known.get(asset) ?? report.asset.decimals
}
