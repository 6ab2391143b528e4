/** Tx-shape heuristics: CoinJoin (stop) and exchange deposit sweeps (hit). */
import type { Label, UtxoTx } from '../core/types.js'
import {
  compare,
  isExchangeLabel,
  lookupLabels,
  type StopContext,
} from './stops.js'

export type CoinjoinMatch = {
  inputs: number
  distinctInputs: number
  equalOutputs: number
  value: bigint
}

/**
 * ≥3 inputs from ≥2 distinct owners and ≥3 outputs of one value, that value
 * being the most common output value.
 */
export function detectCoinjoin(tx: UtxoTx): CoinjoinMatch | null {
  if (tx.inputs.length < 3) return null
  const owners = new Set(
    tx.inputs.map((input) => input.address ?? `${input.txid}:${input.vout}`),
  )
  if (owners.size < 2) return null
  const counts = new Map<bigint, number>()
  for (const output of tx.outputs)
    counts.set(output.value, (counts.get(output.value) ?? 0) + 1)
  let best: [bigint, number] | undefined
  for (const entry of counts)
    if (
      !best ||
      entry[1] > best[1] ||
      (entry[1] === best[1] && entry[0] > best[0])
    )
      best = entry
  if (!best || best[1] < 3 || best[0] === 0n) return null
  return {
    inputs: tx.inputs.length,
    distinctInputs: owners.size,
    equalOutputs: best[1],
    value: best[0],
  }
}

export type SweepMatch = {
  entity: string
  /** The exchange labels on the swept-to addresses. */
  labels: Label[]
}

/**
 * Every output pays an exchange-labelled address of one entity and no input
 * address carries a label: the inputs are that exchange's deposit addresses.
 */
export function detectSweep(
  tx: UtxoTx,
  ctx: Pick<StopContext, 'chain' | 'labels'>,
): SweepMatch | null {
  // OP_RETURN-style outputs carry no value and pay no one.
  const outputs = tx.outputs.filter((o) => o.address !== null || o.value > 0n)
  if (outputs.length === 0) return null
  if (tx.inputs.some((input) => lookupLabels(ctx, input.address).length > 0))
    return null
  let entities: Set<string> | undefined
  const labels: Label[] = []
  for (const output of outputs) {
    const exchange = lookupLabels(ctx, output.address).filter(isExchangeLabel)
    const own = new Set(exchange.map((label) => label.entity))
    entities = entities
      ? new Set([...entities].filter((entity) => own.has(entity)))
      : own
    if (entities.size === 0) return null
    labels.push(...exchange)
  }
  const entity = [...(entities ?? [])].sort(compare)[0]
  if (entity === undefined) return null
  const seen = new Set<string>()
  const unique = labels.filter((label) => {
    const key = `${label.address}|${label.entity}|${label.category}|${label.source}`
    if (label.entity !== entity || seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { entity, labels: unique }
}
