/**
 * Block-range queries: ERC-20 Transfer logs (the range bisected when the node
 * refuses it) and parity trace_filter (the same, per side).
 */
import type { Log } from 'viem'
import { addressTopic, TRANSFER_TOPIC } from './erc20.js'
import { isRangeRefusal, isUnsupported } from './rpc-errors.js'
import { type FilteredTrace, parseFilteredTraces } from './rpc-schemas.js'
import type { RawRpc } from './rpc-tracers.js'

export type TransferLogQuery = {
  address: string
  side: 'from' | 'to'
  fromBlock: number
  toBlock: number
  token?: string | undefined
}

type TraceFilterQuery = {
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
  const logs = await bisected(query.fromBlock, query.toBlock, (from, to) =>
    raw('eth_getLogs', [
      {
        fromBlock: hex(from),
        toBlock: hex(to),
        topics,
        ...(query.token ? { address: query.token } : {}),
      },
    ]).then((answer) => answer as Log[]),
  )
  return logs.map(normaliseLog)
}

export type TraceFilter = (
  query: TraceFilterQuery,
) => Promise<FilteredTrace[] | undefined>

/**
 * trace_filter, asked once per side. Nodes combine fromAddress with
 * toAddress differently (Erigon and reth: union by default; OpenEthereum,
 * Nethermind and Besu: a trace must match both), so one query naming the
 * address on both sides can return only self-transfers and silently miss
 * every outflow. The first call probes the node; until it answers, others
 * wait, so a node without trace_filter is asked once per run (and a replay
 * asks exactly what the recorded run asked).
 */
export function createTraceFilter(raw: RawRpc): TraceFilter {
  let supported: boolean | undefined
  let probe: Promise<unknown> | undefined
  const run = async (query: TraceFilterQuery) => {
    try {
      const sent = await side(raw, 'fromAddress', query)
      supported = true
      const received = await side(raw, 'toAddress', query)
      return [...sent, ...received]
    } catch (err) {
      if (!isUnsupported(err) || isRangeRefusal(err)) throw err
      supported = false
      return undefined
    }
  }
  return async (query) => {
    if (supported === undefined && probe) await probe.catch(() => {})
    if (supported === false) return undefined
    const result = run(query)
    if (supported === undefined) probe ??= result
    return result
  }
}

/** One side over the query's blocks. */
function side(
  raw: RawRpc,
  key: 'fromAddress' | 'toAddress',
  query: TraceFilterQuery,
): Promise<FilteredTrace[]> {
  return bisected(query.fromBlock, query.toBlock, async (from, to) =>
    parseFilteredTraces(
      await raw('trace_filter', [
        { fromBlock: hex(from), toBlock: hex(to), [key]: [query.address] },
      ]),
    ),
  )
}

/** `read` over [from, to], the range halved while the node refuses it as too wide. */
async function bisected<T>(
  from: number,
  to: number,
  read: (from: number, to: number) => Promise<T[]>,
): Promise<T[]> {
  try {
    return await read(from, to)
  } catch (err) {
    if (from >= to || !isRangeRefusal(err)) throw err
    const mid = Math.floor((from + to) / 2)
    return [
      ...(await bisected(from, mid, read)),
      ...(await bisected(mid + 1, to, read)),
    ]
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
