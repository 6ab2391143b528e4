/**
 * The sim node's address-index methods: eth_getLogs on the Transfer topic
 * and parity trace_filter, each in the shape real nodes give. How
 * trace_filter combines fromAddress with toAddress is the node's choice
 * (Erigon/reth: union; OpenEthereum/Nethermind/Besu: intersection), so
 * both are offered; a range limit makes wide queries fail as public nodes do.
 */
import type { SimChain, SimTx } from './evm-chain.js'

export type SimFilterOptions = {
  /** The node has trace_filter, combining its two address lists this way. Default: no trace_filter. */
  traceFilter?: 'union' | 'intersection' | undefined
  /** eth_getLogs and trace_filter refuse ranges wider than this many blocks. */
  maxRange?: number | undefined
}

/** A JSON-RPC error answer with its code. */
export class SimRpcError extends Error {
  readonly code: number
  constructor(code: number, message: string) {
    super(message)
    this.code = code
  }
}

const TRANSFER =
  '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
const hex = (n: number | bigint) => `0x${n.toString(16)}`
const blockHash = (block: number) => `0x${block.toString(16).padStart(64, '0')}`
const pad = (address: string) => `0x${address.slice(2).padStart(64, '0')}`

type Query = {
  fromBlock?: string
  toBlock?: string
  topics?: (string | null)[]
  address?: string
  fromAddress?: string[]
  toAddress?: string[]
}

function range(chain: SimChain, opts: SimFilterOptions, q: Query) {
  const from = Number(q.fromBlock ?? 0)
  const to = q.toBlock === undefined ? chain.tip : Number(q.toBlock)
  if (opts.maxRange !== undefined && to - from + 1 > opts.maxRange)
    throw new SimRpcError(
      -32602,
      `block range too wide (max ${opts.maxRange} blocks)`,
    )
  return chain.txs.filter((t) => t.block >= from && t.block <= to)
}

/** eth_getLogs: Transfer logs, matched topic by topic (null = any). */
export function simLogs(chain: SimChain, opts: SimFilterOptions, q: Query) {
  return range(chain, opts, q).flatMap((t) =>
    (t.tokens ?? [])
      .map((k, n) => ({
        address: k.contract,
        topics: [TRANSFER, pad(k.from), pad(k.to)],
        data: `0x${k.value.toString(16).padStart(64, '0')}`,
        blockHash: blockHash(t.block),
        blockNumber: hex(t.block),
        transactionHash: t.hash,
        transactionIndex: hex(t.index),
        logIndex: hex(n + t.index * 10),
        removed: false,
      }))
      .filter(
        (log) =>
          (!q.address || log.address === q.address.toLowerCase()) &&
          (q.topics ?? []).every(
            (topic, i) =>
              topic === null || log.topics[i] === topic.toLowerCase(),
          ),
      ),
  )
}

function traces(t: SimTx) {
  const call = (from: string, to: string, value: bigint, at: number[]) => ({
    type: 'call',
    action: {
      callType: 'call',
      from,
      to,
      value: hex(value),
      gas: '0x0',
      input: '0x',
    },
    result: { gasUsed: '0x0', output: '0x' },
    subtraces: at.length === 0 ? (t.internal ?? []).length : 0,
    traceAddress: at,
    blockHash: blockHash(t.block),
    blockNumber: t.block,
    transactionHash: t.hash,
    transactionPosition: t.index,
  })
  return [
    call(t.from, t.to, t.value, []),
    ...(t.internal ?? []).map((i, n) => call(i.from, i.to, i.value, [n])),
  ]
}

/** trace_filter, or undefined when the node has none. */
export function simTraceFilter(
  chain: SimChain,
  opts: SimFilterOptions,
  q: Query,
) {
  if (!opts.traceFilter) return undefined
  const from = (q.fromAddress ?? []).map((a) => a.toLowerCase())
  const to = (q.toAddress ?? []).map((a) => a.toLowerCase())
  const match = ({ action }: ReturnType<typeof traces>[number]) =>
    opts.traceFilter === 'union'
      ? from.includes(action.from) || to.includes(action.to)
      : (from.length === 0 || from.includes(action.from)) &&
        (to.length === 0 || to.includes(action.to))
  return range(chain, opts, q).flatMap(traces).filter(match)
}

/**
 * What an address holds after `block`, from the chain's txs: value in minus
 * value out and gas paid (native), or token transfers in minus out. Answers
 * eth_getBalance, balanceOf and the explorer's balance actions.
 */
export function simBalance(
  chain: SimChain,
  who: string,
  contract: string | null,
  block: number,
): bigint {
  let sum = 0n
  for (const t of chain.txs) {
    if (t.block > block) continue
    const moves = contract
      ? (t.tokens ?? []).filter((k) => k.contract === contract)
      : [{ from: t.from, to: t.to, value: t.value }, ...(t.internal ?? [])]
    for (const m of moves) {
      if (m.to === who) sum += m.value
      if (m.from === who) sum -= m.value
    }
    if (!contract && t.from === who) sum -= t.gasUsed * t.gasPrice
  }
  return sum
}

/** eth_call of balanceOf(address) (selector 0x70a08231); anything else reverts. */
export function simBalanceOfCall(
  chain: SimChain,
  call: { to?: string; data?: string; input?: string },
  block: number,
): string {
  const data = call.data ?? call.input ?? ''
  if (!data.startsWith('0x70a08231') || !call.to)
    throw new SimRpcError(3, 'execution reverted')
  const who = `0x${data.slice(-40)}`
  const value = simBalance(chain, who, call.to.toLowerCase(), block)
  return `0x${value.toString(16).padStart(64, '0')}`
}
