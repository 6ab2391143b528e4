/** An in-memory UtxoChainAdapter over plain tx data, counting every call. */
import { BaseError } from '../../src/core/errors.js'
import type {
  Label,
  LabelLookup,
  OutSpend,
  UtxoChainAdapter,
  UtxoTx,
} from '../../src/core/types.js'

/** [address | null, value] */
export type FakeOutput = readonly [string | null, bigint]
/** [prev txid, vout] for a tx in the set, or with [address, value] for outside coins. */
export type FakeInput =
  | readonly [string, number]
  | readonly [string, number, string | null, bigint]

export type FakeTx = {
  txid: string
  /** null while unconfirmed. */
  height: number | null
  inputs: readonly FakeInput[]
  outputs: readonly FakeOutput[]
}

export class NotFoundError extends BaseError {
  override name = 'NotFoundError'
}

export class FakeFetchError extends BaseError {
  override name = 'FakeFetchError'
}

export type FakeAdapterOptions = {
  failTx?: readonly string[]
  failOutspends?: readonly string[]
  addressTxids?: Record<string, string[]>
  tip?: number
  /** Milliseconds each call takes; a function lets tests vary it per call. */
  delay?: number | ((kind: string, txid: string) => number)
  /** Runs before each call: lets a test abort mid-trace. */
  onCall?: (kind: 'getTx' | 'getOutspends', txid: string) => void
}

export type FakeAdapter = UtxoChainAdapter & {
  calls: { getTx: string[]; getOutspends: string[] }
  maxInFlight: () => number
}

export function createFakeAdapter(
  fakes: readonly FakeTx[],
  options: FakeAdapterOptions = {},
): FakeAdapter {
  const txs = new Map(fakes.map((fake) => [fake.txid, fake]))
  const calls = { getTx: [] as string[], getOutspends: [] as string[] }
  let inFlight = 0
  let maxInFlight = 0

  async function call<T>(
    kind: 'getTx' | 'getOutspends',
    txid: string,
    signal: AbortSignal | undefined,
    run: () => T,
  ): Promise<T> {
    calls[kind].push(txid)
    options.onCall?.(kind, txid)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    try {
      const ms =
        typeof options.delay === 'function'
          ? options.delay(kind, txid)
          : (options.delay ?? 0)
      await new Promise((resolve) => setTimeout(resolve, ms))
      if (signal?.aborted) {
        const err = new Error('aborted')
        err.name = 'AbortError'
        throw err
      }
      const failing = kind === 'getTx' ? options.failTx : options.failOutspends
      if (failing?.includes(txid))
        throw new FakeFetchError(`HTTP 503 for ${kind} ${txid}`, {
          details: 'after 3 retries',
        })
      return run()
    } finally {
      inFlight--
    }
  }

  return {
    model: 'utxo',
    chain: 'bitcoin',
    asset: { chain: 'bitcoin', symbol: 'BTC', decimals: 8 },
    explorer: {
      tx: (txid) => `https://example.test/tx/${txid}`,
      address: (address) => `https://example.test/address/${address}`,
    },
    parseAddress: (input) => input,
    parseTxid: (input) => input,
    getTx: (txid, o) =>
      call('getTx', txid, o?.signal, () => toUtxoTx(txs, txid)),
    getOutspends: (txid, o) =>
      call('getOutspends', txid, o?.signal, () => outspendsOf(txs, txid)),
    getAddressTxids: async (address) => options.addressTxids?.[address] ?? [],
    getTipHeight: async () => options.tip ?? 1000,
    calls,
    maxInFlight: () => maxInFlight,
  }
}

function lookupTx(txs: ReadonlyMap<string, FakeTx>, txid: string): FakeTx {
  const fake = txs.get(txid)
  if (!fake) throw new NotFoundError(`tx ${txid} not found`)
  return fake
}

function toUtxoTx(txs: ReadonlyMap<string, FakeTx>, txid: string): UtxoTx {
  const fake = lookupTx(txs, txid)
  const inputs = fake.inputs.map((input) => {
    const [prev, vout] = input
    if (input.length === 4)
      return {
        txid: prev,
        vout,
        address: input[2],
        value: input[3],
        coinbase: false,
      }
    const funded = lookupTx(txs, prev).outputs[vout]
    if (!funded) throw new Error(`fake: ${prev} has no output ${vout}`)
    return {
      txid: prev,
      vout,
      address: funded[0],
      value: funded[1],
      coinbase: false,
    }
  })
  const outputs = fake.outputs.map(([address, value], index) => ({
    index,
    address,
    value,
    scriptType: address === null ? 'p2pk' : 'v0_p2wpkh',
    script: '',
  }))
  const fee =
    inputs.reduce((s, i) => s + i.value, 0n) -
    outputs.reduce((s, o) => s + o.value, 0n)
  if (fee < 0n) throw new Error(`fake: ${txid} spends more than it has`)
  const block =
    fake.height === null
      ? null
      : { height: fake.height, time: 1_600_000_000 + fake.height * 600 }
  return { txid, inputs, outputs, fee, block }
}

function outspendsOf(
  txs: ReadonlyMap<string, FakeTx>,
  txid: string,
): OutSpend[] {
  const fake = lookupTx(txs, txid)
  return fake.outputs.map((_, vout) => {
    for (const spender of txs.values()) {
      const vin = spender.inputs.findIndex(([p, v]) => p === txid && v === vout)
      if (vin >= 0) {
        const block = toUtxoTx(txs, spender.txid).block
        return { spent: true, txid: spender.txid, vin, block }
      }
    }
    return { spent: false }
  })
}

/** Labels as plain rows: [address, entity, category]. */
export function createFakeLabels(
  rows: readonly (readonly [string, string, string])[],
): LabelLookup & { labels: Label[] } {
  const labels: Label[] = rows.map(([address, entity, category]) => ({
    chain: 'bitcoin',
    address,
    entity,
    category,
    source: 'test',
    confidence: 'high',
  }))
  return {
    labels,
    lookup: (chain, address) =>
      labels.filter((l) => l.chain === chain && l.address === address),
  }
}
