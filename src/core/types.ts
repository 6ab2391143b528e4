/** Shared vocabulary: plain data that flows between sources, chains, engine and report. */

export type Asset = {
  chain: string
  symbol: string
  decimals: number
  /** Token contract, for assets that are not the chain's native coin. */
  contract?: string | undefined
}

export type BlockRef = {
  height: number
  /** Unix seconds. */
  time: number
  hash?: string | undefined
}

export type UtxoInput = {
  txid: string
  vout: number
  /** null for scripts with no address (P2PK, bare multisig, coinbase). */
  address: string | null
  value: bigint
  coinbase: boolean
  /** The spent output's scriptPubKey hex, so address-less scripts (P2PK) can still be compared. */
  script?: string | undefined
}

export type UtxoOutput = {
  index: number
  address: string | null
  value: bigint
  scriptType: string
  /** scriptPubKey hex. */
  script: string
}

/** A transaction that has been checked against its raw hex. */
export type UtxoTx = {
  txid: string
  inputs: UtxoInput[]
  outputs: UtxoOutput[]
  fee: bigint
  /** null while unconfirmed. */
  block: BlockRef | null
}

export type OutSpend =
  | { spent: false }
  | { spent: true; txid: string; vin: number; block: BlockRef | null }

export type CallOptions = { signal?: AbortSignal | undefined }

/** One tx of an address's history: what it spends, and the tx itself when its JSON verified. */
export type HistoryTx = {
  txid: string
  /** null while unconfirmed. */
  block: BlockRef | null
  spends: { txid: string; vout: number }[]
  /** Present when the tx checked out against its txid, so it needs no fetch of its own. */
  tx?: UtxoTx | undefined
}

/** Links an investigator can click; the adapter knows its explorer. */
type ExplorerLinks = {
  tx(txid: string): string
  address(address: string): string
}

/** The seam between the engine and a UTXO chain. The engine never sees HTTP. */
export type UtxoChainAdapter = {
  readonly model: 'utxo'
  readonly chain: string
  readonly asset: Asset
  readonly explorer: ExplorerLinks
  /** Normalises and validates; throws UsageError on a bad or wrong-network address. */
  parseAddress(input: string): string
  /** Normalises and validates a tx hash; throws UsageError. */
  parseTxid(input: string): string
  /** Throws NotFoundError on an unknown tx, IntegrityError on data that lies. */
  getTx(txid: string, options?: CallOptions): Promise<UtxoTx>
  /** One entry per output, in vout order. */
  getOutspends(txid: string, options?: CallOptions): Promise<OutSpend[]>
  /**
   * Every tx touching the address, confirmed and unconfirmed, when one answer
   * lists them all; undefined when the history is longer than one answer.
   */
  getAddressHistory?(
    address: string,
    options?: CallOptions,
  ): Promise<HistoryTx[] | undefined>
  /**
   * Outspends of many txs in one request, in the order asked (undefined for a
   * tx the source did not answer). Throws when the source has no such endpoint.
   */
  getOutspendsBatch?(
    txids: readonly string[],
    options?: CallOptions,
  ): Promise<(OutSpend[] | undefined)[]>
  /** Txids touching an address at or after `since` (unix seconds), oldest first. */
  getAddressTxids(
    address: string,
    options?: CallOptions & { since?: number | undefined },
  ): Promise<string[]>
  /** The chain tip as seen by the source: the report's as-of height. */
  getTipHeight(options?: CallOptions): Promise<number>
}

/** Later: an account-model adapter for EVM chains joins this union. */
export type ChainAdapter = UtxoChainAdapter

export type Confidence = 'official' | 'high' | 'medium' | 'low'

export type Label = {
  chain: string
  address: string
  entity: string
  /** exchange, exchange-deposit, bridge, dex, mixer, sanctioned, scam, hack, mining-pool, service, ... */
  category: string
  /** A URL or a file path. */
  source: string
  confidence: Confidence
  /** ISO date the label was retrieved, where known. */
  retrieved?: string | undefined
}

/** Read side of any label store (in-memory CSV, SQLite, ...). */
export type LabelLookup = {
  lookup(chain: string, address: string): readonly Label[]
}

/** One value movement on an account chain: native, internal (call value) or ERC-20. */
export type AccountTransfer = {
  chain: string
  asset: Asset
  kind: 'native' | 'internal' | 'erc20'
  txHash: string
  block: BlockRef
  /** Position of the tx in its block. */
  txIndex: number
  /** Log index for ERC-20; for internal transfers, the call's position in the trace. */
  logIndex: number
  from: string
  to: string
  value: bigint
  /** Gas paid by `from` for this tx, on the native transfer row only. */
  fee?: bigint | undefined
}

/** The seam between the engine and an account (EVM) chain. */
export type AccountChainAdapter = {
  readonly model: 'account'
  readonly chain: string
  readonly chainId: number
  /** The native coin. */
  readonly asset: Asset
  readonly explorer: ExplorerLinks
  parseAddress(input: string): string
  parseTxid(input: string): string
  /** Every transfer inside one tx (native value, internal calls, ERC-20 logs). */
  getTxTransfers(
    txHash: string,
    options?: CallOptions,
  ): Promise<AccountTransfer[]>
  /**
   * Every transfer into or out of `address` from `fromBlock` on, in chain
   * order. Past `maxTransfers` the adapter may stop reading and throw
   * TooManyTransfersError (a service's wallet is not worth paging through).
   */
  getAddressTransfers(
    address: string,
    options: CallOptions & {
      fromBlock: number
      maxTransfers?: number | undefined
    },
  ): Promise<AccountTransfer[]>
  getTipHeight(options?: CallOptions): Promise<number>
  /** Flows the adapter could not see (e.g. native outflows without an index). */
  readonly limitations: readonly string[]
}
