/**
 * A real SELFDESTRUCT (block 1,011,973, tx 0x91acb43c…): parity shows 0.05 ETH
 * leaving the contract; older geth's callTracer gives the frame as just
 * {"type":"SELFDESTRUCT"}. The value is completed from parity, or named.
 */
import { readFileSync } from 'node:fs'
import type { Transaction, TransactionReceipt } from 'viem'
import { describe, expect, it } from 'vitest'
import { type CallFrame, incompleteSelfdestructs } from './internal.js'
import { UnsupportedTracer } from './rpc-errors.js'
import { createInternalTransfers, type RawRpc } from './rpc-tracers.js'
import { fromStructLogs } from './structlog.js'

const rpc = (name: string) =>
  JSON.parse(readFileSync(`fixtures/rpc/${name}`, 'utf8')).result

const HASH =
  '0x91acb43c5f141c393a189e091c190c9ffb20e4e8a502e4cc3087be9587bdbc89'
const CONTRACT = '0x474faa5018639791952fae334e2911700ac7fe9b'
const BENEFICIARY = '0x83973747eec131bf9a08ac64fb1a518e891bdf4b'
const frame = rpc('calltracer-block-0xf7105-suicide.json')[0]
  .result as CallFrame
const parity = (
  rpc('parity-trace-block-0xf7105-suicide.json') as {
    transactionHash: string | null
  }[]
).filter((t) => t.transactionHash === HASH)

const tx = { hash: HASH, to: CONTRACT } as unknown as Transaction
const receipt = { status: null } as unknown as TransactionReceipt

/** A node that answers callTracer, and parity only when `withParity`. */
function node(withParity: boolean): RawRpc {
  return async (method, params) => {
    const [options] = params.slice(1) as [{ tracer?: string } | undefined]
    if (method === 'debug_traceTransaction' && options?.tracer === 'callTracer')
      return frame
    if (method === 'trace_transaction' && withParity) return parity
    throw new UnsupportedTracer(method)
  }
}

describe('an old callTracer SELFDESTRUCT frame without to or value', () => {
  it('is found, naming the destroyed contract', () => {
    expect(incompleteSelfdestructs(frame)).toEqual([CONTRACT])
  })

  it('is completed from parity traces: 0.05 ETH to the beneficiary', async () => {
    const traced = await createInternalTransfers(node(true))(tx, receipt)
    expect(traced?.transfers).toMatchObject([
      {
        from: CONTRACT,
        to: BENEFICIARY,
        value: 50_000_000_000_000_000n,
        type: 'SELFDESTRUCT',
      },
    ])
    expect(traced?.gaps ?? []).toEqual([])
    expect(traced?.topCallFailed).toBe(false)
  })

  it('without parity, is a gap at the destroyed contract, never silence', async () => {
    const traced = await createInternalTransfers(node(false))(tx, receipt)
    expect(traced?.transfers).toEqual([])
    expect(traced?.gaps).toEqual([
      { contract: CONTRACT, why: expect.stringContaining('SELFDESTRUCT') },
    ])
  })
})

describe('struct logs', () => {
  it('report every SELFDESTRUCT with its beneficiary', () => {
    const heard: unknown[] = []
    const out = fromStructLogs(
      {
        failed: false,
        structLogs: [
          { op: 'PUSH20', depth: 1, stack: [] },
          {
            op: 'SELFDESTRUCT',
            depth: 1,
            stack: [`0x${BENEFICIARY.slice(2)}`],
          },
        ],
      },
      CONTRACT,
      (found) => heard.push(found),
    )
    expect(out).toEqual([])
    expect(heard).toEqual([{ contract: CONTRACT, beneficiary: BENEFICIARY }])
  })
})
