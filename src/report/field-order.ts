/**
 * report.json's field order, per chain model, as each was first published:
 * reports are compared byte for byte (bundled cases, replays), so the order
 * stays. Fields a model does not list are not written for it.
 */
import type { TraceResult } from '../trace/types.js'
import type { Report, Unexplored } from './types.js'

type Model = TraceResult['model']

const head = [
  'schemaVersion',
  'tool',
  'generatedAt',
  'provenance',
  'case',
  'policy',
  'asset',
  'status',
  'cuts',
] as const
const rows = ['reconciliation', 'hits', 'atRest', 'unexplored'] as const
const tail = ['heuristics', 'graph', 'feeOnly', 'sources', 'stats'] as const

export const REPORT_FIELDS: Record<Model, readonly (keyof Report)[]> = {
  utxo: [...head, 'alerts', ...rows, ...tail, 'limitations'],
  account: [
    ...head,
    ...rows,
    ...tail,
    'reconciliations',
    'limitations',
    'discrepancies',
    'filtered',
    'alerts',
  ],
}

export const CASE_OPTION_FIELDS: Record<
  Model,
  readonly (keyof Report['case']['options'])[]
> = {
  utxo: ['maxHops', 'minAmount', 'maxNodes', 'policy'],
  account: ['maxHops', 'maxNodes', 'minAmount', 'policy'],
}

const where = [
  'amount',
  'amountBase',
  'chain',
  'asset',
  'address',
  'txHash',
  'outputIndex',
] as const
const labelled = ['labels', 'flags', 'confidence', 'conflict'] as const

export const UNEXPLORED_FIELDS: Record<Model, readonly (keyof Unexplored)[]> = {
  utxo: [
    ...where,
    'reason',
    'detail',
    'hops',
    'entity',
    'category',
    ...labelled,
    'contract',
    'bridge',
  ],
  account: [
    ...where,
    'hops',
    'reason',
    'category',
    'detail',
    'entity',
    ...labelled,
    'contract',
    'bridge',
  ],
}

/** The fields of `row` in the order given; fields left undefined are dropped. */
export function inOrder<T extends object>(
  row: T,
  fields: readonly (keyof T)[],
): T {
  const out: Partial<T> = {}
  for (const field of fields)
    if (row[field] !== undefined) out[field] = row[field]
  return out as T
}
