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
import { addressTopic, TRANSFER_TOPIC } from '../chains/evm/erc20.js'
import {
  type CallFrame,
  fromCallTracer,
  fromParityTraces,
  type InternalTransfer,
  type ParityTrace,
} from '../chains/evm/internal.js'
import { createJsonRpcSend } from '../chains/evm/jsonrpc.js'
import { fromStructLogs, type StructLogTrace } from '../chains/evm/structlog.js'
import { BaseError } from '../core/errors.js'
import { ReplayMissError } from './errors.js'
import { createHttpClient } from './http.js'
import type { HttpClient } from './types.js'

export type Tracer = 'callTracer' | 'parity' | 'structLog'

export type InternalResult = {
  transfers: InternalTransfer[]
  tracer: Tracer
}

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
  transferLogs(query: {
    address: string
    side: 'from' | 'to'
    fromBlock: number
    toBlock: number
    token?: string | undefined
  }): Promise<Log[]>
  /** Parity trace_filter (union of from/to); undefined when the node lacks it. */
  traceFilter(query: {
    address: string
    fromBlock: number
    toBlock: number
  }): Promise<(ParityTrace & { transactionHash: string })[] | undefined>
  tokenMetadata(
    contract: string,
  ): Promise<{ symbol: string; decimals: number } | undefined>
}

export type RpcSourceOptions = {
  urls: readonly string[]
  /**
   * Carries every JSON-RPC call: pacing, retries, evidence and replay are
   * the client's. Default: a plain network client.
   */
  http?: HttpClient | undefined
} & Signal

export class RpcError extends BaseError {
  override name = 'RpcError'
  override readonly exitCode = 3
}

export function createRpcSource(options: RpcSourceOptions): RpcSource {
  if (options.urls.length === 0) throw new RpcError('no RPC URL given')
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
  const client = createPublicClient({
    transport: fallback(transports, { retryCount: 0 }),
  }) as PublicClient
  const raw = (method: string, params: unknown[]) =>
    client.request({ method, params } as never) as Promise<unknown>
  let tracer: Tracer | 'none' | undefined

  async function internalTransfers(
    tx: Transaction,
    receipt: TransactionReceipt,
  ): Promise<InternalResult | undefined> {
    if (receipt.status !== 'success')
      return { transfers: [], tracer: 'structLog' }
    const order: Tracer[] =
      tracer && tracer !== 'none'
        ? [tracer]
        : ['callTracer', 'parity', 'structLog']
    if (tracer === 'none') return undefined
    let missed: unknown
    for (const kind of order) {
      try {
        const transfers = await traceWith(kind, tx, receipt)
        tracer = kind
        return { transfers, tracer: kind }
      } catch (err) {
        // A replay may probe a tx the recorded run did not (probing races): try the next tracer.
        if (isReplayMiss(err)) missed ??= err
        else if (!isUnsupported(err)) throw err
      }
    }
    if (missed) throw missed
    tracer = 'none'
    return undefined
  }

  async function traceWith(
    kind: Tracer,
    tx: Transaction,
    receipt: TransactionReceipt,
  ): Promise<InternalTransfer[]> {
    if (kind === 'callTracer') {
      const frame = await raw('debug_traceTransaction', [
        tx.hash,
        { tracer: 'callTracer', tracerConfig: { onlyTopCall: false } },
      ])
      if (!isCallFrame(frame)) throw new UnsupportedTracer('callTracer')
      return fromCallTracer(frame)
    }
    if (kind === 'parity') {
      const traces = await raw('trace_transaction', [tx.hash])
      if (!Array.isArray(traces)) throw new UnsupportedTracer('parity')
      return fromParityTraces(traces as ParityTrace[])
    }
    const trace = (await raw('debug_traceTransaction', [
      tx.hash,
      { disableMemory: true, disableStorage: true, enableMemory: false },
    ])) as StructLogTrace
    if (!Array.isArray(trace?.structLogs))
      throw new UnsupportedTracer('structLog')
    const to = tx.to ?? receipt.contractAddress ?? ''
    return fromStructLogs(trace, to)
  }

  async function transferLogs(query: {
    address: string
    side: 'from' | 'to'
    fromBlock: number
    toBlock: number
    token?: string | undefined
  }): Promise<Log[]> {
    const topic = addressTopic(query.address)
    const topics =
      query.side === 'from'
        ? [TRANSFER_TOPIC, topic]
        : [TRANSFER_TOPIC, null, topic]
    const fetchRange = async (from: number, to: number): Promise<Log[]> => {
      try {
        return (await raw('eth_getLogs', [
          {
            fromBlock: hex(from),
            toBlock: hex(to),
            topics,
            ...(query.token ? { address: query.token } : {}),
          },
        ])) as Log[]
      } catch (err) {
        if (from >= to || !isRangeRefusal(err)) throw err
        const mid = Math.floor((from + to) / 2)
        return [
          ...(await fetchRange(from, mid)),
          ...(await fetchRange(mid + 1, to)),
        ]
      }
    }
    const logs = await fetchRange(query.fromBlock, query.toBlock)
    return logs.map(normaliseLog)
  }

  return {
    client,
    getTransaction: (hash) => client.getTransaction({ hash: hash as Hash }),
    getTransactionReceipt: (hash) =>
      client.getTransactionReceipt({ hash: hash as Hash }),
    getBlock: (number, includeTransactions) =>
      client.getBlock({ blockNumber: BigInt(number), includeTransactions }),
    getBlockNumber: async () => Number(await client.getBlockNumber()),
    internalTransfers,
    transferLogs,
    async traceFilter(query) {
      try {
        const traces = await raw('trace_filter', [
          {
            fromBlock: hex(query.fromBlock),
            toBlock: hex(query.toBlock),
            fromAddress: [query.address],
            toAddress: [query.address],
            mode: 'union',
          },
        ])
        return Array.isArray(traces) ? (traces as never) : undefined
      } catch (err) {
        if (isUnsupported(err)) return undefined
        throw err
      }
    },
    async tokenMetadata(contract) {
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
    },
  }
}

function isReplayMiss(err: unknown): boolean {
  for (let e = err, i = 0; e instanceof Error && i < 10; e = e.cause, i++)
    if (e instanceof ReplayMissError) return true
  return false
}

class UnsupportedTracer extends BaseError {
  override name = 'UnsupportedTracer'
}

/** JSON-RPC logs arrive as hex; viem's parseEventLogs wants numbers/bigints. */
function normaliseLog(log: Log): Log {
  const anyLog = log as unknown as Record<string, unknown>
  const num = (v: unknown) => (typeof v === 'string' ? Number(BigInt(v)) : v)
  return {
    ...log,
    blockNumber:
      typeof anyLog.blockNumber === 'string'
        ? BigInt(anyLog.blockNumber)
        : log.blockNumber,
    logIndex: num(anyLog.logIndex),
    transactionIndex: num(anyLog.transactionIndex),
  } as Log
}

function hex(n: number): string {
  return `0x${n.toString(16)}`
}

function errorText(err: unknown): { text: string; codes: number[] } {
  const parts: string[] = []
  const codes: number[] = []
  let cur: unknown = err
  for (let i = 0; cur instanceof Error && i < 10; i++) {
    parts.push(cur.message, (cur as { details?: string }).details ?? '')
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'number') codes.push(code)
    cur = cur.cause
  }
  return { text: parts.join(' '), codes }
}

/** Method missing or the tracer unknown: try the next way. */
export function isUnsupported(err: unknown): boolean {
  if (err instanceof UnsupportedTracer) return true
  const { text, codes } = errorText(err)
  if (codes.includes(-32601) || codes.includes(-32004)) return true
  return /not (supported|found|available|implemented)|unsupported|does not exist|unknown method|method .* not|tracer/i.test(
    text,
  )
}

/** The node refused the block range: narrow it. */
export function isRangeRefusal(err: unknown): boolean {
  const { text, codes } = errorText(err)
  if (codes.includes(-32005)) return true
  return /range|limit|too many|exceed|more than|too large|too wide|timeout|timed out/i.test(
    text,
  )
}

function isCallFrame(value: unknown): value is CallFrame {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CallFrame).type === 'string' &&
    typeof (value as CallFrame).from === 'string'
  )
}
