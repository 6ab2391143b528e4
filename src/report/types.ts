/** The shape of report.json. Published as JSON Schema in schema/report.schema.json. */

import type { CaseFacts } from '../case/schema.js'
import type { Confidence } from '../core/types.js'
import type { SourceUse } from '../sources/types.js'
import type { PolicyName, StopReason, SwapCrossCheck } from '../trace/types.js'

export const SCHEMA_VERSION = '1.0.0'

/** Every amount travels as a whole-unit decimal string plus exact base units. */
export type AmountText = { amount: string; amountBase: string }
export type LabelRef = {
  entity: string
  category: string
  source: string
  confidence: Confidence
  retrieved?: string | undefined
}

/** Labels that name different owners for one address: all kept, shown side by side. */
export type LabelConflict = {
  /** Distinct entities named, best-supported first. */
  entities: string[]
  /** "conflicting labels: A | B; confidence lowered one level" */
  note: string
}

/** One label or heuristic behind an attribution, with its source and confidence. */
export type AttributionBasis = {
  kind: 'label' | 'heuristic'
  /** label: the address it is on (a sweep's destination for deposit-sweep hits). */
  address: string | null
  entity: string
  category: string
  /** label: URL or file; heuristic: the rule and the tx it fired on. */
  source: string
  confidence: Confidence
  retrieved?: string | undefined
  detail?: string | undefined
}

/** A sanctioned or hack-labelled address the trace reached, shown first. */
export type Alert = AmountText & {
  flag: 'sanctioned' | 'hack'
  chain: string
  address: string | null
  asset: string
  /** hit: an exchange deposit; unexplored: a stop not followed further. */
  where: 'hit' | 'unexplored'
  entity: string
  /** The labels that raised the flag. */
  labels: LabelRef[]
  txHashes: string[]
  hops: number
  /** One line, e.g. "SANCTIONED: 1abc… (Lazarus Group) reached: 0.5 BTC". */
  message: string
}

export type Hit = AmountText & {
  chain: string
  /** The deposit address: what an exchange can map to an account. */
  address: string
  entity: string
  category: string
  /** How the address was tied to the entity. */
  attribution: 'label' | 'deposit-sweep'
  confidence: Confidence
  labels: LabelRef[]
  /** Tx hashes behind the attribution (the sweep tx for deposit-sweep). */
  evidence: string[]
  asset: string
  /** What the address received in the tainted txs, whole units. */
  received: string
  receivedBase: string
  /** The txs that paid tainted funds into the address. */
  txHashes: string[]
  /** The tainted outputs paid to the address. */
  outputs: { txHash: string; outputIndex: number; block: number | null }[]
  firstSeen: string | null
  /** Fewest hops from a seed. */
  hops: number
  /** Set where a sanctioned or hack label was reached. */
  flags: string[]
  /** The traced amount in USD at firstSeen; absent when no price source was used. */
  usd?: UsdValue | undefined
  /** EVM tokens: the token contract (`asset` is its symbol); absent for the native coin. */
  contract?: string | undefined
  /** Every label and heuristic behind the attribution. */
  basis?: AttributionBasis[] | undefined
  /** Set when the labels name different entities. */
  conflict?: LabelConflict | undefined
}

export type AtRest = AmountText & {
  chain: string
  address: string | null
  asset: string
  /** EVM tokens: the token contract. */
  contract?: string | undefined
  txHash: string
  outputIndex: number
  /** The full output value; amount is the traced part. */
  value: string
  asOfBlock: number
  hops: number
}

export type Unexplored = AmountText & {
  chain: string
  asset: string
  address: string | null
  txHash: string
  outputIndex: number
  reason: StopReason
  detail: string
  hops: number
  /** For services and returns: who or what the endpoint is. */
  entity?: string | undefined
  /** EVM tokens: the token contract. */
  contract?: string | undefined
  /** EVM services: swap, bridge, mixer, service or likely-service. */
  category?: string | undefined
  /** Labels on the address, with source and confidence. */
  labels?: LabelRef[] | undefined
  /** Sanctioned / hack. */
  flags?: string[] | undefined
  confidence?: Confidence | undefined
  conflict?: LabelConflict | undefined
  /** A bridge deposit whose event was read: where it says the value goes. */
  bridge?: BridgeLeadRow | undefined
}

/** A bridge deposit event's lead, as report.json writes it (amounts in base units). */
export type BridgeLeadRow = {
  protocol: 'across' | 'synapse' | 'multichain' | 'op-stack'
  event: string
  contract: string
  destinationChainId: number
  /** Our name of the destination chain; null when fundtrace does not know it. */
  destinationChain: string | null
  recipient: string
  depositId: string | null
  /** null: the native coin. */
  inputToken: string | null
  inputAmountBase: string
  /** null: the event leaves it to the bridge. */
  outputToken: string | null
  outputAmountBase: string | null
}

export type CutReason =
  | 'max-hops'
  | 'max-nodes'
  | 'min-amount'
  | 'coinjoin'
  | 'fetch-failed'
  | 'likely-service'
  | 'no-source'
  | 'swap-pending'
  | 'untraced'
  | 'balance-short'

/** A place the trail was cut; every reason but min-amount makes the trace incomplete. */
export type Cut = AmountText & {
  reason: CutReason
  chain: string
  asset: string
  contract?: string | undefined
  address: string | null
  txHash: string
  outputIndex: number
  hops: number
  /** The flag, or the step, that would continue the trail. */
  flag: string
}

export type GraphNode = {
  id: string
  kind: 'address' | 'utxo' | 'script'
  address: string | null
  hop: number
  role: 'victim' | 'seed' | 'intermediate' | 'exchange' | 'service' | 'endpoint'
  entity?: string | undefined
  category?: string | undefined
  /** Traces across several chains: the chain the node is on. */
  chain?: string | undefined
}

export type GraphEdge = {
  id: string
  source: string
  target: string
  txHash: string
  outputIndex: number
  /** Full output value and traced part, base units as strings. */
  amountBase: string
  taintedBase: string
  amount: string
  tainted: string
  block: number | null
  time: string | null
  hop: number
  policy: PolicyName
  /** The traced (tainted) part in USD at `time`; absent when no price source was used. */
  usd?: UsdValue | undefined
  /** EVM: what moved. outputIndex is then the log index (erc20), the call's trace position (internal) or 0 (native). */
  kind?: 'native' | 'internal' | 'erc20' | undefined
  /** EVM: the asset symbol; amounts are in its decimals. */
  asset?: string | undefined
  contract?: string | undefined
  /**
   * The network fee of the edge's tx (native coin), on the tx's first edge
   * (lowest output/log index) only; other edges of the tx leave it out.
   */
  feeBase?: string | undefined
  fee?: string | undefined
  /** The part of that fee the policy counted as tainted: Σ over edges = reconciliation fees. */
  tracedFeeBase?: string | undefined
  tracedFee?: string | undefined
}

/**
 * A tx whose network fee carries traced value but that has no traced edge
 * (every tainted satoshi went to the fee; an EVM tx such as `approve` that
 * paid tainted gas and moved nothing tainted). The hop table shows it as a
 * row of its own: Σ tracedFeeBase over edges and these = reconciliation fees.
 */
export type FeeOnlyTx = {
  chain: string
  txHash: string
  /** The hop the tx would have had: one more than the hop of the taint it spent. */
  hop: number | null
  block: number | null
  time: string | null
  /** The native coin the fee is paid in. */
  asset: string
  /** Who paid: the tx's tainted inputs' addresses (UTXO) or its sender (EVM); empty when none has an address. */
  from: string[]
  feeBase: string
  fee: string
  tracedFeeBase: string
  tracedFee: string
}

export type Reconciliation = {
  stolen: AmountText
  atExchanges: AmountText
  atServices: AmountText
  atRest: AmountText
  returnedToVictim: AmountText
  fees: AmountText
  unexplored: AmountText
  /** Poison only: outside funds swept into the taint at merges. */
  absorbed: AmountText
  /** Cross-chain: what swaps paid out in this asset (its books begin with it). */
  receivedBySwap?: AmountText | undefined
  /** Cross-chain: what left this asset through swaps. */
  swapped?: AmountText | undefined
  /** stolen + receivedBySwap + absorbed === atExchanges + atServices + atRest + returnedToVictim + fees + unexplored + swapped */
  balanced: boolean
}

/** One asset's reconciliation (EVM traces move several assets). */
export type AssetReconciliation = Reconciliation & {
  asset: string
  decimals: number
  contract?: string | undefined
  /** Traces across several chains: the chain of the asset (ETH on Ethereum and ETH on Arbitrum keep their own books). */
  chain?: string | undefined
}

/** An explorer row the chain did not confirm (dropped), or a chain transfer the explorer missed (used). */
export type ReportDiscrepancy = AmountText & {
  txHash: string
  kind: 'native' | 'internal' | 'erc20'
  side: 'explorer-only' | 'rpc-only' | 'block-moved'
  asset: string
  contract?: string | undefined
  from: string
  to: string
  detail: string
}

/** A transfer seen and deliberately not traced. */
export type FilteredTransfer = AmountText & {
  txHash: string
  reason: 'zero-value' | 'impostor-token' | 'invalid-decimals'
  asset: string
  contract?: string | undefined
  from: string
  to: string
}
/** Where the data came from, when it is not a live read of the real chain. */
export type Provenance = {
  /** Made-up transactions served locally: none of them exists on the real chain. */
  synthetic?: true | undefined
  /** Read back offline from a recorded bundle: when its evidence was recorded. */
  replay?: { recordedAt: string | null } | undefined
}

export type Report = {
  schemaVersion: typeof SCHEMA_VERSION
  tool: { name: 'fundtrace'; version: string }
  generatedAt: string
  /** Absent for a live read of the real chain. */
  provenance?: Provenance | undefined
  case: {
    chain: string
    seeds: (
      | { kind: 'tx'; txid: string; outputs?: number[] | undefined }
      | { kind: 'address'; address: string; since?: string | undefined }
    )[]
    victims: string[]
    options: {
      maxHops: number
      minAmount: string
      maxNodes: number
      policy: PolicyName
    }
  }
  policy: { name: PolicyName; description: string }
  /** The asset of `reconciliation` (EVM: see `reconciliations` for every asset). */
  asset: { symbol: string; decimals: number; contract?: string | undefined }
  /**
   * complete: every stolen amount ended at an exchange or labelled service,
   * at rest, back with a victim, as fees, or as dust under --min-amount.
   * Else incomplete: see `cuts`.
   */
  status: 'complete' | 'incomplete'
  /** Where the trail was cut, how much, and what would continue it; absent when nothing was cut. */
  cuts?: Cut[] | undefined
  /** Sanctioned or hack-labelled addresses reached, most serious first. */
  alerts?: Alert[] | undefined
  reconciliation: Reconciliation
  hits: Hit[]
  atRest: AtRest[]
  unexplored: Unexplored[]
  /** Heuristics that fired: which rule, on which tx. */
  heuristics: { rule: string; txHash: string; detail: string }[]
  graph: { nodes: GraphNode[]; edges: GraphEdge[] }
  /** Txs with a traced fee and no traced edge, shown in the hop table; absent when there are none. */
  feeOnly?: FeeOnlyTx[] | undefined
  sources: SourceUse[]
  stats: {
    hops: number
    txs: number
    requests: number
    /** EVM: addresses whose history was read. */
    addresses?: number | undefined
  }
  /** EVM: one reconciliation per asset; `reconciliation` repeats the headline asset's. */
  reconciliations?: AssetReconciliation[] | undefined
  /** Flows that could not be followed with the sources given, in plain words. */
  limitations?: string[] | undefined
  /** Cross-chain traces: every chain read, seed chain first. */
  chains?: string[] | undefined
  /** Swaps the trace went through, each with both sides. */
  swaps?: SwapRow[] | undefined
  /** EVM with explorer and RPC: rows the two disagreed on. */
  discrepancies?: ReportDiscrepancy[] | undefined
  /** EVM: zero-value transfers and impostor tokens seen and not traced. */
  filtered?: FilteredTransfer[] | undefined
  /** The victim's case file (src/case/schema.ts); absent without --case. */
  caseFacts?: ReportCaseFacts | undefined
  /** USD values at the time; absent unless a price source was given. */
  fiat?: FiatValues | undefined
}

/**
 * A USD value at the time of a transfer, computed exactly
 * (bigint amount x decimal price, rounded half-up to cents).
 */
export type UsdValue = {
  /** USD with two decimals, or null when no price was found: shown "unknown". */
  value: string | null
  /** USD per whole coin, as the source gave it (decimal string). */
  price: string | null
  /** The named source and entry the price came from (file:line or API URL). */
  priceSource: string | null
  /** The time or UTC date the price is for. */
  priceAt: string | null
  /** The transfer time that was priced. */
  txTime: string | null
  /** Why the value is unknown, when it is. */
  note?: string | undefined
}

export type FiatValues = {
  currency: 'USD'
  /** The price source used (e.g. "price file prices.csv", "CoinGecko"). */
  source: string
  /** How amounts were converted and rounded. */
  method: string
  /** The stolen amount at the time of the theft tx(s). */
  totalLoss: UsdValue
  /** How many values (hits, edges, total) have no price. */
  unknown: number
}

export const UNVERIFIED = 'victim-provided, unverified' as const

/**
 * Case facts as attached to the report. Every suspect identifier
 * carries its status; `redacted` lists what the victim copy removed.
 */
export type ReportCaseFacts = Omit<CaseFacts, 'suspectIdentifiers'> & {
  suspectIdentifiers: (CaseFacts['suspectIdentifiers'][number] & {
    status: typeof UNVERIFIED
  })[]
  redacted?: string[] | undefined
}

/** One side of a swap as report.json writes it. */
export type SwapSideRow = AmountText & {
  chain: string
  txHash: string
  /** Output index (UTXO) or the router event's log index (account). */
  index: number
  address: string
  asset: string
  contract?: string | undefined
  decimals: number
  /** ISO time of its block; null while unconfirmed. */
  time: string | null
}

/** A swap edge: what entered, what came out, the memo and how they were tied. */
export type SwapRow = {
  /** 'thorchain', 'dex' (same tx), or the bridge: 'across', 'synapse', 'multichain', 'op-stack'. */
  protocol:
    | 'thorchain'
    | 'dex'
    | 'across'
    | 'synapse'
    | 'multichain'
    | 'op-stack'
  /** Bridges: `deposit-id` (the fill names it) or `amount-time` (recipient, amount within the fee, window). */
  match: 'memo-out' | 'memo-refund' | 'same-tx' | 'deposit-id' | 'amount-time'
  /**
   * DEX swaps: the reading that named the output ('uniswap-v2-swap-to',
   * 'weth-deposit', ...); bridges: the deposit event and what answered it.
   */
  rule?: string | undefined
  /** Bridges: high by deposit id, medium by amount and time. */
  confidence?: Confidence | undefined
  memo: string
  outMemo: string
  inbound: SwapSideRow
  outbound: SwapSideRow
  taintIn: AmountText
  taintOut: AmountText
  /** What thornode said of the match, when --thorchain-url was given. */
  crossCheck?: SwapCrossCheck | undefined
}
