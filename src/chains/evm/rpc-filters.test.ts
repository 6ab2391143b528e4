import { describe, expect, test } from 'vitest'
import { JsonRpcError } from './jsonrpc.js'
import { createTraceFilter, transferLogs } from './rpc-filters.js'
import type { RawRpc } from './rpc-tracers.js'

const A = `0x${'a'.repeat(40)}`
const B = `0x${'b'.repeat(40)}`
const C = `0x${'c'.repeat(40)}`
const txHash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`

type Move = { block: number; from: string; to: string; tx: number }
const MOVES: Move[] = [
  { block: 10, from: C, to: A, tx: 1 }, // A receives
  { block: 20, from: A, to: B, tx: 2 }, // A sends
  { block: 30, from: B, to: C, tx: 3 }, // not A
  { block: 40, from: A, to: A, tx: 4 }, // self-transfer
]

type Node = {
  /** How a query naming both fromAddress and toAddress combines them. */
  mode?: 'union' | 'intersection'
  /** Wider ranges are refused, as public nodes do. */
  maxRange?: number
  missing?: boolean
  /** Extra entries in every answer (rewards, error objects). */
  extra?: unknown[]
}

function node(opts: Node = {}) {
  const calls: Record<string, unknown>[] = []
  const raw: RawRpc = async (method, params) => {
    const q = params[0] as Record<string, unknown>
    calls.push(q)
    if (opts.missing || method !== 'trace_filter')
      throw new JsonRpcError({ code: -32601, message: 'method not found' })
    const [from, to] = [Number(q.fromBlock), Number(q.toBlock)]
    if (opts.maxRange !== undefined && to - from + 1 > opts.maxRange)
      throw new JsonRpcError({
        code: -32602,
        message: `block range too wide (max ${opts.maxRange})`,
      })
    const f = (q.fromAddress as string[] | undefined) ?? []
    const t = (q.toAddress as string[] | undefined) ?? []
    const hit = (m: Move) =>
      opts.mode === 'intersection'
        ? (f.length === 0 || f.includes(m.from)) &&
          (t.length === 0 || t.includes(m.to))
        : f.includes(m.from) || t.includes(m.to)
    return [
      ...MOVES.filter((m) => m.block >= from && m.block <= to && hit(m)).map(
        (m) => ({
          type: 'call',
          action: { callType: 'call', from: m.from, to: m.to, value: '0x1' },
          result: { gasUsed: '0x0', output: '0x' },
          traceAddress: [],
          subtraces: 0,
          blockNumber: m.block,
          transactionHash: txHash(m.tx),
        }),
      ),
      ...(opts.extra ?? []),
    ]
  }
  return { raw, calls }
}

const query = { address: A, fromBlock: 0, toBlock: 63 }
const hashes = (traces: { transactionHash: string }[] | undefined) =>
  [...new Set(traces?.map((t) => t.transactionHash))].sort()
const REWARD = {
  type: 'reward',
  action: { author: A, rewardType: 'block', value: '0x2' },
  result: null,
  traceAddress: [],
  blockNumber: 50,
  transactionHash: null,
}

describe('trace_filter: every tx that moves value from or to the address', () => {
  test.each([
    ['a union node (Erigon, reth)', { mode: 'union' }],
    [
      'an intersection node (OpenEthereum, Nethermind, Besu)',
      { mode: 'intersection' },
    ],
    ['a node refusing ranges over 8 blocks (bisected)', { maxRange: 8 }],
    ['block rewards, which carry no tx, are left out', { extra: [REWARD] }],
  ] as [string, Node][])('%s', async (_name, opts) => {
    const { raw, calls } = node(opts)
    const traces = await createTraceFilter(raw)(query)
    expect(hashes(traces)).toEqual([txHash(1), txHash(2), txHash(4)])
    // One query per side: never fromAddress and toAddress together.
    expect(calls.length).toBeGreaterThan(0)
    for (const q of calls) expect(Object.keys(q).sort()).toHaveLength(3)
  })

  test('a node without trace_filter: undefined, asked once per run', async () => {
    const { raw, calls } = node({ missing: true })
    const filter = createTraceFilter(raw)
    const answers = await Promise.all([
      filter(query),
      filter({ ...query, address: B }),
      filter({ ...query, address: C }),
    ])
    expect(answers).toEqual([undefined, undefined, undefined])
    expect(calls).toHaveLength(1)
  })

  test.each([
    [
      'an error object inside the array (Erigon streams them)',
      { code: -32000, message: 'could not find block' },
      'could not find block',
    ],
    [
      'a value that is no hex quantity',
      {
        ...REWARD,
        type: 'call',
        action: { from: A, to: B, value: '12' },
        transactionHash: txHash(9),
      },
      '0.action.value: expected a hex quantity',
    ],
  ])(
    '%s: an error naming trace_filter and the field',
    async (_name, entry, line) => {
      const { raw } = node({ extra: [entry] })
      const err = await createTraceFilter(raw)({
        ...query,
        address: C,
        fromBlock: 60,
      }).catch((e: Error) => e)
      expect(err).toBeInstanceOf(Error)
      expect((err as Error).message).toContain('trace_filter')
      expect((err as Error).message).toContain(line)
    },
  )
})

describe('eth_getLogs bisection', () => {
  test('a refused range is halved until the node answers', async () => {
    const asked: [number, number][] = []
    const raw: RawRpc = async (_method, params) => {
      const q = params[0] as { fromBlock: string; toBlock: string }
      const range: [number, number] = [Number(q.fromBlock), Number(q.toBlock)]
      asked.push(range)
      if (range[1] - range[0] + 1 > 16)
        throw new JsonRpcError({
          code: -32005,
          message: 'query returned more than 10000 results',
        })
      return []
    }
    await transferLogs(raw, {
      address: A,
      side: 'from',
      fromBlock: 0,
      toBlock: 63,
    })
    const served = asked.filter(([f, t]) => t - f + 1 <= 16)
    expect(served).toEqual([
      [0, 15],
      [16, 31],
      [32, 47],
      [48, 63],
    ])
  })
})
