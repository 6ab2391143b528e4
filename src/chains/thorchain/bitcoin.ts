/**
 * THORChain on Bitcoin: an inbound is a payment to a vault with the memo in
 * an OP_RETURN output; an outbound pays the destination with `OUT:<hash>`
 * (or `REFUND:<hash>`) in its OP_RETURN. Pure, over checked txs.
 */
import type { UtxoTx } from '../../core/types.js'
import { normaliseHash, parseThorMemo, type ThorMemo } from './memo.js'

/** The text an OP_RETURN script carries, or null for any other script. */
export function opReturnText(script: string): string | null {
  const hex = script.toLowerCase()
  if (!hex.startsWith('6a')) return null
  const op = Number.parseInt(hex.slice(2, 4), 16)
  let start = 4
  let length = op
  if (op === 0x4c) {
    length = Number.parseInt(hex.slice(4, 6), 16)
    start = 6
  } else if (op === 0x4d) {
    length = Number.parseInt(hex.slice(6, 8) + hex.slice(4, 6), 16)
    start = 8
  } else if (!(op >= 1 && op <= 0x4b)) return null
  const data = hex.slice(start, start + length * 2)
  if (data.length !== length * 2) return null
  return Buffer.from(data, 'hex').toString('utf8')
}

/** The first THORChain memo among a tx's OP_RETURN outputs. */
export function txMemo(tx: UtxoTx): ThorMemo | null {
  for (const output of tx.outputs) {
    const text = opReturnText(output.script)
    const memo = text === null ? null : parseThorMemo(text)
    if (memo) return memo
  }
  return null
}

export type BitcoinInbound = {
  memo: Extract<ThorMemo, { kind: 'swap' | 'other' }>
  /** The output paying the vault. */
  vout: number
  vault: string
}

/**
 * A THORChain inbound: a swap (or other action) memo, paid to the first
 * output that is neither the memo nor back to an input address, as
 * THORChain's observers read it.
 */
export function bitcoinInbound(tx: UtxoTx): BitcoinInbound | null {
  const memo = txMemo(tx)
  if (!memo || (memo.kind !== 'swap' && memo.kind !== 'other')) return null
  const senders = new Set(tx.inputs.map((i) => i.address))
  const vault = tx.outputs.find(
    (o) => o.address !== null && !senders.has(o.address) && o.value > 0n,
  )
  if (!vault?.address) return null
  return { memo, vout: vault.index, vault: vault.address }
}

export type BitcoinOutbound = {
  kind: 'out' | 'refund'
  memo: string
  vout: number
  value: bigint
}

/** The output of `tx` that pays `destination` for the inbound `inboundHash`, or null. */
export function bitcoinOutbound(
  tx: UtxoTx,
  inboundHash: string,
  destination: string,
): BitcoinOutbound | null {
  const memo = txMemo(tx)
  if (!memo || (memo.kind !== 'out' && memo.kind !== 'refund')) return null
  if (memo.inboundHash !== normaliseHash(inboundHash)) return null
  const paid = tx.outputs.find((o) => o.address === destination)
  if (!paid) return null
  return {
    kind: memo.kind,
    memo: memo.memo,
    vout: paid.index,
    value: paid.value,
  }
}
