import { sum } from '../../core/amount.js'
import type { PolicyInput, PolicyResult } from '../policy.js'
import { fullRange, rangesLength } from '../ranges.js'

/** Any tainted input taints every output in full; the fee is tainted too. */
export function poison(
  inputs: PolicyInput[],
  outputs: bigint[],
  fee: bigint,
): PolicyResult {
  const tainted = sum(inputs.map((input) => rangesLength(input.taint)))
  if (tainted === 0n)
    return { outputs: outputs.map(() => []), feeTaint: 0n, absorbed: 0n }
  const value = sum(inputs.map((input) => input.value))
  return {
    outputs: outputs.map((amount) => fullRange(amount)),
    feeTaint: fee,
    absorbed: value - tainted,
  }
}
