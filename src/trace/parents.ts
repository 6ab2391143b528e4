/**
 * An input's value and script are the source's word: the raw tx commits only
 * to the outpoint, and a JSON that moves value between inputs keeps every
 * total and the fee. A parent the trace already fetched is verified (its
 * bytes hash to its txid), so it says what the outpoint really holds.
 */
import type { UtxoTx } from '../core/types.js'

/** One line per input that contradicts a parent already verified; [] when none does. */
export function parentMismatches(
  tx: UtxoTx,
  parentOf: (txid: string) => UtxoTx | undefined,
  format: (value: bigint) => string,
): string[] {
  return tx.inputs.flatMap((input, i) => {
    const parent = input.coinbase ? undefined : parentOf(input.txid)
    if (!parent) return []
    const outpoint = `${input.txid}:${input.vout}`
    const out = parent.outputs[input.vout]
    if (!out)
      return [`input ${i} spends ${outpoint}, which its parent does not have`]
    const problems: string[] = []
    if (input.value !== out.value)
      problems.push(
        `input ${i} claims ${format(input.value)} but ${outpoint} holds ${format(out.value)}`,
      )
    if (input.script !== undefined && input.script !== out.script)
      problems.push(`input ${i} claims another script than ${outpoint} has`)
    return problems
  })
}
