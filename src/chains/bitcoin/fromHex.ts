/**
 * Builds a UtxoTx from raw hex alone. The hex is self-authenticating (it must
 * hash to the txid), input values come from parent outputs already verified,
 * and the block comes from the parent's outspends: one request per hop instead
 * of two, with nothing unverified in the result.
 */
import { Transaction } from 'bitcoinjs-lib'
import type {
  BlockRef,
  UtxoInput,
  UtxoOutput,
  UtxoTx,
} from '../../core/types.js'
import { type BitcoinNetwork, scriptToAddress } from './address.js'
import { IntegrityError } from './verify.js'

type KnownOutput = Pick<UtxoOutput, 'address' | 'value' | 'script'>

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** Esplora's scriptpubkey_type names, derived from the script itself. */
export function scriptType(script: string): string {
  if (/^76a914[0-9a-f]{40}88ac$/.test(script)) return 'p2pkh'
  if (/^a914[0-9a-f]{40}87$/.test(script)) return 'p2sh'
  if (/^0014[0-9a-f]{40}$/.test(script)) return 'v0_p2wpkh'
  if (/^0020[0-9a-f]{64}$/.test(script)) return 'v0_p2wsh'
  if (/^5120[0-9a-f]{64}$/.test(script)) return 'v1_p2tr'
  if (/^(21[0-9a-f]{66}|41[0-9a-f]{130})ac$/.test(script)) return 'p2pk'
  if (script.startsWith('6a')) return 'op_return'
  return 'unknown'
}

export function parseRawTx(txid: string, hex: string): Transaction {
  let tx: Transaction
  try {
    tx = Transaction.fromHex(hex)
  } catch (cause) {
    throw new IntegrityError({
      txid,
      problems: [`raw hex does not parse: ${(cause as Error).message}`],
    })
  }
  if (tx.getId() !== txid)
    throw new IntegrityError({
      txid,
      problems: [`raw hex hashes to ${tx.getId()}`],
    })
  return tx
}

/** undefined when an input's parent output is not known yet (caller falls back to JSON). */
export function utxoTxFromHex(
  tx: Transaction,
  lookup: (txid: string, vout: number) => KnownOutput | undefined,
  block: BlockRef | null,
  network: BitcoinNetwork,
): UtxoTx | undefined {
  if (tx.isCoinbase()) return undefined
  const inputs: UtxoInput[] = []
  for (const input of tx.ins) {
    const txid = toHex(Uint8Array.from(input.hash).reverse())
    const known = lookup(txid, input.index)
    if (!known) return undefined
    inputs.push({
      txid,
      vout: input.index,
      address: known.address,
      value: known.value,
      coinbase: false,
      script: known.script,
    })
  }
  const outputs: UtxoOutput[] = tx.outs.map((out, index) => {
    const script = toHex(out.script)
    return {
      index,
      address: scriptToAddress(script, network),
      value: out.value,
      scriptType: scriptType(script),
      script,
    }
  })
  const fee =
    inputs.reduce((a, i) => a + i.value, 0n) -
    outputs.reduce((a, o) => a + o.value, 0n)
  if (fee < 0n)
    throw new IntegrityError({
      txid: tx.getId(),
      problems: ['outputs exceed inputs'],
    })
  return { txid: tx.getId(), inputs, outputs, fee, block }
}
