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
  incompleteSelfdestructs,
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
  /** What the trace says of the top-level call; decides receipts that carry no status. */
  topCallFailed?: boolean | undefined
  /** Value the trace shows leaving but not where or how much: each is a cut at the contract it left. */
  gaps?: SelfdestructGap[] | undefined
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
    if (receipt.status === 'reverted')
      return { transfers: [], tracer: 'structLog', topCallFailed: true }
    if (tracer === 'none') return undefined
    const known = tracer
    const order = known
      ? [known, ...TRACERS.filter((k) => k !== known)]
      : TRACERS
    let missed: unknown
    let impossible: string | undefined
    for (const kind of order) {
      try {
        const traced = await traceWith(raw, kind, tx, receipt)
        tracer = kind
        return { ...traced, tracer: kind }
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
): Promise<Omit<InternalResult, 'tracer'>> {
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
    const topCallFailed = frame.error !== undefined
    const destroyed = incompleteSelfdestructs(frame)
    if (destroyed.length === 0)
      return { transfers: fromCallTracer(frame), topCallFailed }
    // Parity traces carry a SELFDESTRUCT's beneficiary and balance.
    const parity = await traceWith(raw, 'parity', tx, receipt).catch(
      (err: unknown) => {
        if (isUnsupported(err) || err instanceof ImpossibleTrace)
          return undefined
        throw err
      },
    )
    if (parity) return { transfers: parity.transfers, topCallFailed }
    return {
      transfers: fromCallTracer(frame),
      topCallFailed,
      gaps: destroyed.map((contract) => selfdestructGap(contract)),
    }
  }
  if (kind === 'parity') {
    const raws = await raw('trace_transaction', [tx.hash])
    if (!Array.isArray(raws)) throw new UnsupportedTracer('parity')
    // Every mined tx has its top-level trace.
    if (raws.length === 0)
      throw new ImpossibleTrace(`trace_transaction of ${tx.hash} was empty`)
    const traces = parseParityTraces(raws)
    const top = traces.find((trace) => trace.traceAddress.length === 0)
    return {
      transfers: fromParityTraces(traces),
      topCallFailed: top ? top.error !== undefined : undefined,
    }
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
  const gaps: SelfdestructGap[] = []
  const transfers = fromStructLogs(trace, to, ({ contract, beneficiary }) =>
    gaps.push(selfdestructGap(contract, beneficiary)),
  )
  return { transfers, topCallFailed: trace.failed === true, gaps }
}

/** A SELFDESTRUCT whose amount (and maybe beneficiary) the tracer does not show. */
export type SelfdestructGap = { contract: string; why: string }

function selfdestructGap(
  contract: string,
  beneficiary?: string,
): SelfdestructGap {
  const to = beneficiary ? ` to ${beneficiary}` : ''
  return {
    contract,
    why: `the SELFDESTRUCT of ${contract} sent its balance${to}, but the node's tracer does not show the amount${beneficiary ? '' : ' or the beneficiary'}`,
  }
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

/**
 * A callTracer frame of this tx starts at its sender and, for a call, at its
 * recipient; only what the tx names is compared.
 */
function sameCall(frame: CallFrame, tx: Transaction): boolean {
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    !a || !b || a.toLowerCase() === b.toLowerCase()
  return same(frame.from, tx.from) && same(frame.to, tx.to)
}
