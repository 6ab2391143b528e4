/**
 * Internal transfers from whichever tracer the node has (callTracer, parity
 * trace_transaction, or struct logs); the one that worked is remembered. An
 * answer that cannot be true (no steps for a tx that ran code, no top-level
 * trace, a frame of another call) is no data: the next tracer is tried, and
 * when none answers truly the result says the transfers are unknown.
 */
import type { Transaction, TransactionReceipt } from 'viem'
import { BaseError } from '../../core/errors.js'
import {
  type CallFrame,
  fromCallTracer,
  fromParityTraces,
  type InternalTransfer,
} from './internal.js'
import {
  type IntrinsicInput,
  intrinsicGas,
  isPrecompile,
  ranCode,
} from './intrinsic.js'
import { isReplayMiss, isUnsupported, UnsupportedTracer } from './rpc-errors.js'
import { parseParityTraces } from './rpc-schemas.js'
import { fromStructLogs, type StructLogTrace } from './structlog.js'

type Tracer = 'callTracer' | 'parity' | 'structLog'

export type InternalResult = {
  transfers: InternalTransfer[]
  tracer: Tracer
  /** Set when no tracer gave a possible answer: why the internal transfers are unknown. */
  unknown?: string | undefined
}

/** A tracer's answer that cannot describe this tx. */
export class ImpossibleTrace extends BaseError {
  override name = 'ImpossibleTrace'
}

const TRACERS: readonly Tracer[] = ['callTracer', 'parity', 'structLog']

/** A raw JSON-RPC call through the source's transports. */
export type RawRpc = (method: string, params: unknown[]) => Promise<unknown>

type InternalTransfers = (
  tx: Transaction,
  receipt: TransactionReceipt,
) => Promise<InternalResult | undefined>

export function createInternalTransfers(raw: RawRpc): InternalTransfers {
  let tracer: Tracer | 'none' | undefined
  return async (tx, receipt) => {
    if (receipt.status !== 'success')
      return { transfers: [], tracer: 'structLog' }
    if (tracer === 'none') return undefined
    const known = tracer
    const order = known
      ? [known, ...TRACERS.filter((k) => k !== known)]
      : TRACERS
    let missed: unknown
    let impossible: string | undefined
    for (const kind of order) {
      try {
        const transfers = await traceWith(raw, kind, tx, receipt)
        tracer = kind
        return { transfers, tracer: kind }
      } catch (err) {
        // A replay may probe a tx the recorded run did not (probing races): try the next tracer.
        if (isReplayMiss(err)) missed ??= err
        else if (err instanceof ImpossibleTrace) impossible ??= err.message
        else if (!isUnsupported(err)) throw err
      }
    }
    if (missed) throw missed
    if (impossible)
      return {
        transfers: [],
        tracer: known ?? 'structLog',
        unknown: impossible,
      }
    tracer = 'none'
    return undefined
  }
}

async function traceWith(
  raw: RawRpc,
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
    if (!sameCall(frame, tx))
      throw new ImpossibleTrace(
        `the callTracer frame of ${tx.hash} is of another call (from ${frame.from})`,
      )
    return fromCallTracer(frame)
  }
  if (kind === 'parity') {
    const traces = await raw('trace_transaction', [tx.hash])
    if (!Array.isArray(traces)) throw new UnsupportedTracer('parity')
    // Every mined tx has its top-level trace.
    if (traces.length === 0)
      throw new ImpossibleTrace(`trace_transaction of ${tx.hash} was empty`)
    return fromParityTraces(parseParityTraces(traces))
  }
  const trace = (await raw('debug_traceTransaction', [
    tx.hash,
    { disableMemory: true, disableStorage: true, enableMemory: false },
  ])) as StructLogTrace
  if (!Array.isArray(trace?.structLogs))
    throw new UnsupportedTracer('structLog')
  if (trace.structLogs.length === 0 && ranCodeIn(tx, receipt))
    throw new ImpossibleTrace(
      `the struct-log trace of ${tx.hash} had no steps, though the tx used ${receipt.gasUsed} gas, more than the ${intrinsicOf(tx)} it costs before any code runs`,
    )
  const to = tx.to ?? receipt.contractAddress ?? ''
  return fromStructLogs(trace, to)
}

function isCallFrame(value: unknown): value is CallFrame {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CallFrame).type === 'string' &&
    typeof (value as CallFrame).from === 'string'
  )
}

function ranCodeIn(tx: Transaction, receipt: TransactionReceipt): boolean {
  return (
    !isPrecompile(tx.to ?? null) && ranCode(intrinsicInput(tx), receipt.gasUsed)
  )
}

function intrinsicOf(tx: Transaction): bigint {
  return intrinsicGas(intrinsicInput(tx))
}

function intrinsicInput(tx: Transaction): IntrinsicInput {
  return {
    to: tx.to ?? null,
    input: tx.input,
    accessList: 'accessList' in tx ? tx.accessList : undefined,
    authorizationList:
      'authorizationList' in tx ? tx.authorizationList : undefined,
  }
}

/** A callTracer frame of this tx starts at its sender (and its recipient, for a call). */
function sameCall(frame: CallFrame, tx: Transaction): boolean {
  if (frame.from.toLowerCase() !== tx.from.toLowerCase()) return false
  if (!tx.to) return true
  return frame.to?.toLowerCase() === tx.to.toLowerCase()
}
