import { readFileSync } from 'node:fs'
import type { Log } from 'viem'
import { describe, expect, it } from 'vitest'
import { isImpostorToken, parseTransferLogs } from './erc20.js'
import {
  type CallFrame,
  fromCallTracer,
  fromParityTraces,
  type ParityTrace,
} from './internal.js'
import { fromStructLogs } from './structlog.js'

const rpc = (name: string) =>
  JSON.parse(readFileSync(`fixtures/rpc/${name}`, 'utf8'))

describe('callTracer (real mainnet frames, ethereum-etl)', () => {
  it('skips the top call and CALLCODE, keeps nested value calls', () => {
    const block = rpc('calltracer-block-0xf4240.json').result as {
      result: CallFrame
    }[]
    expect(block.map((tx) => fromCallTracer(tx.result))).toEqual([[], []])
  })

  it('drops value under a failed frame', () => {
    const top: CallFrame = {
      type: 'CALL',
      from: '0xaa',
      to: '0xbb',
      value: '0x0',
      calls: [
        { type: 'CALL', from: '0xbb', to: '0xcc', value: '0x10' },
        {
          type: 'CALL',
          from: '0xbb',
          to: '0xdd',
          value: '0x20',
          error: 'execution reverted',
          calls: [{ type: 'CALL', from: '0xdd', to: '0xee', value: '0x5' }],
        },
        { type: 'DELEGATECALL', from: '0xbb', to: '0xff', value: '0x30' },
        { type: 'CREATE2', from: '0xbb', to: '0x99', value: '0x7' },
      ],
    }
    expect(fromCallTracer(top)).toEqual([
      { from: '0xbb', to: '0xcc', value: 16n, position: 1, type: 'CALL' },
      { from: '0xbb', to: '0x99', value: 7n, position: 5, type: 'CREATE2' },
    ])
  })

  it('a failed top call moves nothing', () => {
    const block = rpc('calltracer-block-0xf45bf-error.json').result as {
      result: CallFrame
    }[]
    const failed = block[0]?.result as CallFrame
    expect(
      fromCallTracer({
        ...failed,
        calls: [{ type: 'CALL', from: '0x1', to: '0x2', value: '0x1' }],
      }),
    ).toEqual([])
  })
})

describe('parity traces (real trace_block, ethereum-etl)', () => {
  it('reads a suicide refund and ignores the block reward', () => {
    const traces = rpc('parity-trace-block-0xf7105-suicide.json')
      .result as ParityTrace[]
    const oneTx = traces.filter(
      (t) =>
        (t as unknown as { transactionHash: string | null }).transactionHash,
    )
    expect(fromParityTraces(oneTx)).toEqual([
      {
        from: '0x474faa5018639791952fae334e2911700ac7fe9b',
        to: '0x83973747eec131bf9a08ac64fb1a518e891bdf4b',
        value: 0xb1a2bc2ec50000n,
        position: 1,
        type: 'SELFDESTRUCT',
      },
    ])
  })

  it('drops calls under an errored trace and non-call types', () => {
    const traces: ParityTrace[] = [
      {
        type: 'call',
        action: { callType: 'call', from: '0xa', to: '0xb', value: '0x1' },
        traceAddress: [],
      },
      {
        type: 'call',
        action: { callType: 'call', from: '0xb', to: '0xc', value: '0x2' },
        traceAddress: [0],
        error: 'Reverted',
      },
      {
        type: 'call',
        action: { callType: 'call', from: '0xc', to: '0xd', value: '0x3' },
        traceAddress: [0, 0],
      },
      {
        type: 'call',
        action: {
          callType: 'delegatecall',
          from: '0xb',
          to: '0xe',
          value: '0x4',
        },
        traceAddress: [1],
      },
      {
        type: 'create',
        action: { from: '0xb', value: '0x5' },
        result: { address: '0xf' },
        traceAddress: [2],
      },
    ]
    expect(fromParityTraces(traces)).toEqual([
      { from: '0xb', to: '0xf', value: 5n, position: 4, type: 'CREATE' },
    ])
  })
})

describe('struct logs (hardhat shape)', () => {
  const w = (n: bigint | number) => BigInt(n).toString(16).padStart(64, '0')
  const callStack = (to: string, value: bigint) => [
    w(0),
    w(0),
    w(0),
    w(0),
    w(value),
    w(BigInt(to)),
    w(2300),
  ]
  it('keeps successful value calls and drops the ones that fail', () => {
    const trace = {
      failed: false,
      structLogs: [
        { op: 'PUSH1', depth: 1, stack: [] },
        { op: 'CALL', depth: 1, stack: callStack('0xcc', 5n) }, // to an EOA: no frame
        { op: 'POP', depth: 1, stack: [w(1)] },
        { op: 'CALL', depth: 1, stack: callStack('0xdd', 7n) }, // into a contract that reverts
        { op: 'CALL', depth: 2, stack: callStack('0xee', 1n) },
        { op: 'POP', depth: 2, stack: [w(1)] },
        { op: 'REVERT', depth: 2, stack: [] },
        { op: 'POP', depth: 1, stack: [w(0)] },
        { op: 'CALL', depth: 1, stack: callStack('0xff', 9n) }, // into a contract that succeeds
        { op: 'STOP', depth: 2, stack: [] },
        { op: 'POP', depth: 1, stack: [w(1)] },
        { op: 'STOP', depth: 1, stack: [] },
      ],
    }
    const out = fromStructLogs(trace, '0xBB')
    expect(out.map((t) => [t.from, t.to, t.value])).toEqual([
      ['0xbb', `0x${'cc'.padStart(40, '0')}`, 5n],
      ['0xbb', `0x${'ff'.padStart(40, '0')}`, 9n],
    ])
    expect(fromStructLogs({ ...trace, failed: true }, '0xbb')).toEqual([])
  })
})

describe('ERC-20 logs (real receipts and logs, ethereum-etl)', () => {
  it('decodes Transfer logs from eth_getLogs', () => {
    const logs = rpc('erc20-logs-block-0x76250.json').result.map(hexLog)
    expect(
      parseTransferLogs(logs).map((l) => [
        l.contract,
        l.from,
        l.to,
        l.value,
        l.logIndex,
      ]),
    ).toEqual([
      [
        '0xf4eced2f682ce333f96f2d8966c613ded8fc95dd',
        '0x1b63142628311395ceafeea5667e7c9026c862ca',
        '0xac4df82fe37ea2187bc8c011a23d743b4f39019a',
        100000n,
        0,
      ],
      [
        '0xf4eced2f682ce333f96f2d8966c613ded8fc95dd',
        '0x9b22a80d5c7b3374a05b446081f97d0a34079e7f',
        '0x66f183060253cfbe45beff1e6e7ebbe318c81e56',
        200000n,
        1,
      ],
    ])
  })

  describe('only the exact Transfer shape decodes', () => {
    const real = () => rpc('erc20-logs-block-0x76250.json').result[0]
    const word = (n: number) => n.toString(16).padStart(64, '0')
    const [topic0, from, to] = real().topics as string[]
    it.each([
      ['the real log', {}, 1],
      ['a second data word', { data: `${real().data}${word(7)}` }, 0],
      ['an empty data field', { data: '0x' }, 0],
      [
        'a from topic that is not a zero-padded address',
        { topics: [topic0, `0x${'ab'.repeat(32)}`, to] },
        0,
      ],
      [
        'a to topic that is not a zero-padded address',
        { topics: [topic0, from, `0x01${(to ?? '').slice(4)}`] },
        0,
      ],
      [
        'an ERC-721 token id as a fourth topic',
        { topics: [topic0, from, to, `0x${word(5)}`] },
        0,
      ],
    ])('%s', (_, change, count) => {
      expect(
        parseTransferLogs([hexLog({ ...real(), ...change })]),
      ).toHaveLength(count)
    })
  })

  it('takes only the Transfer log of a receipt', () => {
    const logs = rpc('receipt-0x2e3dcd05.json').result.logs.map(hexLog)
    const out = parseTransferLogs(logs)
    expect(out).toHaveLength(1)
    expect(out[0]?.value).toBe(5_000_000_000_000_000_000n)
  })

  it.each([
    ['ethereum', '0xdac17f958d2ee523a2206206994597c13d831ec7', 'USDT', false],
    ['ethereum', '0x9999999999999999999999999999999999999999', 'USDT', true],
    ['ethereum', '0x9999999999999999999999999999999999999999', 'USD₮', true],
    ['ethereum', '0x9999999999999999999999999999999999999999', 'FOO', false],
    ['hardhat', '0x9999999999999999999999999999999999999999', 'USDT', false],
  ])('%s %s %s impostor=%s', (chain, contract, symbol, expected) => {
    expect(isImpostorToken(chain, contract, symbol)).toBe(expected)
  })
})

function hexLog(log: Record<string, unknown>): Log {
  return {
    ...log,
    blockNumber: BigInt(log.blockNumber as string),
    logIndex: Number(log.logIndex),
    transactionIndex: Number(log.transactionIndex),
    removed: false,
  } as unknown as Log
}
