/**
 * Real outputs whose Esplora address is "" or an address no wallet pays to:
 * the JSON path and the raw-hex path give the same answer, null, so such
 * outputs never merge into one graph node or change node with the path.
 */
import { Transaction } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import odd from '../../../fixtures/bitcoin/odd-outputs.json' with {
  type: 'json',
}
import { toUtxoTx } from './adapter.js'
import type { EsploraTx } from './esplora.schema.js'
import { utxoTxFromHex } from './fromHex.js'

const PARENT = 'aa'.repeat(32)
const PARENT_SCRIPT = '0014751e76e8199196d454941c45d1b3a323f1433bd6'
const PARENT_ADDRESS = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
const IN_VALUE = 10_000

type Odd = (typeof odd.outputs)[number]

/** A one-input tx paying `out`, as Esplora JSON. */
function asJson(out: Odd): EsploraTx {
  return {
    txid: out.txid,
    version: 2,
    locktime: 0,
    vin: [
      {
        txid: PARENT,
        vout: 0,
        is_coinbase: false,
        scriptsig: '',
        sequence: 0xffffffff,
        prevout: {
          scriptpubkey: PARENT_SCRIPT,
          scriptpubkey_type: 'v0_p2wpkh',
          scriptpubkey_address: PARENT_ADDRESS,
          value: IN_VALUE,
        },
      },
    ],
    vout: [
      {
        scriptpubkey: out.scriptpubkey,
        scriptpubkey_type: out.type,
        ...(out.esplora === null ? {} : { scriptpubkey_address: out.esplora }),
        value: out.value,
      },
    ],
    fee: IN_VALUE - out.value,
    status: { confirmed: false },
  } as unknown as EsploraTx
}

/** The same tx as raw bytes. */
function asHex(out: Odd): Transaction {
  const tx = new Transaction()
  tx.addInput(Buffer.from(PARENT, 'hex').reverse(), 0)
  tx.addOutput(Buffer.from(out.scriptpubkey, 'hex'), BigInt(out.value))
  return tx
}

describe.each(odd.outputs)('$txid:$vout ($type)', (out) => {
  test('the JSON path gives the script rule’s address', () => {
    const [output] = toUtxoTx(asJson(out), 'mainnet').outputs
    expect(output?.address).toBe(out.address)
  })

  test('the raw-hex path gives the same', () => {
    const parsed = utxoTxFromHex(
      asHex(out),
      () => ({
        address: PARENT_ADDRESS,
        value: BigInt(IN_VALUE),
        script: PARENT_SCRIPT,
      }),
      null,
      'mainnet',
    )
    expect(parsed?.outputs[0]?.address).toBe(out.address)
  })
})

test('an Esplora address that contradicts a standard script is refused', () => {
  const out = {
    ...odd.outputs[0],
    scriptpubkey: PARENT_SCRIPT,
    esplora: '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH',
  } as Odd
  expect(() => toUtxoTx(asJson(out), 'mainnet')).toThrow(/does not match/)
})
