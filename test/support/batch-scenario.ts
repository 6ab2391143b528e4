/**
 * Batch scenarios: many victims of one perpetrator, as genuine serialised
 * Bitcoin txs (bitcoinjs-lib; file names are the txids the hex hashes to)
 * in the EsploraFixtures shape, in memory. Helpers follow bench/peel.ts and
 * scripts/build-scenarios.ts (copied: that script writes files on import).
 */
import { createHash } from 'node:crypto'
import { payments, Transaction } from 'bitcoinjs-lib'
import type { EsploraFixtures, FixtureTx } from './esplora-fixtures.js'

export type Wallet = { name: string; address: string; script: Buffer }
type Out = [Wallet, bigint]
export type Built = { txid: string; outs: Out[] }
type InputRef = [Built, number]

const sha = (s: string) => createHash('sha256').update(s).digest()

export function wallet(name: string): Wallet {
  const { address, output } = payments.p2wpkh({
    hash: sha(`batch/${name}`).subarray(0, 20),
  })
  return { name, address: address!, script: Buffer.from(output!) }
}

const outJson = (w: Wallet, value: bigint) => ({
  scriptpubkey: w.script.toString('hex'),
  scriptpubkey_type: 'v0_p2wpkh',
  scriptpubkey_address: w.address,
  value: Number(value),
})

export type ScenarioBuilder = {
  /** Coins from outside the scenario (never fetched). */
  outside(name: string, to: Wallet, value: bigint): Built
  tx(inputs: InputRef[], outs: Out[]): Built
  fixtures(): EsploraFixtures
}

export function createScenarioBuilder(
  labels: [Wallet, string][] = [],
): ScenarioBuilder {
  const fx: EsploraFixtures = {
    txs: new Map(),
    hex: new Map(),
    outspends: new Map(),
    tipHeight: 0,
    labelsCsv: '',
    case: null,
  }
  let n = 0
  const tx = (inputs: InputRef[], outs: Out[]): Built => {
    n++
    const t = new Transaction()
    t.version = 2
    for (const [p, vout] of inputs)
      t.addInput(Buffer.from(p.txid, 'hex').reverse(), vout, 0xfffffffd)
    for (const [w, v] of outs) t.addOutput(w.script, v)
    inputs.forEach((_, i) => {
      // DER-sized signature and a compressed-key-sized push: well-formed, unverified.
      const sig = Buffer.concat([sha(`r${n}/${i}`), sha(`s${n}/${i}`)])
      t.setWitness(i, [sig, Buffer.concat([Buffer.from([2]), sha(`k${n}`)])])
    })
    const txid = t.getId()
    const inSum = inputs.reduce((a, [p, v]) => a + p.outs[v]![1], 0n)
    const fee = inSum - outs.reduce((a, [, v]) => a + v, 0n)
    if (fee < 0n) throw new Error(`tx ${n}: outputs exceed inputs`)
    const status = {
      confirmed: true,
      block_height: 850_000 + n,
      block_hash: sha(`block/${n}`).toString('hex'),
      block_time: 1_719_000_000 + n * 600,
    }
    const json: FixtureTx = {
      txid,
      version: 2,
      locktime: 0,
      vin: inputs.map(([p, vout]) => ({
        txid: p.txid,
        vout,
        prevout: outJson(...p.outs[vout]!),
        is_coinbase: false,
        sequence: 0xfffffffd,
      })),
      vout: outs.map(([w, v]) => outJson(w, v)),
      size: t.byteLength(),
      weight: t.weight(),
      fee: Number(fee),
      status,
    }
    fx.txs.set(txid, json)
    fx.hex.set(txid, t.toHex())
    fx.outspends.set(
      txid,
      outs.map(() => ({ spent: false })),
    )
    inputs.forEach(([p, vout], vin) => {
      const spends = fx.outspends.get(p.txid)
      if (spends) spends[vout] = { spent: true, txid, vin, status }
    })
    return { txid, outs }
  }
  return {
    outside: (name, to, value) => ({
      txid: sha(`outside/${name}`).toString('hex'),
      outs: [[to, value]],
    }),
    tx,
    fixtures: () => ({
      ...fx,
      tipHeight: 850_000 + n + 10,
      labelsCsv: `${[
        'chain,address,entity,category,source',
        ...labels.map(([w, e]) => `bitcoin,${w.address},${e},exchange,test`),
      ].join('\n')}\n`,
    }),
  }
}

/** One row of a batch file, as the fixture knows it. */
export type ScenarioCase = { id: string; tx: string; victim: string }
export type ExpectedHit = {
  entity: string
  address: string
  amountBase: bigint
}

export type BatchScenario = {
  fixtures: EsploraFixtures
  cases: ScenarioCase[]
  /** Hits per case id, worked out by hand below. */
  expected: Record<string, ExpectedHit[]>
  /** Addresses reached by more than one case, with the case ids. */
  shared: Record<string, string[]>
  wallets: Record<string, Wallet>
}

/**
 * Six victims of one perpetrator. Collection address T, intermediate M,
 * Binance deposit D and Kraken deposit K are shared; c3 and c4 are merged in
 * one tx; c6 ends unspent. Fees 10_000 sat per tx.
 */
export function sixCaseScenario(): BatchScenario {
  const T = wallet('perp-collect')
  const M = wallet('perp-mid')
  const D = wallet('binance-deposit')
  const K = wallet('kraken-deposit')
  const U = wallet('perp-rest')
  const HB = wallet('binance-hot')
  const HK = wallet('kraken-hot')
  const b = createScenarioBuilder([
    [HB, 'Binance'],
    [HK, 'Kraken'],
  ])
  const theft = (i: number, stolen: bigint, to: Wallet = T) => {
    const victim = wallet(`victim-${i}`)
    const f = b.outside(`fund-${i}`, victim, stolen + 1_000_000n + 10_000n)
    const s = b.tx(
      [[f, 0]],
      [
        [to, stolen],
        [victim, 1_000_000n],
      ],
    )
    return { s, victim }
  }
  const v = [
    theft(1, 50_000_000n),
    theft(2, 20_000_000n),
    theft(3, 30_000_000n),
    theft(4, 30_000_000n),
    theft(5, 15_000_000n, M),
    theft(6, 10_000_000n),
  ] as const
  const p1 = b.tx([[v[0].s, 0]], [[D, 49_990_000n]])
  const p2 = b.tx(
    [[v[1].s, 0]],
    [
      [D, 12_000_000n],
      [M, 7_990_000n],
    ],
  )
  const c = b.tx(
    [
      [v[2].s, 0],
      [v[3].s, 0],
    ],
    [[D, 59_990_000n]],
  )
  const p5 = b.tx([[p2, 1]], [[K, 7_980_000n]])
  const p6 = b.tx([[v[4].s, 0]], [[K, 14_990_000n]])
  b.tx([[v[5].s, 0]], [[U, 9_990_000n]])
  b.tx(
    [
      [p1, 0],
      [p2, 0],
      [c, 0],
    ],
    [[HB, 121_960_000n]],
  )
  b.tx(
    [
      [p5, 0],
      [p6, 0],
    ],
    [[HK, 22_960_000n]],
  )
  const bin = (amountBase: bigint) => ({
    entity: 'Binance',
    address: D.address,
    amountBase,
  })
  const kra = (amountBase: bigint) => ({
    entity: 'Kraken',
    address: K.address,
    amountBase,
  })
  return {
    fixtures: b.fixtures(),
    cases: v.map((x, i) => ({
      id: `c${i + 1}`,
      tx: x.s.txid,
      victim: x.victim.address,
    })),
    expected: {
      c1: [bin(49_990_000n)],
      c2: [bin(12_000_000n), kra(7_980_000n)],
      // haircut: each merged input is half of c's inputs → 59_990_000 / 2
      c3: [bin(29_995_000n)],
      c4: [bin(29_995_000n)],
      c5: [kra(14_990_000n)],
      c6: [],
    },
    shared: {
      [T.address]: ['c1', 'c2', 'c3', 'c4', 'c6'],
      [M.address]: ['c2', 'c5'],
      [D.address]: ['c1', 'c2', 'c3', 'c4'],
      [K.address]: ['c2', 'c5'],
    },
    wallets: { T, M, D, K, U, HB, HK },
  }
}

/**
 * n victims for the benchmark: pairs of thefts are merged, the merges run
 * through three shared intermediates and end at two shared deposits.
 */
export function generatedBatch(n: number): BatchScenario {
  const T = wallet('gen-collect')
  const mids = [0, 1, 2].map((i) => wallet(`gen-mid-${i}`))
  const deps = [wallet('gen-binance-deposit'), wallet('gen-kraken-deposit')]
  const hots = [wallet('gen-binance-hot'), wallet('gen-kraken-hot')]
  const b = createScenarioBuilder([
    [hots[0]!, 'Binance'],
    [hots[1]!, 'Kraken'],
  ])
  const cases: ScenarioCase[] = []
  const deposits: InputRef[][] = [[], []]
  let pending: Built | undefined
  for (let i = 0; i < n; i++) {
    const victim = wallet(`gen-victim-${i}`)
    const stolen = 10_000_000n + BigInt(i) * 1_000n
    const f = b.outside(`gen-fund-${i}`, victim, stolen + 20_000n)
    const s = b.tx(
      [[f, 0]],
      [
        [T, stolen],
        [victim, 10_000n],
      ],
    )
    cases.push({ id: `case-${i + 1}`, tx: s.txid, victim: victim.address })
    if (!pending && i < n - 1) {
      pending = s
      continue
    }
    const inputs: InputRef[] = pending
      ? [
          [pending, 0],
          [s, 0],
        ]
      : [[s, 0]]
    const total = inputs.reduce((a, [p, v]) => a + p.outs[v]![1], 0n)
    const pair = Math.floor(i / 2)
    const mid = b.tx(inputs, [[mids[pair % 3]!, total - 10_000n]])
    const side = pair % 2
    const dep = b.tx([[mid, 0]], [[deps[side]!, total - 20_000n]])
    deposits[side]!.push([dep, 0])
    pending = undefined
  }
  deposits.forEach((inputs, side) => {
    if (inputs.length === 0) return
    const total = inputs.reduce((a, [p, v]) => a + p.outs[v]![1], 0n)
    b.tx(inputs, [[hots[side]!, total - 10_000n]])
  })
  return {
    fixtures: b.fixtures(),
    cases,
    expected: {},
    shared: {},
    wallets: { T },
  }
}
