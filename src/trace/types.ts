/** Plain data produced by the trace engine. */
import type { Seed } from '../core/seeds.js'
import type {
  Asset,
  BlockRef,
  Confidence,
  Label,
  LabelLookup,
  UtxoChainAdapter,
} from '../core/types.js'
import type { Flow } from '../graph/flow.js'
import type { Candidate } from './attribution.js'
import type { Range } from './ranges.js'

export type TraceProgress = {
  txs: number
  hops: number
  hits: number
  queued: number
}

export type TraceOptions = {
  adapter: UtxoChainAdapter
  labels: LabelLookup
  seeds: Seed[]
  victims: string[]
  policy: PolicyName
  /** Default 12. */
  maxHops?: number | undefined
  /** Tainted outputs below this are not followed. Default 0n. */
  minAmount?: bigint | undefined
  /** Most txs processed (seeds included). Default 2000. */
  maxNodes?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((progress: TraceProgress) => void) | undefined
  /** Queued txs fetched ahead of the one being processed. Default 8. */
  prefetch?: number | undefined
}

/** Where tainted value stopped: an output (UTXO) or an address (account). */
export type Endpoint = {
  reason: StopReason
  asset: Asset
  /** The tx that put the funds there (account: the latest tainted inflow, '-' when none). */
  txid: string
  /** Output index (UTXO); the transfer's position in its tx (account). */
  vout: number
  /** null for outputs with no address (P2PK, bare multisig). */
  address: string | null
  /** Full value of the output, or of the tainted inflows. */
  value: bigint
  taint: bigint
  /** Hop of the tx that created the output (seed tx = 1). */
  hop: number
  block: BlockRef | null
  /** Why it stopped, in words. */
  detail: string
  /** The entity behind a hit, service or victim return, where known. */
  entity: string | null
  category: string | null
  labels: Label[]
  /** sanctioned / hack labels reached. */
  flags: string[]
  /** Hits only. */
  attribution: 'label' | 'deposit-sweep' | null
  confidence: Confidence | null
  /** Tx hashes behind the attribution (the sweep tx for deposit-sweep). */
  evidence: string[]
  /** The tx that spent the output, where known. */
  spentBy: string | null
  /** A bridge deposit: what its event says (destination, recipient, deposit id). */
  bridge?: BridgeLead | undefined
}

/** Bridges whose deposit events fundtrace reads. */
export type BridgeProtocol = 'across' | 'synapse' | 'multichain' | 'op-stack'

/** What a bridge's deposit event says about where the value goes. */
export type BridgeLead = {
  protocol: BridgeProtocol
  /** The event read, e.g. `V3FundsDeposited`. */
  event: string
  /** The contract that emitted it (SpokePool, bridge, router), lower case. */
  contract: string
  destinationChainId: number
  /** Our name of the destination chain, or null when fundtrace does not know it. */
  destination: string | null
  /** An address, lower case; a bytes32 that is no EVM address stays whole. */
  recipient: string
  /** The token put in, lower case; null for the native coin. */
  inputToken: string | null
  inputAmount: bigint
  /** What the recipient is to receive, when the event says; a null token: the bridge picks it. */
  outputToken: string | null
  outputAmount: bigint | null
  /** The id a fill names (Across), else null. */
  depositId: string | null
}

/** Tainted outputs paid to one deposit address, grouped. */
export type TraceHit = {
  address: string
  asset: Asset
  entity: string
  category: string
  attribution: 'label' | 'deposit-sweep'
  confidence: Confidence
  labels: Label[]
  evidence: string[]
  /** Σ taint of the outputs. */
  amount: bigint
  /** Σ full values of the outputs. */
  received: bigint
  /** The outputs or transfers that paid it, in chain order. */
  outputs: Endpoint[]
  /** Fewest hops from a seed. */
  hops: number
  flags: string[]
  /** deposit-sweep: every exchange the labels name, best-supported first; more than one means the operator is disputed. */
  candidates?: Candidate[] | undefined
}

export type HeuristicHit = { rule: string; txHash: string; detail: string }

export type AssetAmount = { asset: Asset; amount: bigint }

/**
 * What every walk emits, whatever its chain model: the report is built from
 * this alone. Amounts are per asset, in base units.
 */
export type TraceResult = {
  model: 'utxo' | 'account'
  chain: string
  status: 'complete' | 'incomplete'
  /** The policy and how the walk applied it, in one line for the report. */
  policy: { name: PolicyName; description: string }
  /** The chain's own coin: network fees are paid in it. */
  nativeAsset: Asset
  /** Per asset, in the order the theft moved them. */
  stolen: AssetAmount[]
  /** Poison only: outside value swept into the taint. */
  absorbed: AssetAmount[]
  /** Taint spent on network fees. */
  fees: AssetAmount[]
  /** Each fee-paying tx's fee and fee taint: Σ feeTaint = the native fees. */
  txFees: readonly TxFee[]
  /** Every place the taint stopped, each with one stop reason; hits included. */
  endpoints: Endpoint[]
  /** The exchange endpoints, one per deposit address and asset. */
  hits: TraceHit[]
  flow: Flow
  heuristics: HeuristicHit[]
  /** Flows the walk or its sources could not follow, in plain words. */
  limitations: string[]
  /** `txs`: txs processed (UTXO) or carrying a tainted transfer (account); `addresses`: histories read. */
  stats: { hops: number; txs: number; addresses?: number | undefined }
  seedTxs: string[]
  victims: string[]
  /** Chain tip when the trace started; null when the source would not say. */
  tipHeight: number | null
  /** Cross-chain traces: every chain the trace read, seed chain first. */
  chains?: string[] | undefined
  /** Swaps the trace went through, each with both sides' hashes. */
  swaps?: SwapEdge[] | undefined
  /** Per asset: what swaps paid out, the start of that asset's own books. */
  receivedBySwap?: AssetAmount[] | undefined
  /** Cross-chain traces: each chain's tip when it was read. */
  tipHeights?: Record<string, number | null> | undefined
}

/** One side of a swap: a payment on one chain. */
export type SwapSideRecord = {
  chain: string
  txHash: string
  /** Output index (UTXO) or the router event's log index (account). */
  index: number
  /** The vault (inbound) or the recipient (outbound). */
  address: string
  asset: Asset
  amount: bigint
  /** Unix seconds; null while unconfirmed. */
  time: number | null
}

/** A conversion from one asset (and chain) to another: an edge of its own kind. */
export type SwapEdge = {
  /**
   * 'dex': a conversion inside one EVM tx (a DEX swap, a WETH wrap or
   * unwrap); a bridge's name: its deposit and the fill on another chain.
   */
  protocol: 'thorchain' | 'dex' | BridgeProtocol
  /** The inbound memo, verbatim ('' for a DEX swap: it has none). */
  memo: string
  /** The outbound's memo, verbatim (`OUT:…`, `REFUND:…`; '' for a DEX swap). */
  outMemo: string
  /**
   * How the two sides were tied: the outbound memo names the inbound hash;
   * or both are payments of one tx (`same-tx`), `rule` saying which reading
   * of it named the output; or a bridge's fill names the deposit's id
   * (`deposit-id`), or pays the recipient the deposit's amount, less at
   * most the bridge's fee, in the window after it (`amount-time`).
   */
  match: 'memo-out' | 'memo-refund' | 'same-tx' | 'deposit-id' | 'amount-time'
  rule?: string | undefined
  /** Bridges: high by deposit id, medium by amount and time. */
  confidence?: Confidence | undefined
  inbound: SwapSideRecord
  outbound: SwapSideRecord
  /** Tainted part of the inbound, and of the outbound as followed. */
  taintIn: bigint
  taintOut: bigint
  /** What a THORChain API said of the match, when one was asked (--thorchain-url). */
  crossCheck?: SwapCrossCheck | undefined
}

/**
 * An API's word on a swap matched from chain data: it names the same outbound
 * (`confirmed`), another one (`disputed`: the chain-data match is kept), or
 * none yet (`unconfirmed`).
 */
export type SwapCrossCheck = {
  source: 'thornode'
  verdict: 'confirmed' | 'disputed' | 'unconfirmed'
  detail: string
}

/** Taint arriving at a queued tx through one of its inputs. */
export type Incoming = {
  txid: string
  vout: number
  address: string | null
  value: bigint
  ranges: Range[]
  taint: bigint
  /** Hop of the tx that created the output. */
  hop: number
  block: BlockRef | null
}
export type PolicyName = 'poison' | 'haircut' | 'fifo'
export type StopReason =
  /** Reached an exchange (a hit). */
  | 'exchange'
  /** Reached a labelled service that is not an exchange (mixer, bridge, pool...). */
  | 'service'
  /** Unspent output: funds at rest. */
  | 'unspent'
  /** Paid back to a --victim address. */
  | 'victim'
  | 'max-hops'
  | 'min-amount'
  | 'coinjoin'
  | 'max-nodes'
  /** A fetch failed after every retry. */
  | 'fetch-failed'
  /** Left through a swap whose outbound was found: its books continue in the asset received. */
  | 'swapped'
  /** Entered a swap whose outbound was not found (yet): the memo's destination is the lead. */
  | 'swap-pending'
  /** Reached a chain the command line gave no source for. */
  | 'no-source'
  /** The node's trace of a tx that moved value inside contracts was empty: its internal transfers are unknown. */
  | 'untraced'
  /** Reported at rest, but the holder's balance at the as-of block is lower: the funds left unseen. */
  | 'balance-short'
/** One tx's network fee and the part of it the policy counted as tainted (base units). */
export type TxFee = {
  txHash: string
  fee: bigint
  feeTaint: bigint
  /**
   * Where the engine knows them, for a tx whose tainted fee has no edge to
   * sit on (a fee-only row): its hop, block height, block time (unix
   * seconds) and who paid the fee.
   */
  hop?: number | undefined
  block?: number | null | undefined
  time?: number | null | undefined
  from?: readonly string[] | undefined
}
