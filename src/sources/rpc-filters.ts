/**
 * Block-range queries: ERC-20 Transfer logs (the range bisected when the node
 * refuses it) and parity trace_filter.
 */
import type { Log } from 'viem'
import { addressTopic, TRANSFER_TOPIC } from '../chains/evm/erc20.js'
import type { ParityTrace } from '../chains/evm/internal.js'
import { isRangeRefusal, isUnsupported } from './rpc-errors.js'
import type { RawRpc } from './rpc-tracers.js'

export type TransferLogQuery = {
  address: string
  side: 'from' | 'to'
  fromBlock: number
  toBlock: number
  token?: string | undefined
}

export type TraceFilterQuery = {
  address: string
  fromBlock: number
  toBlock: number
}

export async function transferLogs(
  raw: RawRpc,
  query: TransferLogQuery,
): Promise<Log[]> {
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

export async function traceFilter(
  raw: RawRpc,
  query: TraceFilterQuery,
): Promise<(ParityTrace & { transactionHash: string })[] | undefined> {
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
