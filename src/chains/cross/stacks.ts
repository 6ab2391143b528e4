/**
 * One HTTP client and one THORChain reader per chain a trace reads: the
 * chain's walks and its swap look-ups share the client (one limiter per host,
 * one evidence ledger), and the bundle reads every chain's evidence back.
 */
import type { AccountChainAdapter, Asset } from '../../core/types.js'
import type { EvidenceRecord } from '../../evidence/types.js'
import type { HttpClient } from '../../sources/types.js'
import { createBitcoinStack } from '../bitcoin/sources.js'
import { type Conversion, readConversion } from '../evm/conversion.js'
import { createEvmStack, type ReceiptLog } from '../evm/sources.js'
import { wrappedNative } from '../evm/wrapped.js'
import type { ResolvedChain } from '../index.js'
import {
  createBitcoinReader,
  createEvmReader,
  type ThorchainReader,
} from '../thorchain/readers.js'
import type { SourceOptions } from '../types.js'

export type ChainStack = {
  http: HttpClient
  reader: ThorchainReader
  /** Account chains: what a tainted sender's asset became in one tx, if the tx shows it. */
  conversion?: ConversionReader | undefined
  /** Account chains: transfers and receipt logs, for a bridge's deposit and its fill. */
  account?:
    | {
        adapter: AccountChainAdapter
        receiptLogs(txHash: string): Promise<ReceiptLog[]>
      }
    | undefined
}

export type ConversionReader = (
  txHash: string,
  sender: string,
  asset: Asset,
) => Promise<Conversion | null>

export function createChainStack(
  chain: ResolvedChain,
  options: SourceOptions,
): ChainStack {
  if (chain.model === 'utxo') {
    const stack = createBitcoinStack(options)
    return { http: stack.http, reader: createBitcoinReader(stack.adapter) }
  }
  const stack = createEvmStack({
    ...options,
    chain: chain.chainId === null ? chain.name : String(chain.chainId),
  })
  const wrapped = wrappedNative(stack.chain.chainId)
  return {
    http: stack.http,
    reader: createEvmReader(stack.adapter, stack.receiptLogs),
    account: { adapter: stack.adapter, receiptLogs: stack.receiptLogs },
    conversion: async (txHash, sender, asset) =>
      readConversion({
        sender,
        asset,
        transfers: await stack.adapter.getTxTransfers(txHash),
        logs: await stack.receiptLogs(txHash),
        wrapped,
        native: stack.chain.asset,
      }),
  }
}

/** Several chains' clients as one, for the bundle: evidence, stats and close span them all. */
export function combineClients(clients: readonly HttpClient[]): HttpClient {
  const [first] = clients
  if (!first) throw new Error('combineClients needs a client')
  if (clients.length === 1) return first
  return {
    request: (spec) => first.request(spec),
    touched: () => new Map(clients.flatMap((c) => [...c.touched().entries()])),
    async *evidence(keys) {
      const wanted = keys ? new Set(keys) : undefined
      const given = new Set<string>()
      for (const client of clients) {
        const own = [...client.touched().keys()].filter(
          (k) => (!wanted || wanted.has(k)) && !given.has(k),
        )
        for (const k of own) given.add(k)
        if (own.length > 0)
          yield* client.evidence(own) as AsyncIterable<EvidenceRecord>
      }
    },
    stats: () => clients.flatMap((c) => c.stats()),
    close: async () => {
      for (const client of clients) await client.close()
    },
  }
}
