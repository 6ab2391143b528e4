/**
 * One HTTP client and one THORChain reader per chain a trace reads: the
 * chain's walks and its swap look-ups share the client (one limiter per host,
 * one evidence ledger), and the bundle reads every chain's evidence back.
 */
import type {
  AccountChainAdapter,
  AccountTransfer,
  Asset,
} from '../../core/types.js'
import type { EvidenceRecord } from '../../evidence/types.js'
import type { HttpClient } from '../../sources/types.js'
import { createBitcoinStack } from '../bitcoin/sources.js'
import { checkExplorerChainId, checkRpcChainIds } from '../evm/chain-id.js'
import { type Conversion, readConversion } from '../evm/conversion.js'
import {
  createEvmStack,
  type EvmStack,
  type ReceiptLog,
} from '../evm/sources.js'
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
  /** Account chains: receipt logs and a recipient's inflows, for a bridge's deposit and its fill. */
  account?: AccountReader | undefined
}

export type AccountReader = {
  parseAddress: AccountChainAdapter['parseAddress']
  receiptLogs(txHash: string): Promise<ReceiptLog[]>
  /** Every transfer into or out of the address, from its first block. */
  transfersOf(address: string): Promise<AccountTransfer[]>
}

export type ConversionReader = (
  txHash: string,
  sender: string,
  asset: Asset,
) => Promise<Conversion | null>

/**
 * `named`: the chain's sources were named on the command line for a chain
 * the trace crossed to; their chain is checked before the first look-up, as
 * a seed chain's walk checks its own before any trace work.
 */
export function createChainStack(
  chain: ResolvedChain,
  options: SourceOptions,
  named = false,
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
  let checked: Promise<void> | undefined
  const ready = () => {
    if (named) checked ??= checkNamedSources(stack, options.rpcUrls ?? [])
    return checked
  }
  const reader = createEvmReader(stack.adapter, stack.receiptLogs)
  return {
    http: stack.http,
    reader: {
      chain: reader.chain,
      inbounds: async (txHash, asset) => {
        await ready()
        return reader.inbounds(txHash, asset)
      },
      findOutbound: async (query) => {
        await ready()
        return reader.findOutbound(query)
      },
    },
    account: {
      parseAddress: (input) => stack.adapter.parseAddress(input),
      receiptLogs: async (txHash) => {
        await ready()
        return stack.receiptLogs(txHash)
      },
      transfersOf: async (address) => {
        await ready()
        return stack.adapter.getAddressTransfers(address, { fromBlock: 0 })
      },
    },
    conversion: async (txHash, sender, asset) => {
      await ready()
      return readConversion({
        sender,
        asset,
        transfers: await stack.adapter.getTxTransfers(txHash),
        logs: await stack.receiptLogs(txHash),
        wrapped,
        native: stack.chain.asset,
      })
    },
  }
}

/**
 * Refuses (UsageError) a named node or Blockscout serving another chain:
 * otherwise a payout is looked for on the wrong chain and, not found, reads
 * as a pending swap. One that cannot be asked is noted by the walk's own check.
 */
async function checkNamedSources(
  stack: EvmStack,
  rpcUrls: readonly string[],
): Promise<void> {
  const { http, chain } = stack
  await checkRpcChainIds({ http, urls: rpcUrls, chain, named: true })
  if (stack.explorerUrl && stack.explorerKind === 'blockscout')
    await checkExplorerChainId({
      http,
      explorerUrl: stack.explorerUrl,
      chain,
      named: true,
    })
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
