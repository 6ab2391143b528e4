/**
 * EVM JSON-RPC through viem, with fallbacks across every --rpc-url. Internal
 * transfers come from whichever tracer the node has (callTracer, parity
 * trace_transaction, or struct logs); the one that worked is remembered.
 */
import {
  type Block,
  createPublicClient,
  custom,
  erc20Abi,
  fallback,
  type Hash,
  type Log,
  type PublicClient,
  type Transaction,
  type TransactionReceipt,
} from 'viem'
import { BaseError } from '../../core/errors.js'
import { createHttpClient } from '../../sources/http.js'
import type { HttpClient } from '../../sources/types.js'
import { createJsonRpcSend } from './jsonrpc.js'
import {
  createTraceFilter,
  type TraceFilter,
  type TransferLogQuery,
  transferLogs,
} from './rpc-filters.js'
import {
  createInternalTransfers,
  type InternalResult,
  type RawRpc,
} from './rpc-tracers.js'

type Signal = { signal?: AbortSignal | undefined }

export type RpcSource = {
  readonly client: PublicClient
  getTransaction(hash: string): Promise<Transaction>
  getTransactionReceipt(hash: string): Promise<TransactionReceipt>
  getBlock(number: number, includeTransactions: boolean): Promise<Block>
  getBlockNumber(): Promise<number>
  /** Internal value transfers of a tx; undefined when the node has no tracer. */
  internalTransfers(
    tx: Transaction,
    receipt: TransactionReceipt,
  ): Promise<InternalResult | undefined>
  /** ERC-20 Transfer logs with `address` as sender or recipient, range bisected on refusal. */
  transferLogs(query: TransferLogQuery): Promise<Log[]>
  /** Parity trace_filter, both sides of `address`; undefined when the node lacks it. */
  traceFilter: TraceFilter
  tokenMetadata(
    contract: string,
  ): Promise<{ symbol: string; decimals: number } | undefined>
  /** The native balance, or an ERC-20 `balanceOf`, at `block` (the latest when null). */
  balanceOf(
    holder: string,
    contract: string | null,
    block: number | null,
  ): Promise<bigint>
}

export type RpcSourceOptions = {
  urls: readonly string[]
  /**
   * Carries every JSON-RPC call: pacing, retries, evidence and replay are
   * the client's. Default: a plain network client.
   */
  http?: HttpClient | undefined
} & Signal

class RpcError extends BaseError {
  override name = 'RpcError'
  override readonly exitCode = 3
}

export function createRpcSource(options: RpcSourceOptions): RpcSource {
  if (options.urls.length === 0) throw new RpcError('no RPC URL given')
  const client = createClient(options)
  const raw: RawRpc = (method, params) =>
    client.request({ method, params } as never) as Promise<unknown>
  return {
    client,
    getTransaction: (hash) => client.getTransaction({ hash: hash as Hash }),
    getTransactionReceipt: (hash) =>
      client.getTransactionReceipt({ hash: hash as Hash }),
    getBlock: (number, includeTransactions) =>
      client.getBlock({ blockNumber: BigInt(number), includeTransactions }),
    getBlockNumber: async () => Number(await client.getBlockNumber()),
    internalTransfers: createInternalTransfers(raw),
    transferLogs: (query) => transferLogs(raw, query),
    traceFilter: createTraceFilter(raw),
    tokenMetadata: (contract) => tokenMetadata(client, contract),
    balanceOf: (holder, contract, block) =>
      balanceOf(client, holder, contract, block),
  }
}

function createClient(options: RpcSourceOptions): PublicClient {
  const http = options.http ?? createHttpClient()
  // Retries live in the HTTP client; viem only falls back to the next URL.
  const transports = options.urls.map((url) => {
    const send = createJsonRpcSend(http, url, options.signal)
    return custom(
      {
        request: ({ method, params }: { method: string; params?: unknown }) =>
          send(method, Array.isArray(params) ? params : []),
      },
      { retryCount: 0 },
    )
  })
  return createPublicClient({
    transport: fallback(transports, { retryCount: 0 }),
  }) as PublicClient
}

async function tokenMetadata(
  client: PublicClient,
  contract: string,
): Promise<{ symbol: string; decimals: number } | undefined> {
  try {
    const address = contract as `0x${string}`
    const [symbol, decimals] = await Promise.all([
      client.readContract({
        address,
        abi: erc20Abi,
        functionName: 'symbol',
      }),
      client.readContract({
        address,
        abi: erc20Abi,
        functionName: 'decimals',
      }),
    ])
    return { symbol, decimals }
  } catch {
    return undefined
  }
}

function balanceOf(
  client: PublicClient,
  holder: string,
  contract: string | null,
  block: number | null,
): Promise<bigint> {
  const at = block === null ? {} : { blockNumber: BigInt(block) }
  const address = holder as `0x${string}`
  if (!contract) return client.getBalance({ address, ...at })
  return client.readContract({
    address: contract as `0x${string}`,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [address],
    ...at,
  })
}
