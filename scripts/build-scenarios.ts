/**
 * Builds the synthetic Bitcoin scenarios under fixtures/esplora/<scenario>/.
 *
 *   npx tsx scripts/build-scenarios.ts
 *   npx tsx scripts/build-scenarios.ts --satoshi-hal <btcd derived dir>
 *
 * Every tx is a real serialised Bitcoin transaction (bitcoinjs-lib): the
 * file names are the txids the hex hashes to. Keys come from fixed seeds
 * through sha256 (a valid secp256k1 x coordinate, so P2TR keys are real
 * points); signatures are well-formed DER/Schnorr-sized bytes that do not
 * verify — nothing here checks scripts, but every script is standard.
 *
 * The expected results in case.json are written out BY HAND per scenario
 * (bigint literals with the arithmetic in comments, asserted below), from
 * /work/briefs/semantics.md — never by running the engine.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { address, payments, script, Transaction } from 'bitcoinjs-lib'
import { isXOnlyPoint } from '../src/chains/bitcoin/address.js'

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'esplora')
const SOURCE = 'fixture:synthetic (scripts/build-scenarios.ts)'

const sha256 = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest()
const hash160 = (data: Uint8Array) =>
  createHash('ripemd160').update(sha256(data)).digest()
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

// ---------------------------------------------------------------- wallets

type Kind = 'p2wpkh' | 'p2pkh' | 'p2sh' | 'p2wsh' | 'p2tr'
type Wallet = {
  name: string
  kind: Kind
  address: string
  script: Uint8Array
  pubkey: Buffer
}

const ESPLORA_TYPE: Record<Kind, string> = {
  p2wpkh: 'v0_p2wpkh',
  p2pkh: 'p2pkh',
  p2sh: 'p2sh',
  p2wsh: 'v0_p2wsh',
  p2tr: 'v1_p2tr',
}

/** A deterministic key: the first sha256(seed/i) that is a curve x. */
function xOnlyKey(seed: string): Buffer {
  for (let i = 0; ; i++) {
    const x = sha256(`${seed}/${i}`)
    if (isXOnlyPoint(x)) return x
  }
}

function wallet(scenario: string, name: string, kind: Kind = 'p2wpkh'): Wallet {
  const x = xOnlyKey(`fundtrace/${scenario}/${name}`)
  const pubkey = Buffer.concat([Buffer.from([0x02]), x])
  const pkh = hash160(pubkey)
  const pay =
    kind === 'p2wpkh'
      ? payments.p2wpkh({ hash: pkh })
      : kind === 'p2pkh'
        ? payments.p2pkh({ hash: pkh })
        : kind === 'p2sh'
          ? payments.p2sh({ redeem: payments.p2wpkh({ hash: pkh }) })
          : kind === 'p2wsh'
            ? payments.p2wsh({ hash: sha256(witnessScript(pubkey)) })
            : null
  const out = pay?.output ?? Uint8Array.from([0x51, 0x20, ...x])
  const addr = pay?.address ?? address.toBech32(x, 1, 'bc')
  return { name, kind, address: addr, script: out, pubkey }
}

function witnessScript(pubkey: Uint8Array): Uint8Array {
  return script.compile([pubkey, script.OPS.OP_CHECKSIG])
}

/** DER-shaped (71 bytes incl. sighash) but not a valid signature. */
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

/** scriptSig and witness spending `w`'s standard script. */
function unlock(
  w: Wallet,
  seed: string,
): { sig: Uint8Array; witness: Buffer[] } {
  const der = fakeDer(seed)
  const empty = new Uint8Array(0)
  switch (w.kind) {
    case 'p2pkh':
      return { sig: script.compile([der, w.pubkey]), witness: [] }
    case 'p2sh': {
      const redeem = payments.p2wpkh({ hash: hash160(w.pubkey) }).output!
      return { sig: script.compile([redeem]), witness: [der, w.pubkey] }
    }
    case 'p2wsh':
      return {
        sig: empty,
        witness: [der, Buffer.from(witnessScript(w.pubkey))],
      }
    case 'p2tr':
      return {
        sig: empty,
        witness: [Buffer.concat([sha256(`R/${seed}`), sha256(`S/${seed}`)])],
      }
    default:
      return { sig: empty, witness: [der, w.pubkey] }
  }
}

// ----------------------------------------------------------- esplora json

/** Esplora's asm for the standard output templates used here. */
function outputAsm(w: Wallet): string {
  const body = hex(w.script)
  switch (w.kind) {
    case 'p2pkh':
      return `OP_DUP OP_HASH160 OP_PUSHBYTES_20 ${body.slice(6, 46)} OP_EQUALVERIFY OP_CHECKSIG`
    case 'p2sh':
      return `OP_HASH160 OP_PUSHBYTES_20 ${body.slice(4, 44)} OP_EQUAL`
    case 'p2wpkh':
      return `OP_0 OP_PUSHBYTES_20 ${body.slice(4)}`
    case 'p2wsh':
      return `OP_0 OP_PUSHBYTES_32 ${body.slice(4)}`
    default:
      return `OP_PUSHNUM_1 OP_PUSHBYTES_32 ${body.slice(4)}`
  }
}

function pushAsm(sig: Uint8Array): string {
  const chunks = script.decompile(sig) ?? []
  return chunks
    .map((c) =>
      typeof c === 'number' ? `OP_${c}` : `OP_PUSHBYTES_${c.length} ${hex(c)}`,
    )
    .join(' ')
}

const outJson = (w: Wallet, value: bigint) => ({
  scriptpubkey: hex(w.script),
  scriptpubkey_asm: outputAsm(w),
  scriptpubkey_type: ESPLORA_TYPE[w.kind],
  scriptpubkey_address: w.address,
  value: Number(value),
})

// ---------------------------------------------------------------- builder

type Ref = { tx: string; vout: number }
type Spec = {
  name: string
  /** Spends outputs of earlier specs, or an outside (unrecorded) coin. */
  inputs: (Ref | { external: Wallet; value: bigint })[]
  outputs: [Wallet, bigint][]
  unconfirmed?: boolean
}
type Built = {
  name: string
  txid: string
  hex: string
  json: Record<string, unknown> & { status: Record<string, unknown> }
  outputs: [Wallet, bigint][]
  spends: Ref[]
}

const BASE_HEIGHT = 850_000
const BASE_TIME = 1_719_000_000

function buildScenario(scenario: string, specs: Spec[]): Map<string, Built> {
  const built = new Map<string, Built>()
  specs.forEach((spec, n) => {
    const tx = new Transaction()
    tx.version = 2
    const prevs = spec.inputs.map((input, i) => {
      if ('external' in input) {
        const txid = hex(sha256(`outside/${scenario}/${spec.name}/${i}`))
        return { txid, vout: 0, owner: input.external, value: input.value }
      }
      const prev = built.get(input.tx)!
      const [owner, value] = prev.outputs[input.vout]!
      return { txid: prev.txid, vout: input.vout, owner, value }
    })
    for (const p of prevs)
      tx.addInput(Buffer.from(p.txid, 'hex').reverse(), p.vout, 0xfffffffd)
    for (const [w, value] of spec.outputs) tx.addOutput(w.script, value)
    const unlocks = prevs.map((p, i) =>
      unlock(p.owner, `${scenario}/${spec.name}/${i}`),
    )
    unlocks.forEach((u, i) => {
      tx.setInputScript(i, u.sig)
      if (u.witness.length) tx.setWitness(i, u.witness)
    })
    const fee =
      prevs.reduce((a, p) => a + p.value, 0n) -
      spec.outputs.reduce((a, [, v]) => a + v, 0n)
    if (fee < 0n)
      throw new Error(`${scenario}/${spec.name}: outputs exceed inputs`)
    const height = BASE_HEIGHT + n
    const status = spec.unconfirmed
      ? { confirmed: false }
      : {
          confirmed: true,
          block_height: height,
          block_hash: `00000000000000000000${hex(sha256(`block/${height}`)).slice(20)}`,
          block_time: BASE_TIME + n * 600,
        }
    const json = {
      txid: tx.getId(),
      version: tx.version,
      locktime: tx.locktime,
      vin: prevs.map((p, i) => ({
        txid: p.txid,
        vout: p.vout,
        prevout: outJson(p.owner, p.value),
        scriptsig: hex(unlocks[i]!.sig),
        scriptsig_asm: pushAsm(unlocks[i]!.sig),
        ...(unlocks[i]!.witness.length
          ? { witness: unlocks[i]!.witness.map(hex) }
          : {}),
        is_coinbase: false,
        sequence: 0xfffffffd,
      })),
      vout: spec.outputs.map(([w, v]) => outJson(w, v)),
      size: tx.byteLength(),
      weight: tx.weight(),
      fee: Number(fee),
      status,
    }
    const spends = spec.inputs.filter((i): i is Ref => 'tx' in i)
    built.set(spec.name, {
      name: spec.name,
      txid: tx.getId(),
      hex: tx.toHex(),
      json,
      outputs: spec.outputs,
      spends,
    })
  })
  return built
}

function outspends(built: Map<string, Built>, tx: Built): unknown[] {
  return tx.outputs.map((_, vout) => {
    for (const spender of built.values()) {
      const vin = spender.spends.findIndex(
        (r) => built.get(r.tx)!.txid === tx.txid && r.vout === vout,
      )
      if (vin >= 0) {
        const inputIndex = (
          spender.json.vin as { txid: string; vout: number }[]
        ).findIndex((i) => i.txid === tx.txid && i.vout === vout)
        return {
          spent: true,
          txid: spender.txid,
          vin: inputIndex,
          status: spender.json.status,
        }
      }
    }
    return { spent: false }
  })
}

// ----------------------------------------------------------- case files

type Hit = {
  address: string
  entity: string
  attribution: 'label' | 'deposit-sweep'
  amountBase: bigint
  receivedBase: bigint
  evidence: string[]
}
type Rest = {
  txid: string
  vout: number
  address: string | null
  amountBase: bigint
}
type Stop = {
  reason: string
  txid: string
  vout: number
  address: string | null
  amountBase: bigint
  spentBy: string
}
type Expected = {
  stolen: bigint
  /** poison only: outside value pulled into tainted txs. */
  absorbed: bigint
  fees: bigint
  hits: Hit[]
  atRest: Rest[]
  stops: Stop[]
  returnedToVictim: bigint
}
type Case = {
  description: string
  seedTxid: string
  victims: string[]
  labels: [Wallet, string, string][]
  expected: Record<'haircut' | 'poison' | 'fifo', Expected>
}

const total = (xs: { amountBase: bigint }[]) =>
  xs.reduce((a, x) => a + x.amountBase, 0n)

/** Asserts a hand-written literal against its written-out arithmetic. */
function same(literal: bigint, arithmetic: bigint, what: string): bigint {
  if (literal !== arithmetic)
    throw new Error(`${what}: wrote ${literal}, arithmetic gives ${arithmetic}`)
  return literal
}

/** stolen + absorbed = atExchanges + atRest + stops + returned + fees, exactly. */
function reconcile(name: string, policy: string, e: Expected): void {
  const out =
    total(e.hits) +
    total(e.atRest) +
    total(e.stops) +
    e.returnedToVictim +
    e.fees
  if (e.stolen + e.absorbed !== out)
    throw new Error(`${name}/${policy}: ${e.stolen} + ${e.absorbed} ≠ ${out}`)
}

const str = (v: bigint) => v.toString()

function caseJson(name: string, c: Case): unknown {
  const policy = (e: Expected) => ({
    totals: {
      stolen: str(e.stolen),
      absorbed: str(e.absorbed),
      atExchanges: str(total(e.hits)),
      atRest: str(total(e.atRest)),
      stopped: str(total(e.stops)),
      returnedToVictim: str(e.returnedToVictim),
      fees: str(e.fees),
    },
    hits: e.hits.map((h) => ({
      ...h,
      amountBase: str(h.amountBase),
      receivedBase: str(h.receivedBase),
    })),
    atRest: e.atRest.map((r) => ({ ...r, amountBase: str(r.amountBase) })),
    stops: e.stops.map((s) => ({ ...s, amountBase: str(s.amountBase) })),
  })
  return {
    scenario: name,
    description: c.description,
    chain: 'bitcoin',
    seedTxid: c.seedTxid,
    victims: c.victims,
    options: { maxHops: 12, maxNodes: 2000, minAmount: '0' },
    expected: {
      haircut: policy(c.expected.haircut),
      poison: policy(c.expected.poison),
      fifo: policy(c.expected.fifo),
    },
  }
}

function labelsCsv(rows: [Wallet, string, string][]): string {
  const lines = rows.map(
    ([w, entity, category]) =>
      `bitcoin,${w.address},${entity},${category},${SOURCE}`,
  )
  return `${['chain,address,entity,category,source', ...lines].join('\n')}\n`
}

function write(
  name: string,
  built: Map<string, Built>,
  c: Case | null,
  tip: number,
): void {
  const dir = join(ROOT, name)
  rmSync(dir, { recursive: true, force: true })
  for (const sub of ['txs', 'hex', 'outspends'])
    mkdirSync(join(dir, sub), { recursive: true })
  for (const tx of built.values()) {
    writeFileSync(
      join(dir, 'txs', `${tx.txid}.json`),
      `${JSON.stringify(tx.json, null, 2)}\n`,
    )
    writeFileSync(join(dir, 'hex', `${tx.txid}.hex`), `${tx.hex}\n`)
    writeFileSync(
      join(dir, 'outspends', `${tx.txid}.json`),
      `${JSON.stringify(outspends(built, tx), null, 2)}\n`,
    )
  }
  writeFileSync(join(dir, 'tip.txt'), `${tip}\n`)
  if (c) {
    for (const [policy, e] of Object.entries(c.expected))
      reconcile(name, policy, e)
    writeFileSync(join(dir, 'labels.csv'), labelsCsv(c.labels))
    writeFileSync(
      join(dir, 'case.json'),
      `${JSON.stringify(caseJson(name, c), null, 2)}\n`,
    )
  }
}

const txid = (built: Map<string, Built>, name: string) => built.get(name)!.txid

const NO_STOPS: Stop[] = []

/** The same result under all three policies (single fully tainted inputs). */
const allPolicies = (e: Expected) => ({ haircut: e, poison: e, fifo: e })

// ------------------------------------------------------------ a. peel-chain

function peelChain(): void {
  const n = 'peel-chain'
  const w = (name: string, kind?: Kind) => wallet(n, name, kind)
  const [funder, victim, hotBinance, hotKraken] = [
    w('funder', 'p2pkh'),
    w('victim'),
    w('binance-hot', 'p2wsh'),
    w('kraken-hot'),
  ]
  const [t1, t2, t3, t4, t5] = [
    w('thief-1'),
    w('thief-2', 'p2tr'),
    w('thief-3'),
    w('thief-4', 'p2sh'),
    w('thief-5'),
  ]
  const [dep1, dep2, dep2other] = [
    w('binance-deposit'),
    w('kraken-deposit', 'p2sh'),
    w('kraken-deposit-other'),
  ]
  const [u1, u2] = [w('unlabelled-1', 'p2pkh'), w('unlabelled-2', 'p2tr')]
  const b = buildScenario(n, [
    {
      name: 'F',
      inputs: [{ external: funder, value: 120_010_000n }],
      outputs: [[victim, 120_000_000n]],
    },
    // Theft: 1 BTC to the thief, change back to the victim, fee 10_000.
    {
      name: 'S',
      inputs: [{ tx: 'F', vout: 0 }],
      outputs: [
        [t1, 100_000_000n],
        [victim, 19_990_000n],
      ],
    },
    {
      name: 'P1',
      inputs: [{ tx: 'S', vout: 0 }],
      outputs: [
        [dep1, 10_000_000n],
        [t2, 89_990_000n],
      ],
    },
    {
      name: 'SW1',
      inputs: [{ tx: 'P1', vout: 0 }],
      outputs: [[hotBinance, 9_995_000n]],
    },
    {
      name: 'P2',
      inputs: [{ tx: 'P1', vout: 1 }],
      outputs: [
        [u1, 5_000_000n],
        [t3, 84_980_000n],
      ],
    },
    {
      name: 'P3',
      inputs: [{ tx: 'P2', vout: 1 }],
      outputs: [
        [dep2, 20_000_000n],
        [t4, 64_970_000n],
      ],
    },
    // Kraken sweeps our deposit together with another customer's deposit.
    {
      name: 'SW2',
      inputs: [
        { tx: 'P3', vout: 0 },
        { external: dep2other, value: 7_000_000n },
      ],
      outputs: [[hotKraken, 26_995_000n]],
    },
    {
      name: 'P4',
      inputs: [{ tx: 'P3', vout: 1 }],
      outputs: [
        [u2, 4_000_000n],
        [t5, 60_960_000n],
      ],
    },
  ])
  const id = (name: string) => txid(b, name)
  // Every peel has one fully tainted input, so haircut = poison = fifo and
  // each output's taint is its full value.
  const e: Expected = {
    stolen: 100_000_000n, // S:0, the only seed output not paying the victim
    absorbed: 0n,
    fees: same(40_000n, 4n * 10_000n, 'peel fees'), // P1..P4, 10_000 each
    hits: [
      // P1:0 → binance-deposit, swept by SW1 to Binance's hot wallet only.
      {
        address: dep1.address,
        entity: 'Binance',
        attribution: 'deposit-sweep',
        amountBase: 10_000_000n,
        receivedBase: 10_000_000n,
        evidence: [id('SW1')],
      },
      // P3:0 → kraken-deposit, swept by SW2 (other input unlabelled too).
      {
        address: dep2.address,
        entity: 'Kraken',
        attribution: 'deposit-sweep',
        amountBase: 20_000_000n,
        receivedBase: 20_000_000n,
        evidence: [id('SW2')],
      },
    ],
    atRest: [
      { txid: id('P2'), vout: 0, address: u1.address, amountBase: 5_000_000n },
      { txid: id('P4'), vout: 0, address: u2.address, amountBase: 4_000_000n },
      // 100_000_000 − 10_000_000 − 5_000_000 − 20_000_000 − 4_000_000 − 4×10_000
      {
        txid: id('P4'),
        vout: 1,
        address: t5.address,
        amountBase: same(
          60_960_000n,
          100_000_000n -
            10_000_000n -
            5_000_000n -
            20_000_000n -
            4_000_000n -
            40_000n,
          'remainder',
        ),
      },
    ],
    stops: NO_STOPS,
    returnedToVictim: 0n,
  }
  write(
    n,
    b,
    {
      description:
        'Victim → thief, then four peels: two to exchange deposit addresses that are swept (Binance, Kraken), two to unlabelled addresses left unspent; the remainder is unspent. All policies agree.',
      seedTxid: id('S'),
      victims: [victim.address],
      labels: [
        [hotBinance, 'Binance', 'exchange'],
        [hotKraken, 'Kraken', 'exchange'],
      ],
      expected: allPolicies(e),
    },
    BASE_HEIGHT + 20,
  )
}

// --------------------------------------------------------- b. merge-outside

function mergeOutside(): void {
  const n = 'merge-outside'
  const w = (name: string, kind?: Kind) => wallet(n, name, kind)
  const [funder, victim, outside, thief] = [
    w('funder', 'p2pkh'),
    w('victim'),
    w('outside-clean', 'p2pkh'),
    w('thief'),
  ]
  const [okxDeposit, okxHot, binanceHot] = [
    w('okx-deposit'),
    w('okx-hot', 'p2wsh'),
    w('binance-hot', 'p2pkh'),
  ]
  const b = buildScenario(n, [
    {
      name: 'F',
      inputs: [{ external: funder, value: 110_010_000n }],
      outputs: [
        [victim, 50_000_000n],
        [outside, 60_000_000n],
      ],
    },
    {
      name: 'S',
      inputs: [{ tx: 'F', vout: 0 }],
      outputs: [
        [thief, 40_000_003n],
        [victim, 9_989_997n],
      ],
    },
    // Merge: clean 60_000_000 FIRST, stolen 40_000_003 second (matters for fifo).
    {
      name: 'M',
      inputs: [
        { tx: 'F', vout: 1 },
        { tx: 'S', vout: 0 },
      ],
      outputs: [
        [okxDeposit, 70_000_000n],
        [binanceHot, 29_980_003n],
      ],
    },
    {
      name: 'SW',
      inputs: [{ tx: 'M', vout: 0 }],
      outputs: [[okxHot, 69_990_000n]],
    },
  ])
  const id = (name: string) => txid(b, name)
  const T = 40_000_003n // tainted input of M
  const V = same(100_000_003n, 60_000_000n + T, 'V') // all inputs of M
  const fee = same(20_000n, V - 70_000_000n - 29_980_003n, 'M fee')
  // haircut: floor(o × T / V)
  const hcDeposit = same(28_000_001n, (70_000_000n * T) / V, 'haircut deposit') // 2_800_000_210_000_000 / 100_000_003
  const hcBinance = same(11_992_001n, (29_980_003n * T) / V, 'haircut binance') // 1_199_200_209_940_009 / 100_000_003
  const hcFee = same(8_001n, T - hcDeposit - hcBinance, 'haircut fee taint') // absorbs both floor remainders
  // fifo: line [0,60_000_000) clean, [60_000_000,100_000_003) tainted.
  // deposit [0,70_000_000) overlaps [60_000_000,70_000_000) → 10_000_000
  // binance [70_000_000,99_980_003) lies inside the tainted range → 29_980_003
  // fee [99_980_003,100_000_003) tainted → 20_000
  const fifoDeposit = same(
    10_000_000n,
    70_000_000n - 60_000_000n,
    'fifo deposit',
  )
  const sweep = [id('SW')]
  const hits = (deposit: bigint, binance: bigint): Hit[] => [
    {
      address: okxDeposit.address,
      entity: 'OKX',
      attribution: 'deposit-sweep',
      amountBase: deposit,
      receivedBase: 70_000_000n,
      evidence: sweep,
    },
    {
      address: binanceHot.address,
      entity: 'Binance',
      attribution: 'label',
      amountBase: binance,
      receivedBase: 29_980_003n,
      evidence: [],
    },
  ]
  const base = { stolen: T, atRest: [], stops: NO_STOPS, returnedToVictim: 0n }
  write(
    n,
    b,
    {
      description:
        "The thief merges the stolen 40_000_003 sat (second input) with a clean 60_000_000 sat coin (first input) into one tx paying an OKX deposit address (swept) and Binance's labelled hot wallet. haircut, poison and fifo all differ.",
      seedTxid: id('S'),
      victims: [victim.address],
      labels: [
        [binanceHot, 'Binance', 'exchange'],
        [okxHot, 'OKX', 'exchange'],
      ],
      expected: {
        haircut: {
          ...base,
          absorbed: 0n,
          fees: hcFee,
          hits: hits(hcDeposit, hcBinance),
        },
        // poison: both outputs tainted in full; absorbed = V − T = 60_000_000.
        poison: {
          ...base,
          absorbed: same(60_000_000n, V - T, 'absorbed'),
          fees: fee,
          hits: hits(70_000_000n, 29_980_003n),
        },
        fifo: {
          ...base,
          absorbed: 0n,
          fees: fee,
          hits: hits(fifoDeposit, 29_980_003n),
        },
      },
    },
    BASE_HEIGHT + 10,
  )
}

// ------------------------------------------------ c. victim-exchange-origin

function victimExchangeOrigin(): void {
  const n = 'victim-exchange-origin'
  const w = (name: string, kind?: Kind) => wallet(n, name, kind)
  const [funder, coinbaseHot, coinbaseHot2, thief] = [
    w('funder', 'p2pkh'),
    w('coinbase-hot'),
    w('coinbase-hot-2', 'p2sh'),
    w('thief'),
  ]
  const [krakenDeposit, krakenHot, thiefChange] = [
    w('kraken-deposit'),
    w('kraken-hot', 'p2pkh'),
    w('thief-change', 'p2tr'),
  ]
  const b = buildScenario(n, [
    {
      name: 'F',
      inputs: [{ external: funder, value: 200_010_000n }],
      outputs: [[coinbaseHot, 200_000_000n]],
    },
    // A withdrawal from the victim's Coinbase account: change goes to a
    // DIFFERENT Coinbase hot wallet, so only rule (c) (same entity) excludes it.
    {
      name: 'S',
      inputs: [{ tx: 'F', vout: 0 }],
      outputs: [
        [thief, 30_000_000n],
        [coinbaseHot2, 169_985_000n],
      ],
    },
    {
      name: 'P',
      inputs: [{ tx: 'S', vout: 0 }],
      outputs: [
        [krakenDeposit, 25_000_000n],
        [thiefChange, 4_990_000n],
      ],
    },
    {
      name: 'SW',
      inputs: [{ tx: 'P', vout: 0 }],
      outputs: [[krakenHot, 24_995_000n]],
    },
  ])
  const id = (name: string) => txid(b, name)
  const e: Expected = {
    stolen: 30_000_000n, // S:0 only; S:1 pays Coinbase, the entity of S's input
    absorbed: 0n,
    fees: same(10_000n, 30_000_000n - 25_000_000n - 4_990_000n, 'P fee'),
    hits: [
      {
        address: krakenDeposit.address,
        entity: 'Kraken',
        attribution: 'deposit-sweep',
        amountBase: 25_000_000n,
        receivedBase: 25_000_000n,
        evidence: [id('SW')],
      },
    ],
    atRest: [
      {
        txid: id('P'),
        vout: 1,
        address: thiefChange.address,
        amountBase: 4_990_000n,
      },
    ],
    stops: NO_STOPS,
    returnedToVictim: 0n,
  }
  write(
    n,
    b,
    {
      description:
        "The theft is a withdrawal from the victim's exchange (Coinbase hot wallet, change to another Coinbase hot wallet). Coinbase must not be a hit; the Kraken deposit address (swept) must.",
      seedTxid: id('S'),
      victims: [],
      labels: [
        [coinbaseHot, 'Coinbase', 'exchange'],
        [coinbaseHot2, 'Coinbase', 'exchange'],
        [krakenHot, 'Kraken', 'exchange'],
      ],
      expected: allPolicies(e),
    },
    BASE_HEIGHT + 10,
  )
}

// --------------------------------------------------------- d. coinjoin-stop

function coinjoinStop(): void {
  const n = 'coinjoin-stop'
  const w = (name: string, kind?: Kind) => wallet(n, name, kind)
  const [funder, victim, t1, t2, t3] = [
    w('funder', 'p2pkh'),
    w('victim'),
    w('thief-1'),
    w('thief-2'),
    w('thief-3', 'p2tr'),
  ]
  const others = ['a', 'b', 'c', 'd'].map((x) => w(`coinjoin-peer-${x}`))
  const mixed = [1, 2, 3, 4, 5].map((i) => w(`coinjoin-out-${i}`))
  const otherValues = [10_010_000n, 10_020_000n, 10_005_000n, 10_015_000n]
  const b = buildScenario(n, [
    {
      name: 'F',
      inputs: [{ external: funder, value: 30_010_000n }],
      outputs: [[victim, 30_000_000n]],
    },
    {
      name: 'S',
      inputs: [{ tx: 'F', vout: 0 }],
      outputs: [
        [t1, 20_000_000n],
        [victim, 9_990_000n],
      ],
    },
    {
      name: 'P',
      inputs: [{ tx: 'S', vout: 0 }],
      outputs: [
        [t2, 10_000_000n],
        [t3, 9_990_000n],
      ],
    },
    // 5 inputs from 5 addresses, 5 equal outputs; still in the mempool.
    {
      name: 'CJ',
      inputs: [
        { tx: 'P', vout: 0 },
        ...others.map((o, i) => ({ external: o, value: otherValues[i]! })),
      ],
      outputs: mixed.map((m) => [m, 9_990_000n] as [Wallet, bigint]),
      unconfirmed: true,
    },
  ])
  const id = (name: string) => txid(b, name)
  const e: Expected = {
    stolen: 20_000_000n,
    absorbed: 0n,
    fees: same(10_000n, 20_000_000n - 10_000_000n - 9_990_000n, 'P fee'),
    hits: [],
    atRest: [
      { txid: id('P'), vout: 1, address: t3.address, amountBase: 9_990_000n },
    ],
    // P:0 is spent by CJ: ≥3 inputs from ≥2 addresses, 5 outputs of the most
    // common value 9_990_000 → stop `coinjoin`; CJ is never followed.
    stops: [
      {
        reason: 'coinjoin',
        txid: id('P'),
        vout: 0,
        address: t2.address,
        amountBase: 10_000_000n,
        spentBy: id('CJ'),
      },
    ],
    returnedToVictim: 0n,
  }
  write(
    n,
    b,
    {
      description:
        'Half of the stolen coins enter a 5-input, 5-equal-output coinjoin (unconfirmed) and the trace stops there; the other half rests unspent.',
      seedTxid: id('S'),
      victims: [victim.address],
      labels: [],
      expected: allPolicies(e),
    },
    BASE_HEIGHT + 10,
  )
}

// ------------------------------------------------------- e. satoshi-hal

const SATOSHI_HAL = {
  seed: 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16',
  /** Outspends in the source data only cover blocks 1–255. */
  tip: 255,
}

type DerivedTx = {
  txid: string
  size: number
  vin: { is_coinbase: boolean; prevout?: { value: number } }[]
  vout: { scriptpubkey: string; scriptpubkey_type: string; value: number }[]
} & Record<string, unknown>

/** Copies btcd's derived Satoshi→Hal chain into our layout (run once). */
function importSatoshiHal(derivedDir: string): void {
  const dir = join(ROOT, 'satoshi-hal')
  rmSync(dir, { recursive: true, force: true })
  for (const sub of ['txs', 'hex', 'outspends'])
    mkdirSync(join(dir, sub), { recursive: true })
  const data = JSON.parse(
    readFileSync(
      join(derivedDir, 'satoshi_hal_chain_blocks9-248.esplora-like.json'),
      'utf8',
    ),
  ) as {
    transactions: DerivedTx[]
    outspends: Record<string, Record<string, unknown>[]>
  }
  const raw = JSON.parse(
    readFileSync(join(derivedDir, 'satoshi_hal_chain_rawtx.json'), 'utf8'),
  ) as { txid: string; hex: string }[]
  for (const tx of data.transactions) {
    const inSum = tx.vin.reduce((a, v) => a + (v.prevout?.value ?? 0), 0)
    const outSum = tx.vout.reduce((a, v) => a + v.value, 0)
    const coinbase = tx.vin.some((v) => v.is_coinbase)
    const json = {
      ...tx,
      // Esplora sends prevout: null for a coinbase input, fee and weight always.
      vin: tx.vin.map((v) => (v.is_coinbase ? { ...v, prevout: null } : v)),
      vout: tx.vout.map((o) => ({
        ...o,
        scriptpubkey_asm: `OP_PUSHBYTES_65 ${o.scriptpubkey.slice(2, 132)} OP_CHECKSIG`,
      })),
      weight: tx.size * 4,
      fee: coinbase ? 0 : inSum - outSum,
    }
    const spends = (data.outspends[tx.txid] ?? []).map(({ _note, ...s }) => s)
    writeFileSync(
      join(dir, 'txs', `${tx.txid}.json`),
      `${JSON.stringify(json, null, 2)}\n`,
    )
    writeFileSync(
      join(dir, 'outspends', `${tx.txid}.json`),
      `${JSON.stringify(spends, null, 2)}\n`,
    )
  }
  for (const r of raw)
    writeFileSync(join(dir, 'hex', `${r.txid}.hex`), `${r.hex}\n`)
  writeFileSync(join(dir, 'tip.txt'), `${SATOSHI_HAL.tip}\n`)
}

function satoshiHalCase(): void {
  const dir = join(ROOT, 'satoshi-hal')
  const at = (txid: string, vout: number, amountBase: bigint): Rest => ({
    txid,
    vout,
    address: null,
    amountBase,
  })
  // Every tx has one input and fee 0, so all policies agree. Outputs are P2PK
  // (address null): the 40 BTC back to Satoshi's own key is change, matched by
  // its script (the seed's input spends the same P2PK script), so only Hal's
  // 10 BTC is taken as sent — and it is unspent as of the recorded tip (255).
  const e: Expected = {
    stolen: same(1_000_000_000n, 5_000_000_000n - 4_000_000_000n, 'stolen'),
    absorbed: 0n,
    fees: 0n,
    hits: [],
    atRest: [at(SATOSHI_HAL.seed, 0, 1_000_000_000n)], // Hal's 10 BTC (block 170)
    stops: NO_STOPS,
    returnedToVictim: 0n,
  }
  reconcile('satoshi-hal', 'all', e)
  const c = caseJson('satoshi-hal', {
    description:
      'The real Satoshi→Hal Finney spend chain (mainnet blocks 9–248, btcd test data). Every output is P2PK (no address). Outspends as of block 255: later spends (e.g. f4184fc5:0 in block 92240) are outside the data, hence tip 255.',
    seedTxid: SATOSHI_HAL.seed,
    victims: [],
    labels: [],
    expected: allPolicies(e),
  })
  writeFileSync(join(dir, 'labels.csv'), labelsCsv([]))
  writeFileSync(join(dir, 'case.json'), `${JSON.stringify(c, null, 2)}\n`)
}

// ------------------------------------------------------------------ main

const flag = process.argv.indexOf('--satoshi-hal')
if (flag >= 0) importSatoshiHal(process.argv[flag + 1] ?? '')
peelChain()
mergeOutside()
victimExchangeOrigin()
coinjoinStop()
satoshiHalCase()
console.log(`wrote scenarios to ${ROOT}`)
