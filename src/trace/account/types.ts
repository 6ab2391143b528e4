/** Options of an account-model walk, and the settled state it is read from. */

import type {
  AccountChainAdapter,
  AccountTransfer,
  Asset,
  Confidence,
  Label,
  LabelLookup,
} from '../../core/types.js'
import type { Candidate } from '../attribution.js'
import type { Range } from '../ranges.js'
import type { AssetAmount, PolicyName, TxFee } from '../types.js'

export type AccountWalkOptions = {
  adapter: AccountChainAdapter
  labels: LabelLookup
  /** `from`/`to` pin one payment of the tx (a swap's outbound); else the sender's transfers. */
  seeds: {
    txHash: string
    from?: string | undefined
    to?: string | undefined
    /** The payment itself, where no Transfer log shows it (a WETH wrap's token side). */
    transfer?: AccountTransfer | undefined
    /** The tainted part of the payment (a swap's share of a partly tainted input); default all of it. */
    ranges?: Range[] | undefined
  }[]
  victims: string[]
  policy: PolicyName
  /** Hops from a seed (its recipients are hop 1). Default 12. */
  maxHops?: number | undefined
  /** Base units; an address whose tainted inflow of an asset is below it is not followed. Default 0. */
  minAmount?: bigint | ((asset: Asset) => bigint) | undefined
  /** Most addresses whose history is read. Default 2000. */
  maxNodes?: number | undefined
  /** A deposit address forwards within this many blocks of the tainted inflow. Default 200 (~40 min on Ethereum). */
  sweepWindowBlocks?: number | undefined
  /** An address that moved value with more distinct counterparties than this is a likely service and is not followed. Default 1000. */
  serviceThreshold?: number | undefined
  /**
   * Addresses an earlier walk of the same trace saw spend elsewhere: this
   * walk sees only part of what they did, so it never takes them for
   * deposit addresses.
   */
  passedThrough?: ReadonlySet<string> | undefined
  /** Read each address from genesis, so clean funds that arrived before the theft count. Default true. */
  fullHistory?: boolean | undefined
  signal?: AbortSignal | undefined
  /**
   * After each address: `txs` counts addresses read, `hits` labelled exchange
   * wallets reached so far (deposit addresses are only known at the end).
   */
  onProgress?:
    | ((p: { txs: number; hops: number; hits: number; queued: number }) => void)
    | undefined
}

export type AccountHit = {
  /** The deposit address for 'deposit-forward', else the labelled address. */
  address: string
  asset: Asset
  /** Tainted base units that reached the address. */
  amount: bigint
  /** Full value of the tainted transfers into it. */
  received: bigint
  entity: string
  category: string
  attribution: 'label' | 'deposit-forward'
  confidence: Confidence
  labels: Label[]
  /** deposit-forward: the sweep tx(s) into the exchange wallet. */
  evidence: string[]
  hop: number
  /** deposit-forward: every exchange the labels name, best-supported first; more than one means the operator is disputed. */
  candidates?: Candidate[] | undefined
}

export type ServiceKind = 'swap' | 'bridge' | 'mixer' | 'service'

/** A labelled non-exchange endpoint, or funds returned to a victim. */
export type AccountStop = {
  address: string
  asset: Asset
  amount: bigint
  reason: ServiceKind | 'victim'
  entity: string | null
  category: string | null
  /** sanctioned / hack labels reached. */
  flags: string[]
  /** The labels that stopped the walk here: the report's alerts name them. */
  labels: Label[]
  hop: number
}

export type AccountAtRest = {
  address: string
  asset: Asset
  amount: bigint
  hop: number
}

export type UnexploredReason =
  | 'max-hops'
  | 'max-nodes'
  | 'min-amount'
  | 'fetch-failed'
  | 'likely-service'

export type AccountUnexplored = {
  address: string
  asset: Asset
  amount: bigint
  reason: UnexploredReason
  detail: string
  hop: number
}

/** One transfer that carried taint. */
export type AccountEdge = {
  /** The ledger's identity of the transfer (ledger.ts edgeKey): the same from every source. */
  key: string
  txHash: string
  kind: 'native' | 'internal' | 'erc20'
  logIndex: number
  from: string
  to: string
  asset: Asset
  value: bigint
  tainted: bigint
  ranges: Range[]
  block: number
  time: number
  /** Hop of the recipient. */
  hop: number
}

/** The settled walk, before it is told as a TraceResult (emit.ts). */
export type Settlement = {
  stolen: AssetAmount[]
  hits: AccountHit[]
  stops: AccountStop[]
  atRest: AccountAtRest[]
  unexplored: AccountUnexplored[]
  edges: AccountEdge[]
  fees: AssetAmount[]
  absorbed: AssetAmount[]
  /** Native-coin fees of txs sent by read addresses, with their taint: Σ feeTaint = the native fees. */
  txFees: TxFee[]
  heuristics: { rule: string; txHash: string; detail: string }[]
  /** The adapter's plus the walk's own. */
  limitations: string[]
  /** Addresses whose history was read. */
  addresses: number
}
