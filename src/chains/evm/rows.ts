/** Explorer rows and RPC data → AccountTransfer, one pure function per shape. */
import type { Log, Transaction, TransactionReceipt } from 'viem'
import type { Asset, BlockRef } from '../../core/types.js'
import type { EvmChain } from './chains.js'
import { isImpostorToken, parseTransferLogs } from './erc20.js'
import type {
  EtherscanInternal,
  EtherscanToken,
  EtherscanTx,
} from './etherscan.js'
import type { InternalTransfer } from './internal.js'
import type { TxOutcome } from './outcome.js'
import type { EvmTransfer } from './types.js'

/** The tx's own value sorts before anything it causes. */
const NATIVE_INDEX = -1

export function fromTxRow(chain: EvmChain, row: EtherscanTx): EvmTransfer {
  const failed = row.isError === '1' || row.txreceipt_status === '0'
  const to = row.to || row.contractAddress || ''
  return {
    chain: chain.name,
    asset: chain.asset,
    kind: 'native',
    txHash: row.hash.toLowerCase(),
    block: { height: Number(row.blockNumber), time: Number(row.timeStamp) },
    txIndex: Number(row.transactionIndex),
    logIndex: NATIVE_INDEX,
    from: row.from.toLowerCase(),
    to: to.toLowerCase(),
    value: failed ? 0n : BigInt(row.value),
    fee: BigInt(row.gasUsed) * BigInt(row.gasPrice ?? '0'),
  }
}

/** txIndex is unknown in internal rows: the caller fills it from the tx row or receipt. */
export function fromInternalRow(
  chain: EvmChain,
  row: EtherscanInternal,
  ordinal: number,
): EvmTransfer | undefined {
  if (row.isError === '1') return undefined
  const to = row.to || row.contractAddress || ''
  const position = Number(
    row.traceId?.split('_').at(-1) ?? row.index ?? ordinal,
  )
  return {
    chain: chain.name,
    asset: chain.asset,
    kind: 'internal',
    txHash: (row.hash ?? row.transactionHash ?? '').toLowerCase(),
    block: { height: Number(row.blockNumber), time: Number(row.timeStamp) },
    txIndex: -1,
    logIndex: Number.isFinite(position) ? position + 1 : ordinal + 1,
    from: row.from.toLowerCase(),
    to: to.toLowerCase(),
    value: BigInt(row.value),
  }
}

export function fromTokenRow(
  chain: EvmChain,
  row: EtherscanToken,
  ordinal: number,
): EvmTransfer {
  const asset: Asset = {
    chain: chain.name,
    symbol: row.tokenSymbol,
    decimals: tokenDecimals(row.tokenDecimal),
    contract: row.contractAddress.toLowerCase(),
  }
  return {
    chain: chain.name,
    asset,
    kind: 'erc20',
    txHash: row.hash.toLowerCase(),
    block: { height: Number(row.blockNumber), time: Number(row.timeStamp) },
    txIndex:
      row.transactionIndex === undefined ? -1 : Number(row.transactionIndex),
    // Etherscan gives no log index: keep row order until a receipt says better.
    logIndex: row.logIndex === undefined ? ordinal : Number(row.logIndex),
    logIndexKnown: row.logIndex !== undefined,
    from: row.from.toLowerCase(),
    to: row.to.toLowerCase(),
    value: BigInt(row.value),
  }
}

export type TokenInfo = { symbol: string; decimals: number }

/** Decimals an explorer could not read; validDecimals rejects it, so the token is listed and filtered. */
export const UNKNOWN_DECIMALS = -1

/**
 * An explorer's tokenDecimal as a number. Real rows carry "" for tokens
 * whose decimals() the explorer could not read; they are tokens of unknown
 * decimals, not a reason to refuse the page they arrive on.
 */
export function tokenDecimals(text: string): number {
  return /^\d{1,6}$/.test(text) ? Number(text) : UNKNOWN_DECIMALS
}

/** Every transfer of one tx from its RPC data. */
export function fromRpcTx(input: {
  chain: EvmChain
  tx: Transaction
  receipt: TransactionReceipt
  block: BlockRef
  internal: readonly InternalTransfer[]
  tokens: ReadonlyMap<string, TokenInfo>
  /** From txOutcome: an unknown outcome is read as executed, and the caller names it as a limitation. */
  outcome: TxOutcome
}): EvmTransfer[] {
  const { chain, tx, receipt, block } = input
  const base = {
    chain: chain.name,
    txHash: tx.hash.toLowerCase(),
    block,
    txIndex: receipt.transactionIndex,
  }
  const ok = input.outcome !== 'failed'
  const to = tx.to ?? receipt.contractAddress ?? ''
  const native: EvmTransfer = {
    ...base,
    asset: chain.asset,
    kind: 'native',
    logIndex: NATIVE_INDEX,
    from: tx.from.toLowerCase(),
    to: to.toLowerCase(),
    value: ok ? tx.value : 0n,
    fee: receipt.gasUsed * gasPriceOf(tx, receipt),
  }
  const internal = (ok ? input.internal : []).map(
    (move): EvmTransfer => ({
      ...base,
      asset: chain.asset,
      kind: 'internal',
      logIndex: move.position,
      from: move.from,
      to: move.to,
      value: move.value,
    }),
  )
  const tokens = parseTransferLogs(receipt.logs as Log[]).map(
    (log): EvmTransfer => {
      const info = input.tokens.get(log.contract)
      return {
        ...base,
        asset: {
          chain: chain.name,
          symbol: info?.symbol ?? log.contract,
          decimals: info?.decimals ?? 0,
          contract: log.contract,
        },
        kind: 'erc20',
        logIndex: log.logIndex,
        from: log.from,
        to: log.to,
        value: log.value,
      }
    },
  )
  return [native, ...internal, ...tokens]
}

/**
 * Receipts from clients older than London carry no effectiveGasPrice
 * (viem types it as always present); before EIP-1559 it is the tx's gasPrice.
 */
function gasPriceOf(tx: Transaction, receipt: TransactionReceipt): bigint {
  const effective = receipt.effectiveGasPrice as bigint | undefined
  return effective ?? tx.gasPrice ?? 0n
}

type FilterReason = 'zero-value' | 'impostor-token' | 'invalid-decimals'

/** ERC-20 decimals are a uint8: anything else is a broken or hostile token whose amounts mean nothing. */
export const validDecimals = (decimals: number): boolean =>
  Number.isInteger(decimals) && decimals >= 0 && decimals <= 255

/** Zero-value moves, symbol copies and tokens with impossible decimals are listed, never traced. The native row stays: it carries the fee. */
export function filterReason(
  chain: EvmChain,
  transfer: EvmTransfer,
): FilterReason | undefined {
  if (transfer.kind === 'native') return undefined
  if (transfer.value === 0n) return 'zero-value'
  if (!validDecimals(transfer.asset.decimals)) return 'invalid-decimals'
  const contract = transfer.asset.contract
  if (contract && isImpostorToken(chain.name, contract, transfer.asset.symbol))
    return 'impostor-token'
  return undefined
}

/** Chain order: block, tx index, log index. */
export function compareTransfers(a: EvmTransfer, b: EvmTransfer): number {
  return (
    a.block.height - b.block.height ||
    a.txIndex - b.txIndex ||
    a.logIndex - b.logIndex ||
    (a.txHash < b.txHash ? -1 : a.txHash > b.txHash ? 1 : 0)
  )
}

export function transferKey(t: EvmTransfer): string {
  return `${t.txHash}:${t.kind}:${t.logIndex}:${t.asset.contract ?? ''}:${t.from}:${t.to}:${t.value}`
}

/** What moved, without its position: equal for the same transfer from any source. */
function moveKey(t: EvmTransfer): string {
  return `${t.txHash}:${t.kind}:${t.asset.contract ?? ''}:${t.from}:${t.to}:${t.value}`
}

/**
 * Copies of `sorted` (chain order) with each transfer's occurrence among
 * identical moves. Any list holding every transfer of a tx that touches one
 * address holds every copy of such a move, so the numbering agrees between
 * the sender's history, the recipient's history and the tx's receipt.
 */
export function withOccurrences(sorted: readonly EvmTransfer[]): EvmTransfer[] {
  const counts = new Map<string, number>()
  return sorted.map((t) => {
    const key = moveKey(t)
    const occurrence = counts.get(key) ?? 0
    counts.set(key, occurrence + 1)
    return { ...t, occurrence }
  })
}
