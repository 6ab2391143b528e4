/** Tx transfers and address history from JSON-RPC alone, cached per tx and block. */
import pLimit from 'p-limit'
import type { Transaction } from 'viem'
import { TooManyTransfersError } from '../../core/errors.js'
import type { BlockRef } from '../../core/types.js'
import type { EvmChain } from './chains.js'
import { knownTokenInfo } from './erc20.js'
import type { EtherscanSource } from './etherscan.js'
import type { Focus } from './focus.js'
import type { InternalTransfer } from './internal.js'
import { outcomeOfStatus, type TxOutcome, txOutcome } from './outcome.js'
import { fromInternalRow, fromRpcTx, type TokenInfo } from './rows.js'
import type { RpcSource } from './rpc.js'
import type { EvmTransfer } from './types.js'

type RpcReader = {
  txTransfers(hash: string): Promise<EvmTransfer[]>
  /**
   * Transfers touching `address` from `fromBlock` to the tip; a focus without
   * the native coin skips the native scan. More than `maxTxs` txs: throws
   * TooManyTransfersError before reading any of them (2–3 requests each).
   */
  addressTransfers(
    address: string,
    fromBlock: number,
    focus?: Focus | undefined,
    maxTxs?: number | undefined,
  ): Promise<EvmTransfer[]>
}

/** A tx whose internal value transfers are unknown, and the address its value went to. */
export type UntracedTx = { txHash: string; to: string; why: string }

type BlockTxs = {
  ref: BlockRef
  txs: { hash: string; from: string; to: string }[]
}

export function createRpcReader(options: {
  chain: EvmChain
  rpc: RpcSource
  explorer?: EtherscanSource | undefined
  limit: (text: string) => void
  /** A tx whose internal transfers no tracer told truly (and no explorer stood in). */
  untraced: (tx: UntracedTx) => void
  maxScanBlocks: number
}): RpcReader {
  const { chain, rpc, explorer, limit } = options
  const txCache = new Map<string, Promise<EvmTransfer[]>>()
  const blockCache = new Map<number, Promise<BlockTxs>>()
  const tokenCache = new Map<string, Promise<TokenInfo | undefined>>()
  const pool = pLimit(8)

  const block = (n: number) => {
    let found = blockCache.get(n)
    if (!found) {
      found = rpc.getBlock(n, true).then((b) => ({
        ref: {
          height: n,
          time: Number(b.timestamp),
          hash: b.hash ?? undefined,
        },
        txs: (b.transactions as Transaction[]).map((tx) => ({
          hash: tx.hash.toLowerCase(),
          from: tx.from.toLowerCase(),
          to: (tx.to ?? '').toLowerCase(),
        })),
      }))
      blockCache.set(n, found)
    }
    return found
  }

  const token = (contract: string) => {
    let found = tokenCache.get(contract)
    if (!found) {
      const known = knownTokenInfo(chain.name, contract)
      found = known ? Promise.resolve(known) : rpc.tokenMetadata(contract)
      tokenCache.set(contract, found)
    }
    return found
  }

  async function internalOf(
    tx: Transaction,
    receipt: Parameters<RpcSource['internalTransfers']>[1],
  ): Promise<{
    transfers: InternalTransfer[]
    topCallFailed?: boolean | undefined
  }> {
    const traced = await rpc.internalTransfers(tx, receipt)
    // What a SELFDESTRUCT sent is unknown: the contract's balance is cut, never "still held".
    for (const gap of traced?.gaps ?? [])
      options.untraced({
        txHash: tx.hash.toLowerCase(),
        to: gap.contract,
        why: gap.why,
      })
    if (traced && !traced.unknown) return traced
    if (traced?.unknown && !explorer) {
      options.untraced({
        txHash: tx.hash.toLowerCase(),
        to: (tx.to ?? receipt.contractAddress ?? '').toLowerCase(),
        why: traced.unknown,
      })
      return { transfers: [] }
    }
    if (traced?.unknown)
      limit(
        `${traced.unknown}: its internal transfers were read from the explorer instead`,
      )
    if (explorer) {
      const rows = await explorer.txlistinternalByHash(tx.hash)
      const transfers = rows
        .map((row, i) => fromInternalRow(chain, row, i))
        .filter((t): t is EvmTransfer => t !== undefined)
        .map((t) => ({
          from: t.from,
          to: t.to,
          value: t.value,
          position: t.logIndex,
          type: 'CALL',
        }))
      return { transfers }
    }
    limit(
      'internal transfers (value passed through contracts) were not read: the node offers no tracer (debug_traceTransaction / trace_transaction) and no explorer was given',
    )
    return { transfers: [] }
  }

  /** A receipt without status (before Byzantium) is decided by the trace, the gas used, or the explorer. */
  async function outcomeOf(
    tx: Transaction,
    receipt: Parameters<RpcSource['internalTransfers']>[1],
    topCallFailed: boolean | undefined,
  ): Promise<TxOutcome> {
    const outcome = txOutcome(receipt, tx, topCallFailed)
    if (outcome !== 'unknown') return outcome
    const asked = explorer
      ? outcomeOfStatus((await explorer.txStatus(tx.hash)).isError)
      : 'unknown'
    if (asked === 'unknown')
      limit(
        `whether tx ${tx.hash.toLowerCase()} failed could not be read (its receipt predates status codes and no tracer or explorer said): its transfers are shown as executed`,
      )
    return asked
  }

  async function readTx(hash: string): Promise<EvmTransfer[]> {
    const [tx, receipt] = await Promise.all([
      rpc.getTransaction(hash),
      rpc.getTransactionReceipt(hash),
    ])
    const [blockTxs, internal] = await Promise.all([
      block(Number(receipt.blockNumber)),
      internalOf(tx, receipt),
    ])
    const outcome = await outcomeOf(tx, receipt, internal.topCallFailed)
    const tokens = new Map<string, TokenInfo>()
    for (const log of receipt.logs) {
      const contract = log.address.toLowerCase()
      const info = await token(contract)
      if (info) tokens.set(contract, info)
    }
    return fromRpcTx({
      chain,
      tx,
      receipt,
      block: blockTxs.ref,
      internal: internal.transfers,
      tokens,
      outcome,
    })
  }

  const txTransfers = (hash: string) => {
    let found = txCache.get(hash)
    if (!found) {
      found = readTx(hash)
      found.catch(() => txCache.delete(hash))
      txCache.set(hash, found)
    }
    return found
  }

  async function nativeHashes(
    address: string,
    from: number,
    tip: number,
  ): Promise<string[]> {
    const traces = await rpc.traceFilter({
      address,
      fromBlock: from,
      toBlock: tip,
    })
    if (traces) return traces.map((t) => t.transactionHash.toLowerCase())
    if (tip - from + 1 > options.maxScanBlocks) {
      limit(
        `native and internal flows of ${address} after block ${from} were not followed: the node has no trace_filter and ${tip - from + 1} blocks is too many to scan (limit ${options.maxScanBlocks}); give an --explorer-url`,
      )
      return []
    }
    const blocks = await Promise.all(
      Array.from({ length: tip - from + 1 }, (_, i) =>
        pool(() => block(from + i)),
      ),
    )
    return blocks.flatMap((b) =>
      b.txs
        .filter((tx) => tx.from === address || tx.to === address)
        .map((tx) => tx.hash),
    )
  }

  return {
    txTransfers,
    async addressTransfers(address, fromBlock, focus, maxTxs) {
      const tip = await rpc.getBlockNumber()
      // A watch asks from the block after its last look; with no new block
      // that range is empty, and nodes refuse it rather than answer [].
      if (fromBlock > tip) return []
      const range = { address, fromBlock, toBlock: tip }
      const tokens = focus ? focus.tokens.size > 0 : true
      const [sent, received, native] = await Promise.all([
        tokens ? rpc.transferLogs({ ...range, side: 'from' }) : [],
        tokens ? rpc.transferLogs({ ...range, side: 'to' }) : [],
        (focus?.native ?? true) ? nativeHashes(address, fromBlock, tip) : [],
      ])
      const hashes = new Set([
        ...native,
        ...[...sent, ...received].map((log) =>
          (log.transactionHash ?? '').toLowerCase(),
        ),
      ])
      if (maxTxs !== undefined && hashes.size > maxTxs)
        throw new TooManyTransfersError(maxTxs, `the txs of ${address}`)
      const lists = await Promise.all(
        [...hashes]
          .filter(Boolean)
          .map((hash) => pool(() => txTransfers(hash))),
      )
      return lists.flat().filter((t) => t.from === address || t.to === address)
    },
  }
}
