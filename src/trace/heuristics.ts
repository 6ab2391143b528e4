/** Tx-shape heuristics: CoinJoin (stop) and exchange deposit sweeps (hit). */
import type { UtxoTx } from '../core/types.js'
import { attributeSweep, type DepositAttribution } from './attribution.js'
import { lookupLabels, type StopContext } from './stops.js'

export type CoinjoinMatch = {
  inputs: number
  distinctInputs: number
  equalOutputs: number
  value: bigint
}

const ownerOf = (input: UtxoTx['inputs'][number]) =>
  input.address ?? `${input.txid}:${input.vout}`

/**
 * ≥3 inputs from ≥2 distinct owners and ≥3 outputs of one value, that value
 * being the most common output value, and at least one untainted input from
 * an owner no tainted input shares. Without outside coins there is no one to
 * mix with: a thief spending his own outputs into equal amounts keeps every
 * coin his, so the trail is followed.
 */
export function detectCoinjoin(
  tx: UtxoTx,
  isTainted: (input: UtxoTx['inputs'][number]) => boolean,
): CoinjoinMatch | null {
  if (tx.inputs.length < 3) return null
  const owners = new Set(tx.inputs.map(ownerOf))
  if (owners.size < 2) return null
  const taintedOwners = new Set(tx.inputs.filter(isTainted).map(ownerOf))
  const outsiders = tx.inputs.filter(
    (input) => !isTainted(input) && !taintedOwners.has(ownerOf(input)),
  )
  if (outsiders.length === 0) return null
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

export type SweepMatch = DepositAttribution

/**
 * No input address carries a label and every output pays an exchange-labelled
 * address: the inputs are deposit addresses, swept by this tx. Whom they
 * belong to, and how sure that is, is the shared rule's (attribution.ts).
 */
export function detectSweep(
  tx: UtxoTx,
  ctx: Pick<StopContext, 'chain' | 'labels'>,
): SweepMatch | null {
  // OP_RETURN-style outputs carry no value and pay no one.
  const outputs = tx.outputs.filter((o) => o.address !== null || o.value > 0n)
  if (tx.inputs.some((input) => lookupLabels(ctx, input.address).length > 0))
    return null
  return (
    attributeSweep(
      outputs.map((output) => lookupLabels(ctx, output.address)),
    ) ?? null
  )
}
