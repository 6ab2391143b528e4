/** What every chain module gives the rest of fundtrace: one shape per model. */
import type { Asset } from '../core/types.js'

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
}

export type SourceFlag =
  | '--esplora-url'
  | '--explorer-url'
  | '--explorer-kind'
  | '--rpc-url'
  | '--no-explorer'
