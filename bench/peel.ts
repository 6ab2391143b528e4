/**
 * Generates a long peel chain of genuine (serialisable, correctly hashed)
 * transactions in the fixtures/esplora shape, so the benchmark measures the
 * real adapter, integrity checks and engine against a real HTTP server.
 */
import { createHash } from 'node:crypto'
import { payments, Transaction } from 'bitcoinjs-lib'
import type {
  EsploraFixtures,
  FixtureTx,
} from '../test/support/esplora-fixtures.js'

type Wallet = { address: string; script: Buffer }

const sha = (s: string) => createHash('sha256').update(s).digest()

function wallet(name: string): Wallet {
  const { address, output } = payments.p2wpkh({
    hash: sha(name).subarray(0, 20),
  })
  return { address: address!, script: Buffer.from(output!) }
}

const out = (w: Wallet, value: bigint) => ({
  scriptpubkey: w.script.toString('hex'),
  scriptpubkey_type: 'v0_p2wpkh',
  scriptpubkey_address: w.address,
  value: Number(value),
})

type Built = { txid: string; outs: [Wallet, bigint][] }

export type PeelCase = {
  fixtures: EsploraFixtures
  seedTxid: string
  labelsCsv: string
  hops: number
}

/** hops peels of 0.001 BTC; every 25th peel is a deposit swept into an exchange. */
export function buildPeelChain(hops: number): PeelCase {
  const fx: EsploraFixtures = {
    txs: new Map(),
    hex: new Map(),
    outspends: new Map(),
    tipHeight: 900_000 + hops + 10,
    labelsCsv: '',
    case: null,
  }
  const hot = wallet('exchange-hot')
  let prev: Built = {
    txid: sha('outside').toString('hex'),
    outs: [[wallet('victim'), 100_000_000_000n]],
  }
  let prevVout = 0
  const add = (
    inputs: [Built, number][],
    outs: [Wallet, bigint][],
    n: number,
  ): Built => {
    const tx = new Transaction()
    tx.version = 2
    for (const [p, vout] of inputs)
      tx.addInput(Buffer.from(p.txid, 'hex').reverse(), vout)
    for (const [w, v] of outs) tx.addOutput(w.script, v)
    for (let i = 0; i < inputs.length; i++)
      tx.setWitness(i, [
        sha(`sig${n}/${i}`),
        sha(`pk${n}/${i}`).subarray(0, 33),
      ])
    const txid = tx.getId()
    // As Esplora answers: scriptsig and witness included, so the JSON rebuilds the tx.
    const vin = inputs.map(([p, vout], i) => ({
      txid: p.txid,
      vout,
      prevout: out(...p.outs[vout]!),
      scriptsig: '',
      witness: tx.ins[i]!.witness.map((w) => Buffer.from(w).toString('hex')),
      is_coinbase: false,
      sequence: 0xffffffff,
    }))
    const inSum = inputs.reduce((a, [p, v]) => a + p.outs[v]![1], 0n)
    const fee = inSum - outs.reduce((a, [, v]) => a + v, 0n)
    const json: FixtureTx = {
      txid,
      version: 2,
      locktime: 0,
      vin,
      vout: outs.map(([w, v]) => out(w, v)),
      fee: Number(fee),
      status: {
        confirmed: true,
        block_height: 900_000 + n,
        block_hash: sha(`b${n}`).toString('hex'),
        block_time: 1_750_000_000 + n * 600,
      },
    }
    fx.txs.set(txid, json)
    fx.hex.set(txid, tx.toHex())
    fx.outspends.set(
      txid,
      outs.map(() => ({ spent: false })),
    )
    for (const [p, vout] of inputs) {
      const spends = fx.outspends.get(p.txid)
      if (spends)
        spends[vout] = {
          spent: true,
          txid,
          vin: inputs.findIndex(([q, v]) => q === p && v === vout),
          status: json.status,
        }
    }
    return { txid, outs }
  }
  let seedTxid = ''
  for (let n = 0; n < hops; n++) {
    const [, value] = prev.outs[prevVout]!
    const deposit = n % 25 === 24
    const peelTo = wallet(deposit ? `deposit-${n}` : `peel-${n}`)
    const built = add(
      [[prev, prevVout]],
      [
        [peelTo, 100_000n],
        [wallet(`thief-${n}`), value - 100_000n - 1_000n],
      ],
      n,
    )
    if (n === 0) seedTxid = built.txid
    else if (deposit) add([[built, 0]], [[hot, 100_000n - 500n]], n + 1)
    prev = built
    prevVout = 1
  }
  return {
    fixtures: fx,
    seedTxid,
    hops,
    labelsCsv: `chain,address,entity,category,source\nbitcoin,${hot.address},BenchExchange,exchange,bench\n`,
  }
}
