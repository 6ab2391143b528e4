import type { Transaction, TransactionReceipt } from 'viem'
import { describe, expect, it } from 'vitest'
import { JsonRpcError } from './jsonrpc.js'
import { createInternalTransfers, type RawRpc } from './rpc-tracers.js'

const FROM = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
const PAYEE = '0x000000000000000000000000000000000000beef'
const FORWARD = `0x6e9c9b04${'0'.repeat(24)}${PAYEE.slice(2)}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`

const tx = (n: number, to = CONTRACT, input = FORWARD) =>
  ({
    hash: hash(n),
    from: FROM,
    to,
    input,
    value: 5n,
  }) as unknown as Transaction
const receipt = (gasUsed: bigint) =>
  ({ status: 'success', gasUsed, contractAddress: null }) as TransactionReceipt

/** A struct-log trace of one CALL paying 5 wei to PAYEE, as geth writes it. */
const FORWARD_STEPS = {
  failed: false,
  structLogs: [
    { op: 'PUSH1', depth: 1, stack: [] },
    {
      op: 'CALL',
      depth: 1,
      stack: ['0x0', '0x0', '0x0', '0x0', '0x5', PAYEE, '0x8fc'],
    },
    { op: 'STOP', depth: 2, stack: [] },
    { op: 'POP', depth: 1, stack: ['0x1'] },
  ],
}
const PAID = [
  { from: CONTRACT, to: PAYEE, value: 5n, position: 1, type: 'CALL' },
]

const missing = () => {
  throw new JsonRpcError({ code: -32601, message: 'method not found' })
}

type Node = {
  callTracer?: (n: number) => unknown
  parity?: (n: number) => unknown
  structLog?: (n: number) => unknown
}

/** A node answering each tracer as told; counts the calls by tracer. */
function node(answers: Node) {
  const calls: string[] = []
  const raw: RawRpc = async (method, params) => {
    const n = Number(BigInt(params[0] as string))
    const options = params[1] as { tracer?: string } | undefined
    const kind =
      method === 'trace_transaction'
        ? 'parity'
        : options?.tracer === 'callTracer'
          ? 'callTracer'
          : 'structLog'
    calls.push(kind)
    return (answers[kind] ?? missing)(n)
  }
  return { raw, calls }
}

describe('an impossible trace is no data', () => {
  it.each([
    [
      'struct logs, empty for a call that used 56,452 gas: unknown',
      { structLog: () => ({ failed: false, structLogs: [] }) },
      56_452n,
      { transfers: [], unknown: 'had no steps, though the tx used 56452 gas' },
    ],
    [
      'struct logs, empty for a call at its intrinsic gas: believed',
      { structLog: () => ({ failed: false, structLogs: [] }) },
      21_432n,
      { transfers: [], unknown: undefined },
    ],
    [
      'struct logs with the CALL',
      { structLog: () => FORWARD_STEPS },
      56_452n,
      { transfers: PAID, unknown: undefined },
    ],
    [
      'an empty parity list, then true struct logs',
      { parity: () => [], structLog: () => FORWARD_STEPS },
      56_452n,
      { transfers: PAID, unknown: undefined },
    ],
    [
      'an empty parity list and empty struct logs: unknown',
      {
        parity: () => [],
        structLog: () => ({ failed: false, structLogs: [] }),
      },
      56_452n,
      { transfers: [], unknown: 'trace_transaction of' },
    ],
    [
      'a callTracer frame of another call, then true struct logs',
      {
        callTracer: () => ({ type: 'CALL', from: PAYEE, to: CONTRACT }),
        structLog: () => FORWARD_STEPS,
      },
      56_452n,
      { transfers: PAID, unknown: undefined },
    ],
  ] as const)('%s', async (_name, answers, gasUsed, want) => {
    const trace = createInternalTransfers(node(answers as Node).raw)
    const got = await trace(tx(1), receipt(gasUsed))
    expect(got?.transfers).toEqual(want.transfers)
    if (want.unknown === undefined) expect(got?.unknown).toBeUndefined()
    else expect(got?.unknown).toContain(want.unknown)
  })

  it('a precompile call logs no steps whatever it costs: believed', async () => {
    const trace = createInternalTransfers(
      node({ structLog: () => ({ failed: false, structLogs: [] }) }).raw,
    )
    const precompile = '0x0000000000000000000000000000000000000002'
    const got = await trace(tx(1, precompile, '0xff'), receipt(30_000n))
    expect(got).toMatchObject({ transfers: [], tracer: 'structLog' })
    expect(got?.unknown).toBeUndefined()
  })

  it('the remembered tracer is asked first; an impossible answer tries the others, and the one that answered truly is remembered', async () => {
    const { raw, calls } = node({
      callTracer: (n) =>
        n === 2
          ? { type: 'CALL', from: PAYEE, to: CONTRACT }
          : { type: 'CALL', from: FROM, to: CONTRACT, calls: [] },
      structLog: () => FORWARD_STEPS,
    })
    const trace = createInternalTransfers(raw)
    expect((await trace(tx(1), receipt(56_452n)))?.tracer).toBe('callTracer')
    expect(await trace(tx(2), receipt(56_452n))).toMatchObject({
      tracer: 'structLog',
      transfers: PAID,
    })
    expect((await trace(tx(3), receipt(56_452n)))?.tracer).toBe('structLog')
    expect(calls).toEqual([
      'callTracer',
      'callTracer',
      'parity',
      'structLog',
      'structLog',
    ])
  })
})
