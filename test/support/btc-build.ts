/**
 * Genuine serialised Bitcoin txs built in a test (bitcoinjs-lib), served as
 * Esplora fixtures: P2WPKH payments and OP_RETURN memo outputs, so a THORChain
 * inbound or outbound is the real script THORChain's observers read.
 * Signatures are DER-shaped bytes that do not verify: nothing checks scripts.
 */
import { createHash } from 'node:crypto'
import { payments, script, Transaction } from 'bitcoinjs-lib'
import type { EsploraFixtures, FixtureTx } from './esplora-fixtures.js'

const sha256 = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest()
const hash160 = (data: Uint8Array) =>
  createHash('ripemd160').update(sha256(data)).digest()
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

export type BtcWallet = { address: string; script: Uint8Array; pubkey: Buffer }

export function btcWallet(seed: string): BtcWallet {
  const pubkey = Buffer.concat([Buffer.from([0x02]), sha256(`wallet/${seed}`)])
  const pay = payments.p2wpkh({ hash: hash160(pubkey) })
  return { address: pay.address!, script: pay.output!, pubkey }
}

/** The OP_RETURN script carrying `memo`, as a wallet writes it. */
export function memoScript(memo: string): Uint8Array {
  return script.compile([script.OPS.OP_RETURN, Buffer.from(memo, 'utf8')])
}

export type BtcOutput = [BtcWallet, bigint] | { memo: string }
export type BtcSpec = {
  name: string
  inputs: (
    | { tx: string; vout: number }
    | { external: BtcWallet; value: bigint }
  )[]
  outputs: BtcOutput[]
  /** Unix seconds of its block. */
  time: number
  height: number
}

type Built = {
  txid: string
  json: FixtureTx
  hex: string
  outputs: BtcOutput[]
  spends: { txid: string; vout: number }[]
}

function outJson(o: BtcOutput) {
  if ('memo' in o) {
    const s = memoScript(o.memo)
    return {
      scriptpubkey: hex(s),
      scriptpubkey_asm: `OP_RETURN OP_PUSHBYTES_${o.memo.length} ${Buffer.from(o.memo).toString('hex')}`,
      scriptpubkey_type: 'op_return',
      value: 0,
    }
  }
  const [w, value] = o
  return {
    scriptpubkey: hex(w.script),
    scriptpubkey_asm: `OP_0 OP_PUSHBYTES_20 ${hex(w.script).slice(4)}`,
    scriptpubkey_type: 'v0_p2wpkh',
    scriptpubkey_address: w.address,
    value: Number(value),
  }
}

function fakeDer(seed: string): Buffer {
  const r = sha256(`r/${seed}`)
  const s = sha256(`s/${seed}`)
  r[0] = (r[0]! & 0x7f) | 0x01
  s[0] = (s[0]! & 0x3f) | 0x01
  return Buffer.concat([
    Buffer.from([0x30, 0x44, 0x02, 0x20]),
    r,
    Buffer.from([0x02, 0x20]),
    s,
    Buffer.from([0x01]),
  ])
}

/** Builds the txs in order; later specs spend earlier ones by name. */
export function buildBtc(
  specs: readonly BtcSpec[],
  tipHeight: number,
): EsploraFixtures & { txid(name: string): string } {
  const built = new Map<string, Built>()
  for (const spec of specs) {
    const tx = new Transaction()
    tx.version = 2
    const prevs = spec.inputs.map((input, i) => {
      if ('external' in input)
        return {
          txid: hex(sha256(`outside/${spec.name}/${i}`)),
          vout: 0,
          out: [input.external, input.value] as BtcOutput,
        }
      const prev = built.get(input.tx)!
      return {
        txid: prev.txid,
        vout: input.vout,
        out: prev.outputs[input.vout]!,
      }
    })
    for (const p of prevs)
      tx.addInput(Buffer.from(p.txid, 'hex').reverse(), p.vout, 0xfffffffd)
    for (const o of spec.outputs)
      tx.addOutput(
        'memo' in o ? memoScript(o.memo) : o[0].script,
        'memo' in o ? 0n : o[1],
      )
    prevs.forEach((p, i) => {
      const owner = p.out as [BtcWallet, bigint]
      tx.setWitness(i, [fakeDer(`${spec.name}/${i}`), owner[0].pubkey])
    })
    const satsOf = (o: BtcOutput) => ('memo' in o ? 0n : o[1])
    const fee =
      prevs.reduce((a, p) => a + satsOf(p.out), 0n) -
      spec.outputs.reduce((a, o) => a + satsOf(o), 0n)
    const status = {
      confirmed: true,
      block_height: spec.height,
      block_hash: hex(sha256(`block/${spec.height}`)),
      block_time: spec.time,
    }
    const json: FixtureTx = {
      txid: tx.getId(),
      version: 2,
      locktime: 0,
      vin: prevs.map((p, i) => ({
        txid: p.txid,
        vout: p.vout,
        prevout: outJson(p.out),
        scriptsig: '',
        scriptsig_asm: '',
        witness: tx.ins[i]!.witness.map(hex),
        is_coinbase: false,
        sequence: 0xfffffffd,
      })),
      vout: spec.outputs.map(outJson),
      size: tx.byteLength(),
      weight: tx.weight(),
      fee: Number(fee),
      status,
    }
    const spends = spec.inputs.flatMap((i) =>
      'tx' in i ? [{ txid: built.get(i.tx)!.txid, vout: i.vout }] : [],
    )
    built.set(spec.name, {
      txid: tx.getId(),
      json,
      hex: tx.toHex(),
      outputs: spec.outputs,
      spends,
    })
  }
  const all = [...built.values()]
  const outspends = new Map(
    all.map((b) => [
      b.txid,
      b.outputs.map((_, vout) => {
        const spender = all.find((s) =>
          s.spends.some((r) => r.txid === b.txid && r.vout === vout),
        )
        if (!spender) return { spent: false }
        const vin = spender.json.vin.findIndex(
          (i) => i.txid === b.txid && i.vout === vout,
        )
        return {
          spent: true,
          txid: spender.txid,
          vin,
          status: spender.json.status,
        }
      }),
    ]),
  )
  return {
    txs: new Map(all.map((b) => [b.txid, b.json])),
    hex: new Map(all.map((b) => [b.txid, b.hex])),
    outspends,
    tipHeight,
    labelsCsv: '',
    case: undefined,
    txid: (name) => built.get(name)!.txid,
  }
}
