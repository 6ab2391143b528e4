/** Bitcoin over Esplora: verified, bigint-valued UtxoTx for the engine. */
import type {
  Asset,
  BlockRef,
  CallOptions,
  HistoryTx,
  OutSpend,
  UtxoChainAdapter,
  UtxoInput,
  UtxoOutput,
  UtxoTx,
} from '../../core/types.js'
import { NotFoundError, ReplayMissError } from '../../sources/errors.js'
import { StalledPagingError } from '../../sources/paging.js'
import {
  type BitcoinNetwork,
  parseBitcoinAddress,
  parseTxid,
  scriptToAddress,
} from './address.js'
import { ESPLORA_CHAIN_PAGE_SIZE, type EsploraSource } from './esplora.js'
import type {
  EsploraInput,
  EsploraOutput,
  EsploraOutspend,
  EsploraStatus,
  EsploraTx,
} from './esplora.schema.js'
import { parseRawTx, utxoTxFromHex } from './fromHex.js'
import { jsonHashesToTxid, rebuildTx } from './rebuild.js'
import { IntegrityError, verifyTx } from './verify.js'

export type BitcoinAdapterOptions = {
  esplora: EsploraSource
  network?: BitcoinNetwork | undefined
  /** mempool.space-style explorer root; links are <root>/tx/<id>, <root>/address/<a>. */
  explorerBaseUrl?: string | undefined
}

const BITCOIN_ASSET: Asset = {
  chain: 'bitcoin',
  symbol: 'BTC',
  decimals: 8,
}

const EXPLORERS: Record<BitcoinNetwork, string> = {
  mainnet: 'https://mempool.space',
  testnet: 'https://mempool.space/testnet',
  regtest: 'http://localhost',
}

function toBlockRef(status: EsploraStatus): BlockRef | null {
  const { confirmed, block_height, block_time, block_hash } = status
  if (!confirmed || block_height == null || block_time == null) return null
  return block_hash
    ? { height: block_height, time: block_time, hash: block_hash }
    : { height: block_height, time: block_time }
}

type Ctx = { txid: string; network: BitcoinNetwork }

/**
 * The output's address by the one script rule the raw-hex path also uses;
 * the JSON's own address is only a claim to check. Esplora writes "" (or an
 * address for scripts the rule does not give one) where no standard address
 * exists, and trusting it would merge unrelated outputs into one node.
 */
function addressOf(out: EsploraOutput, where: string, ctx: Ctx): string | null {
  const derived = scriptToAddress(out.scriptpubkey, ctx.network)
  const claimed = out.scriptpubkey_address || null
  if (derived !== null && claimed !== null && derived !== claimed)
    throw new IntegrityError({
      txid: ctx.txid,
      problems: [`${where} address ${claimed} does not match its script`],
    })
  return derived
}

function toInput(vin: EsploraInput, i: number, ctx: Ctx): UtxoInput {
  const base = { txid: vin.txid, vout: vin.vout }
  if (vin.is_coinbase)
    return { ...base, address: null, value: 0n, coinbase: true }
  if (!vin.prevout)
    throw new IntegrityError({
      txid: ctx.txid,
      problems: [`input ${i} has no prevout`],
    })
  const address = addressOf(vin.prevout, `input ${i}`, ctx)
  return {
    ...base,
    address,
    value: BigInt(vin.prevout.value),
    coinbase: false,
    script: vin.prevout.scriptpubkey,
  }
}

function toOutput(vout: EsploraOutput, index: number, ctx: Ctx): UtxoOutput {
  return {
    index,
    address: addressOf(vout, `output ${index}`, ctx),
    value: BigInt(vout.value),
    scriptType: vout.scriptpubkey_type,
    script: vout.scriptpubkey,
  }
}

/** Esplora JSON → UtxoTx; checks fee = Σin − Σout for non-coinbase txs. */
export function toUtxoTx(json: EsploraTx, network: BitcoinNetwork): UtxoTx {
  const ctx = { txid: json.txid, network }
  const inputs = json.vin.map((v, i) => toInput(v, i, ctx))
  const outputs = json.vout.map((v, i) => toOutput(v, i, ctx))
  const fee = BigInt(json.fee)
  const coinbase = inputs.some((input) => input.coinbase)
  if (!coinbase) {
    const inSum = inputs.reduce((acc, input) => acc + input.value, 0n)
    const outSum = outputs.reduce((acc, output) => acc + output.value, 0n)
    if (inSum - outSum !== fee)
      throw new IntegrityError({
        txid: json.txid,
        problems: [`fee ${fee} but inputs − outputs = ${inSum - outSum}`],
      })
  }
  return {
    txid: json.txid,
    inputs,
    outputs,
    fee,
    block: toBlockRef(json.status),
  }
}

async function addressTxids(
  esplora: EsploraSource,
  address: string,
  options: CallOptions & { since?: number | undefined },
): Promise<string[]> {
  const since = options.since ?? 0
  const call = options.signal ? { signal: options.signal } : {}
  const newestFirst: string[] = []
  const seen = new Set<string>()
  let last: string | undefined
  for (;;) {
    const page = await esplora.getAddressTxsChain(address, last, call)
    let fresh = 0
    for (const tx of page) {
      if (seen.has(tx.txid)) continue
      seen.add(tx.txid)
      fresh++
      const time = tx.status.block_time ?? Number.POSITIVE_INFINITY
      if (time < since) return newestFirst.reverse()
      newestFirst.push(tx.txid)
    }
    if (page.length > 0 && fresh === 0)
      throw new StalledPagingError({
        address,
        source: 'Esplora',
        detail: `the page after ${last} holds only txs already read`,
      })
    // A short page is the last.
    if (page.length < ESPLORA_CHAIN_PAGE_SIZE) return newestFirst.reverse()
    last = page[page.length - 1]!.txid
  }
}

/**
 * A theft minutes old is still unconfirmed: the address's mempool txs come
 * after its confirmed ones. A server without the endpoint (404) has none.
 */
async function mempoolTxids(
  esplora: EsploraSource,
  address: string,
  options: CallOptions,
): Promise<string[]> {
  const call = options.signal ? { signal: options.signal } : {}
  const page = await esplora
    .getAddressTxsMempool(address, call)
    .catch((err: unknown) => {
      if (err instanceof NotFoundError) return []
      throw err
    })
  return page.map((tx) => tx.txid).reverse()
}

/** Replaying evidence recorded when each hop asked for the raw hex: fall back to it. */
function recordedWithoutJson(err: unknown): undefined {
  if (err instanceof ReplayMissError) return undefined
  throw err
}

export function createBitcoinAdapter(
  options: BitcoinAdapterOptions,
): UtxoChainAdapter {
  const { esplora } = options
  const network = options.network ?? 'mainnet'
  const root = (options.explorerBaseUrl ?? EXPLORERS[network]).replace(
    /\/+$/,
    '',
  )
  // Outputs of txs already verified, and blocks of spenders seen in outspends.
  const outputsByTx = new Map<string, UtxoOutput[]>()
  const spenderBlock = new Map<string, BlockRef | null>()
  const knownOutput = (txid: string, vout: number) =>
    outputsByTx.get(txid)?.[vout]
  const remember = (tx: UtxoTx): UtxoTx => {
    outputsByTx.set(tx.txid, tx.outputs)
    return tx
  }
  const toOutSpend = (s: EsploraOutspend): OutSpend => {
    if (!s.spent) return { spent: false }
    const block = toBlockRef(s.status)
    spenderBlock.set(s.txid, block)
    return { spent: true, txid: s.txid, vin: s.vin, block }
  }
  // Until a tx's JSON lacks what its raw bytes need (scriptsig, sequence).
  let jsonRebuilds = true
  /** A listed tx is used whole only when its JSON hashes to its txid, as getTx checks. */
  const historyTx = (json: EsploraTx): HistoryTx => {
    const block = toBlockRef(json.status)
    spenderBlock.set(json.txid, block)
    const spends = json.vin.map((v) => ({ txid: v.txid, vout: v.vout }))
    if (!jsonRebuilds || !jsonHashesToTxid(json.txid, json))
      return { txid: json.txid, block, spends }
    try {
      return {
        txid: json.txid,
        block,
        spends,
        tx: remember(toUtxoTx(json, network)),
      }
    } catch {
      // Its own fetch reports what is wrong with it, if it is ever followed.
      return { txid: json.txid, block, spends }
    }
  }
  /**
   * The raw hex as the ground truth: for JSON that cannot be rebuilt, or
   * evidence recorded before the JSON sufficed. A spender whose inputs are
   * all known, with its block from the parent's outspends, needs the hex alone.
   */
  const fromRawHex = async (
    txid: string,
    known: EsploraTx | undefined,
    call: CallOptions | undefined,
  ): Promise<UtxoTx> => {
    const block = spenderBlock.get(txid)
    const hex = await esplora.getTxHex(txid, call)
    if (!known && block !== undefined) {
      const fast = utxoTxFromHex(
        parseRawTx(txid, hex),
        knownOutput,
        block,
        network,
      )
      if (fast) return fast
    }
    const json = known ?? (await esplora.getTx(txid, call))
    verifyTx(txid, json, hex)
    return toUtxoTx(json, network)
  }
  return {
    model: 'utxo',
    chain: 'bitcoin',
    asset: BITCOIN_ASSET,
    explorer: {
      tx: (txid) => `${root}/tx/${txid}`,
      address: (address) => `${root}/address/${address}`,
    },
    parseAddress: (input) => parseBitcoinAddress(input, network),
    parseTxid,
    async getTx(input, call) {
      const txid = parseTxid(input)
      if (!jsonRebuilds)
        return remember(await fromRawHex(txid, undefined, call))
      // One request: the JSON, rebuilt to raw bytes that must hash to the txid.
      const json = await esplora.getTx(txid, call).catch(recordedWithoutJson)
      // Input values are not hashed: the engine checks them against verified parents (trace/parents.ts).
      if (json && jsonHashesToTxid(txid, json))
        return remember(toUtxoTx(json, network))
      // A server whose JSON omits scriptsig or sequence: the raw hex from now on.
      if (json && rebuildTx(json) === undefined) jsonRebuilds = false
      return remember(await fromRawHex(txid, json, call))
    },
    async getOutspends(txid, call): Promise<OutSpend[]> {
      const spends = await esplora.getOutspends(parseTxid(txid), call)
      return spends.map(toOutSpend)
    },
    async getOutspendsBatch(txids, call) {
      const answer = await esplora.getOutspendsBatch(txids.map(parseTxid), call)
      // Matched by position: an answer of another length cannot be matched.
      if (answer.length !== txids.length) return txids.map(() => undefined)
      return answer.map((spends) => spends.map(toOutSpend))
    },
    async getAddressHistory(address, call) {
      const parsed = parseBitcoinAddress(address, network)
      const txs = await esplora.getAddressTxs(parsed, call)
      // Neither server lists more than 25 confirmed txs in this answer (and
      // mempool/electrs 50 in all): a shorter list is the whole history.
      if (txs.length >= ESPLORA_CHAIN_PAGE_SIZE) return undefined
      return txs.map(historyTx)
    },
    getAddressTxids: async (address, call = {}) => {
      const parsed = parseBitcoinAddress(address, network)
      const confirmed = await addressTxids(esplora, parsed, call)
      const pending = await mempoolTxids(esplora, parsed, call)
      return [...new Set([...confirmed, ...pending])]
    },
    getTipHeight: (call) => esplora.getTipHeight(call),
  }
}
