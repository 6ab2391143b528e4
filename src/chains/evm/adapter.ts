/**
 * The EVM adapter: explorer lists for address history, JSON-RPC for the truth
 * of each tx. With both, every explorer row is confirmed against the receipt
 * or trace; rows the chain does not confirm are set aside as discrepancies.
 */
import type {
  AccountChainAdapter,
  Asset,
  BlockRef,
  CallOptions,
} from '../../core/types.js'
import { parseEvmAddress, parseEvmTxHash } from './address.js'
import type { EvmChain } from './chains.js'
import { crossCheck } from './crosscheck.js'
import type { EtherscanSource } from './etherscan.js'
import { explorerAddressTransfers, explorerTxTransfers } from './explorer.js'
import { type Focus, focusOn, inFocus } from './focus.js'
import {
  compareTransfers,
  filterReason,
  transferKey,
  withOccurrences,
} from './rows.js'
import type { RpcSource } from './rpc.js'
import { createRpcReader, type UntracedTx } from './rpc-reader.js'
import type { Discrepancy, EvmTransfer, FilteredTransfer } from './types.js'

export type EvmAdapter = AccountChainAdapter & {
  readonly evm: EvmChain
  /** Explorer rows the chain did not confirm (dropped), and chain rows the explorer missed (used). */
  discrepancies(): readonly Discrepancy[]
  /** Zero-value transfers and impostor tokens seen, not traced. */
  filtered(): readonly FilteredTransfer[]
  /** Txs whose internal transfers no source told truly: value they passed on is unknown. */
  untraced(): readonly UntracedTx[]
  /**
   * The assets the walk follows (the stolen ones): address histories then
   * read only those (fewer explorer requests); tx reads are unaffected.
   */
  focusAssets(assets: readonly Asset[]): void
}

export type EvmAdapterOptions = {
  chain: EvmChain
  explorer?: EtherscanSource | undefined
  rpc?: RpcSource | undefined
  /** RPC only, no trace_filter: widest block range scanned block by block for native flows. Default 2000. */
  maxScanBlocks?: number | undefined
}

export function createEvmAdapter(options: EvmAdapterOptions): EvmAdapter {
  const { chain, explorer, rpc } = options
  const limitations: string[] = []
  const discrepancies: Discrepancy[] = []
  const untraced = new Map<string, UntracedTx>()
  const filtered = new Map<string, FilteredTransfer>()
  const limit = (text: string) => {
    if (!limitations.includes(text)) limitations.push(text)
  }
  if (!explorer && !rpc) limit('no explorer and no RPC: nothing can be read')
  let focus: Focus | undefined
  const focused = (list: EvmTransfer[]) => list.filter((t) => inFocus(focus, t))
  const reader = rpc
    ? createRpcReader({
        chain,
        rpc,
        explorer,
        limit,
        untraced: (tx) => untraced.set(tx.txHash, tx),
        maxScanBlocks: options.maxScanBlocks ?? 2000,
      })
    : undefined

  /** Drops and records zero-value moves and impostor tokens; sorts the rest. */
  const keep = (transfers: EvmTransfer[]): EvmTransfer[] => {
    const out: EvmTransfer[] = []
    const seen = new Set<string>()
    for (const transfer of transfers) {
      const key = transferKey(transfer)
      if (seen.has(key)) continue
      seen.add(key)
      const reason = filterReason(chain, transfer)
      if (reason) filtered.set(key, { transfer, reason })
      else out.push(transfer)
    }
    return withOccurrences(out.sort(compareTransfers))
  }

  return {
    model: 'account',
    chain: chain.name,
    chainId: chain.chainId,
    asset: chain.asset,
    evm: chain,
    explorer: {
      tx: (hash) => `${chain.explorerUrl}/tx/${hash}`,
      address: (address) => `${chain.explorerUrl}/address/${address}`,
    },
    get limitations() {
      return [...limitations]
    },
    parseAddress: parseEvmAddress,
    parseTxid: parseEvmTxHash,
    discrepancies: () => [...discrepancies],
    filtered: () => [...filtered.values()],
    untraced: () => [...untraced.values()],
    focusAssets(assets) {
      focus = focusOn(assets)
    },

    async getTxTransfers(txHash, callOptions?: CallOptions) {
      const hash = parseEvmTxHash(txHash)
      if (reader) return keep(await reader.txTransfers(hash))
      if (explorer)
        return keep(
          await explorerTxTransfers(chain, explorer, hash, callOptions),
        )
      return []
    },

    async getAddressTransfers(address, callOptions) {
      const who = parseEvmAddress(address)
      const { fromBlock, signal } = callOptions
      if (explorer) {
        const rows = await explorerAddressTransfers(chain, explorer, who, {
          fromBlock,
          signal,
          maxRows: callOptions.maxTransfers,
          focus,
        })
        // Lists zero-value moves and fake tokens of every asset, focus or not.
        const listed = keep(rows)
        if (!reader) return focused(listed)
        const checked = await crossCheck(
          focused(rows),
          who,
          (hash) => reader.txTransfers(hash),
          { relevant: (t) => inFocus(focus, t) },
        )
        discrepancies.push(...checked.discrepancies)
        return focused(keep(checked.transfers))
      }
      if (reader)
        return focused(
          keep(
            await reader.addressTransfers(
              who,
              fromBlock,
              focus,
              callOptions.maxTransfers,
            ),
          ),
        )
      return []
    },

    async getTipHeight() {
      if (rpc) return rpc.getBlockNumber()
      if (explorer) {
        const tip = await explorer.proxy('eth_blockNumber', {})
        return Number(BigInt(String(tip)))
      }
      return 0
    },
  }
}

export type { BlockRef }
