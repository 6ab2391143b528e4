/** Checks an Esplora tx JSON against its raw hex: the hex is the ground truth. */
import { Transaction } from 'bitcoinjs-lib'
import { BaseError } from '../../core/errors.js'
import type { EsploraTx } from './esplora.schema.js'

/** The data source returned something that contradicts itself. */
export class IntegrityError extends BaseError {
  override name = 'IntegrityError'
  readonly txid: string
  constructor(options: { txid: string; problems: readonly string[] }) {
    super(
      `transaction ${options.txid} failed verification against its raw hex`,
      {
        metaMessages: options.problems,
        details:
          'the data source returned inconsistent data; try another --esplora-url',
      },
    )
    this.txid = options.txid
  }
}

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function parseHex(txid: string, hex: string): Transaction {
  try {
    return Transaction.fromHex(hex)
  } catch (cause) {
    throw new IntegrityError({
      txid,
      problems: [`raw hex does not parse: ${(cause as Error).message}`],
    })
  }
}

function compareOutputs(json: EsploraTx, tx: Transaction): string[] {
  if (json.vout.length !== tx.outs.length)
    return [`output count: json ${json.vout.length}, hex ${tx.outs.length}`]
  return tx.outs.flatMap((out, i) => {
    const j = json.vout[i]!
    const problems: string[] = []
    if (j.scriptpubkey !== toHex(out.script))
      problems.push(`output ${i} scriptpubkey differs from the raw hex`)
    if (BigInt(j.value) !== out.value)
      problems.push(`output ${i} value: json ${j.value}, hex ${out.value}`)
    return problems
  })
}

function compareInputs(json: EsploraTx, tx: Transaction): string[] {
  if (json.vin.length !== tx.ins.length)
    return [`input count: json ${json.vin.length}, hex ${tx.ins.length}`]
  return tx.ins.flatMap((input, i) => {
    const j = json.vin[i]!
    // The hex stores the previous txid byte-reversed.
    const prev = toHex(Uint8Array.from(input.hash).reverse())
    const problems: string[] = []
    if (j.txid !== prev)
      problems.push(`input ${i} spends ${prev} in the hex, ${j.txid} in json`)
    if (j.vout !== input.index)
      problems.push(`input ${i} vout: json ${j.vout}, hex ${input.index}`)
    return problems
  })
}

/**
 * Throws IntegrityError unless the hex hashes to `txid`, the JSON claims the
 * same txid, and every input outpoint and output script/value agree.
 * Returns the parsed transaction.
 */
export function verifyTx(
  txid: string,
  json: EsploraTx,
  hex: string,
): Transaction {
  const tx = parseHex(txid, hex)
  const problems: string[] = []
  const actual = tx.getId()
  if (actual !== txid) problems.push(`raw hex hashes to ${actual}`)
  if (json.txid !== txid) problems.push(`json describes ${json.txid}`)
  problems.push(...compareInputs(json, tx), ...compareOutputs(json, tx))
  if (problems.length > 0) throw new IntegrityError({ txid, problems })
  return tx
}
