/**
 * Wires an EVM trace: explorer API and JSON-RPC (viem over a custom
 * transport) both through the shared HTTP client: paced per origin,
 * redacted, stored as evidence, replayable.
 */

import { createTraceClient } from '../../sources/setup.js'
import type { HttpClient, SourceUse } from '../../sources/types.js'
import { createEvmAdapter, type EvmAdapter } from './adapter.js'
import { type EvmChain, resolveEvmChain } from './chains.js'
import { createEtherscanSource, type EtherscanSource } from './etherscan.js'
import { createRpcSource, type RpcSource } from './rpc.js'
import { shownUrl } from './secrets.js'
import { type EvmStackOptions, type ExplorerKind, evmWiring } from './wiring.js'

export { resolveApiKey, shownUrl, urlSecrets } from './secrets.js'
export {
  type EvmStackOptions,
  type EvmWiring,
  type ExplorerKind,
  evmWiring,
  explorerKindOf,
} from './wiring.js'

export type EvmStack = {
  chain: EvmChain
  adapter: EvmAdapter
  http: HttpClient
  explorerUrl: string | null
  explorerKind: ExplorerKind
  /** The sources themselves, for checks outside the adapter (at-rest balances). */
  rpc: RpcSource | undefined
  explorer: EtherscanSource | undefined
  evidenceDir: string | null
  mode: 'network' | 'cache' | 'replay'
  /** What this wiring could not do (e.g. no key for the explorer). */
  limitations: string[]
  /** The --rpc-url values without path or query. */
  shownRpcUrls: string[]
  /** Explorer (from the HTTP client) and RPC request counts, for report.sources. */
  sources(tipHeight: number | null): SourceUse[]
  /** A tx's receipt logs, from the node when there is one, else the explorer's proxy. */
  receiptLogs(hash: string): Promise<ReceiptLog[]>
}

export type ReceiptLog = {
  address: string
  topics: readonly string[]
  data: string
  logIndex: number
}

export function createEvmStack(options: EvmStackOptions): EvmStack {
  const chain = resolveEvmChain(options.chain)
  const wiring = evmWiring(options)
  const { explorerUrl, kind, apiKey, rpcUrls, mode, evidenceDir } = wiring
  const http =
    options.http ??
    createTraceClient(options, wiring, {
      limits: wiring.limits,
      defaultLimit: wiring.defaultLimit,
      secrets: wiring.secrets,
      // Two Ethereum epochs: past them a block range's answer is final.
      finalityDepth: 64,
    })
  const explorer = explorerUrl
    ? createEtherscanSource({
        baseUrl: explorerUrl,
        chainId: chain.chainId,
        sendChainId: kind === 'etherscan',
        apiKey,
        http,
      })
    : undefined
  const rpc =
    rpcUrls.length > 0 ? createRpcSource({ urls: rpcUrls, http }) : undefined
  const adapter = createEvmAdapter({ chain, explorer, rpc })
  return {
    chain,
    adapter,
    http,
    explorerUrl,
    explorerKind: kind,
    rpc,
    explorer,
    evidenceDir,
    mode,
    limitations: wiring.limitations,
    shownRpcUrls: rpcUrls.map(shownUrl),
    sources: (tipHeight) => sourceUses(http, tipHeight),
    receiptLogs: (hash) => receiptLogs(hash, rpc, explorer),
  }
}

async function receiptLogs(
  hash: string,
  rpc: RpcSource | undefined,
  explorer: EtherscanSource | undefined,
): Promise<ReceiptLog[]> {
  if (rpc) {
    const receipt = await rpc.getTransactionReceipt(hash)
    return receipt.logs.map((l) => ({
      address: l.address,
      topics: l.topics,
      data: l.data,
      logIndex: l.logIndex ?? 0,
    }))
  }
  if (!explorer) return []
  const raw = (await explorer.proxy('eth_getTransactionReceipt', {
    txhash: hash,
  })) as { logs?: RpcLog[] } | null
  return (raw?.logs ?? []).map((l) => ({
    address: l.address,
    topics: l.topics,
    data: l.data,
    logIndex: Number(l.logIndex ?? 0),
  }))
}

type RpcLog = {
  address: string
  topics: string[]
  data: string
  logIndex?: string | null
}

function sourceUses(http: HttpClient, tipHeight: number | null): SourceUse[] {
  return http.stats().map((s) => ({
    baseUrl: s.baseUrl,
    requests: s.requests,
    cacheHits: s.cacheHits,
    tipHeight,
    firstRetrievedAt: s.firstRetrievedAt,
    lastRetrievedAt: s.lastRetrievedAt,
  }))
}
