/** What every chain module gives the rest of fundtrace: one shape per model. */
import type { Seed } from '../core/seeds.js'
import type {
  AccountTransfer,
  Asset,
  LabelLookup,
  UtxoTx,
} from '../core/types.js'
import type { ClientOptions } from '../sources/setup.js'
import type { HttpClient, SourceUse } from '../sources/types.js'
import type { Range } from '../trace/ranges.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import type { Discrepancy, FilteredTransfer } from './evm/types.js'

/** How a chain holds value: in unspent outputs, or as account balances. */
export type ChainModel = 'utxo' | 'account'

/** One chain, resolved from a name or id the user gave. */
export type ChainRef = {
  /** Our name for the chain, as reports and labels spell it ('bitcoin', 'ethereum', 'evm-100'). */
  name: string
  model: ChainModel
  /** Numeric id where the chain has one (EVM chain id). */
  chainId: number | null
  /** The coin fees are paid in. */
  asset: Asset
}

/** A theft seed as typed: a tx, optionally pinned to one output. */
export type TxSeedInput = { txid: string; vout?: number | undefined }

export type ChainModule = {
  model: ChainModel
  /** The names shown in help and errors. */
  names: readonly string[]
  /** The chain `input` names, or undefined when it is not this module's. */
  resolve(input: string): ChainRef | undefined
  /** A `--tx` value; throws UsageError with the reason. */
  parseTxSeed(input: string): TxSeedInput
  /** The canonical spelling of an address; throws UsageError. */
  parseAddress(input: string): string
  /** The word for funds at rest on this model. */
  restWord: string
  /** The source flags this module reads; any other source flag is a mistake. */
  sourceFlags: readonly SourceFlag[]
  /** Wires this chain's sources and walks from the seeds. */
  run(chain: ChainRef, request: WalkRequest): Promise<WalkOutcome>
}

export type SourceFlag =
  | '--esplora-url'
  | '--explorer-url'
  | '--explorer-kind'
  | '--rpc-url'
  | '--no-explorer'

/** What any chain's sources may be given; each module reads its own. */
export type SourceOptions = ClientOptions & {
  esploraUrl?: string | undefined
  explorerUrl?: string | undefined
  explorerKind?: 'etherscan' | 'blockscout' | undefined
  rpcUrls?: readonly string[] | undefined
  /** false: no explorer, the node alone (account chains). */
  explorer?: boolean | undefined
  rps?: number | undefined
  concurrency?: number | undefined
  /** A shared client (one limiter per host, one store) for batch runs. */
  http?: HttpClient | undefined
}

export type Progress = {
  txs: number
  hops: number
  hits: number
  queued: number
}

/** One walk, its limits already resolved to the trace defaults. */
export type WalkRequest = SourceOptions & {
  txs: readonly string[]
  /** A drained wallet: its outflows from `since` (unix seconds) on are the theft. */
  address?: { address: string; since?: number | undefined } | undefined
  victims: readonly string[]
  labels: LabelLookup
  policy: PolicyName
  maxHops: number
  maxNodes: number
  /** Whole units as text, applied to each asset in its own decimals. */
  minAmount: string
  serviceThreshold?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((p: Progress) => void) | undefined
  /** UTXO: sees every tx the walk reads before its outputs are judged (swap vaults are labelled here). */
  inspectTx?: ((tx: UtxoTx) => void) | undefined
  /**
   * Account: seeds that are one payment each (a swap's outbound), not
   * everything the tx sender moved.
   */
  transferSeeds?: readonly TransferSeed[] | undefined
  /** Account: addresses an earlier walk of this trace saw spend elsewhere (never deposits). */
  passedThrough?: ReadonlySet<string> | undefined
}

/** A walk's result, the client that fetched it, and what the report adds to it. */
export type WalkOutcome = {
  result: TraceResult
  http: HttpClient
  context: {
    seeds: Seed[]
    victims: string[]
    /** The dust threshold in the native coin's units, as the report states it. */
    minAmount: string
    sources: SourceUse[]
    tipHeight?: number | null | undefined
    addressSeedTxs?:
      | readonly { txHash: string; time: number; assets: string[] }[]
      | undefined
    limitations?: readonly string[] | undefined
    discrepancies?: readonly Discrepancy[] | undefined
    filtered?: readonly FilteredTransfer[] | undefined
  }
}

/** One payment a walk starts from: a swap's outbound, with the tainted part it carries. */
export type TransferSeed = {
  txHash: string
  from: string
  to: string
  /** The payment as read (a wrap's token side has no Transfer log to find it by). */
  transfer?: AccountTransfer | undefined
  /** Tainted part of the payment; default all of it. */
  ranges?: Range[] | undefined
}
