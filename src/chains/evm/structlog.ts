/**
 * Internal transfers from the default (struct-log) tracer. Each CALL-family
 * step opens a frame when the next step is one level deeper; its success flag
 * is the stack top of the first step back at the caller's depth. A failed
 * frame undoes its own value and every transfer made beneath it.
 */
import { hexToBig, type InternalTransfer } from './internal.js'

type StructLog = {
  op: string
  depth: number
  /** Bottom first; the last element is the top of the stack. */
  stack?: readonly string[] | undefined
}

export type StructLogTrace = {
  failed: boolean
  structLogs: readonly StructLog[]
}

type Pending = Omit<InternalTransfer, 'to'> & { to: string | null }

type Frame = {
  address: string
  call: Pending | null
  done: InternalTransfer[]
}

const CALLS = new Set([
  'CALL',
  'CALLCODE',
  'DELEGATECALL',
  'STATICCALL',
  'CREATE',
  'CREATE2',
])

/** A SELFDESTRUCT seen in struct logs: its beneficiary is on the stack, the balance it sends is not. */
export type StructLogSelfdestruct = { contract: string; beneficiary: string }

/**
 * `to` is the tx's recipient, or the created contract for a creation tx.
 * `onSelfdestruct` hears every SELFDESTRUCT, whose amount this tracer cannot
 * show: callers name it so the value is never silently lost.
 */
export function fromStructLogs(
  trace: StructLogTrace,
  to: string,
  onSelfdestruct?: (found: StructLogSelfdestruct) => void,
): InternalTransfer[] {
  if (trace.failed) return []
  const steps = trace.structLogs
  const base = steps[0]?.depth ?? 1
  const frames: Frame[] = [{ address: to.toLowerCase(), call: null, done: [] }]
  let position = 0
  steps.forEach((step, i) => {
    while (frames.length > step.depth - base + 1) closeFrame(frames, step)
    const frame = frames.at(-1)
    if (!frame) return
    if (step.op === 'SELFDESTRUCT') {
      position++
      onSelfdestruct?.({
        contract: frame.address,
        beneficiary: toAddress(word(step.stack ?? [], 1)),
      })
      return
    }
    if (!CALLS.has(step.op)) return
    const call = openCall(step, frame.address, ++position)
    const next = steps[i + 1]
    if (next && next.depth === step.depth + 1) {
      const address = callee(step, frame.address)
      frames.push({ address, call, done: [] })
    } else if (next && success(next)) {
      settle(frame, call, next)
    }
  })
  while (frames.length > 1) closeFrame(frames, undefined)
  return frames[0]?.done ?? []
}

function openCall(step: StructLog, from: string, position: number): Pending {
  const stack = step.stack ?? []
  const isCreate = step.op === 'CREATE' || step.op === 'CREATE2'
  const valueSlot = isCreate ? 1 : 3
  const carriesValue = step.op === 'CALL' || isCreate
  const value = carriesValue ? word(stack, valueSlot) : 0n
  const to = isCreate ? null : toAddress(word(stack, 2))
  return { from, to, value, position, type: step.op }
}

function callee(step: StructLog, current: string): string {
  if (step.op === 'CALL' || step.op === 'STATICCALL')
    return toAddress(word(step.stack ?? [], 2))
  // DELEGATECALL and CALLCODE run in the caller's context; a creation's address is known on return.
  return current
}

function closeFrame(frames: Frame[], after: StructLog | undefined): void {
  const child = frames.pop()
  const parent = frames.at(-1)
  if (!child || !parent || !after || !success(after)) return
  if (child.call) settle(parent, child.call, after)
  parent.done.push(...child.done)
}

function settle(frame: Frame, call: Pending, after: StructLog): void {
  const isCreate = call.type === 'CREATE' || call.type === 'CREATE2'
  const to = isCreate ? toAddress(word(after.stack ?? [], 1)) : call.to
  if (call.value > 0n && to) frame.done.push({ ...call, to })
}

/** The step after a call: CALLs push 1/0, CREATEs push the new address or 0. */
function success(after: StructLog): boolean {
  return word(after.stack ?? [], 1) !== 0n
}

/** The n-th word from the top of the stack (1 = top). */
function word(stack: readonly string[], n: number): bigint {
  return hexToBig(stack[stack.length - n])
}

function toAddress(value: bigint): string {
  return `0x${(value & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`
}
