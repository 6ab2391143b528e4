/**
 * Rebuilds a tx's raw bytes from its Esplora JSON and hashes them: when the
 * hash is the txid, every field that went into it (version, each input's
 * outpoint, scriptSig and sequence, each output's script and value, locktime)
 * is exactly the chain's, so the JSON needs no second request for the raw
 * hex. The witness is rebuilt too but, as in the raw hex, lies outside the
 * txid; nothing traced is read from it. Input values are not in the hash:
 * they are checked against verified parents and by fee = Σin − Σout.
 */
import { Transaction } from 'bitcoinjs-lib'
import type { EsploraTx } from './esplora.schema.js'

const bytes = (hex: string) => Buffer.from(hex, 'hex')

/** The raw tx the JSON describes; undefined when the JSON lacks a field the bytes need. */
export function rebuildTx(json: EsploraTx): Transaction | undefined {
  const tx = new Transaction()
  tx.version = json.version
  tx.locktime = json.locktime
  for (const input of json.vin) {
    if (input.scriptsig === undefined || input.sequence === undefined)
      return undefined
    // Outpoints are stored byte-reversed; a coinbase's is all zeros with vout 0xffffffff.
    tx.addInput(
      bytes(input.txid).reverse(),
      input.vout,
      input.sequence,
      bytes(input.scriptsig),
    )
  }
  for (const output of json.vout)
    tx.addOutput(bytes(output.scriptpubkey), BigInt(output.value))
  json.vin.forEach((input, i) => {
    if (input.witness?.length) tx.setWitness(i, input.witness.map(bytes))
  })
  return tx
}

/** True when the JSON rebuilds to bytes that hash to its txid. */
export function jsonHashesToTxid(txid: string, json: EsploraTx): boolean {
  if (json.txid !== txid) return false
  try {
    return rebuildTx(json)?.getId() === txid
  } catch {
    // A value or script bitcoinjs-lib refuses cannot be the chain's tx.
    return false
  }
}
