/**
 * Internal value transfers of one tx, from any of the three trace shapes:
 * geth callTracer frames, parity trace_transaction lists, or the default
 * struct-log tracer (the only one hardhat 2 has). The top call is the tx's own
 * value and is not repeated here.
 */

export type InternalTransfer = {
  from: string
  to: string
  value: bigint
  /** Pre-order position of the call in the trace (the top call is 0). */
  position: number
  type: string
}

export type CallFrame = {
  type: string
  from: string
  to?: string | undefined
  value?: string | undefined
  error?: string | undefined
  calls?: CallFrame[] | undefined
}

const VALUE_TYPES = new Set(['CALL', 'CREATE', 'CREATE2', 'SELFDESTRUCT'])

/** callTracer: frames with value under no failed ancestor. CALLCODE pays itself. */
export function fromCallTracer(top: CallFrame): InternalTransfer[] {
  const out: InternalTransfer[] = []
  let position = 0
  const visit = (frame: CallFrame, failed: boolean, isTop: boolean) => {
    const here = position++
    const bad = failed || frame.error !== undefined
    const value = hexToBig(frame.value)
    const type = frame.type.toUpperCase()
    if (!isTop && !bad && value > 0n && VALUE_TYPES.has(type) && frame.to) {
      out.push({
        from: frame.from.toLowerCase(),
        to: frame.to.toLowerCase(),
        value,
        position: here,
        type,
      })
    }
    for (const child of frame.calls ?? []) visit(child, bad, false)
  }
  visit(top, false, true)
  return out
}

/**
 * Contracts whose SELFDESTRUCT frame lacks its beneficiary or amount. Older
 * geth callTracers give just `{"type":"SELFDESTRUCT"}`; the value it sent is
 * then invisible, so callers complete it from parity traces or name it.
 * The destroyed contract is the frame's caller (its parent's `to`).
 */
export function incompleteSelfdestructs(top: CallFrame): string[] {
  const out: string[] = []
  const visit = (frame: CallFrame, parentTo: string, failed: boolean) => {
    const bad = failed || frame.error !== undefined
    const self = frame.type.toUpperCase() === 'SELFDESTRUCT'
    if (self && !bad && (!frame.to || frame.value === undefined))
      out.push((frame.from || parentTo).toLowerCase())
    for (const child of frame.calls ?? [])
      visit(child, frame.to ?? parentTo, bad)
  }
  visit(top, top.to ?? '', false)
  return out
}

export type ParityTrace = {
  type: string
  action: {
    callType?: string | undefined
    from?: string | undefined
    to?: string | undefined
    value?: string | undefined
    address?: string | undefined
    balance?: string | undefined
    refundAddress?: string | undefined
  }
  result?: { address?: string | undefined } | null | undefined
  error?: string | undefined
  traceAddress: number[]
}

/** trace_transaction: calls, creates and suicides with value, no failed ancestor. */
export function fromParityTraces(
  traces: readonly ParityTrace[],
): InternalTransfer[] {
  const failed = traces
    .filter((trace) => trace.error !== undefined)
    .map((trace) => trace.traceAddress)
  const underFailure = (address: number[]) =>
    failed.some((prefix) => prefix.every((step, i) => address[i] === step))
  const out: InternalTransfer[] = []
  traces.forEach((trace, position) => {
    if (trace.traceAddress.length === 0 || underFailure(trace.traceAddress))
      return
    const move = parityMove(trace)
    if (move && move.value > 0n) out.push({ ...move, position })
  })
  return out
}

function parityMove(
  trace: ParityTrace,
): Omit<InternalTransfer, 'position'> | undefined {
  const { action } = trace
  if (trace.type === 'call' && (action.callType ?? 'call') === 'call') {
    if (!action.from || !action.to) return undefined
    const value = hexToBig(action.value)
    return { from: lc(action.from), to: lc(action.to), value, type: 'CALL' }
  }
  if (trace.type === 'create' && action.from && trace.result?.address) {
    const value = hexToBig(action.value)
    return {
      from: lc(action.from),
      to: lc(trace.result.address),
      value,
      type: 'CREATE',
    }
  }
  if (trace.type === 'suicide' && action.address && action.refundAddress) {
    const value = hexToBig(action.balance)
    return {
      from: lc(action.address),
      to: lc(action.refundAddress),
      value,
      type: 'SELFDESTRUCT',
    }
  }
  return undefined
}

export function hexToBig(value: string | undefined): bigint {
  if (!value || value === '0x') return 0n
  return BigInt(value.startsWith('0x') ? value : `0x${value}`)
}

function lc(address: string): string {
  return address.toLowerCase()
}
