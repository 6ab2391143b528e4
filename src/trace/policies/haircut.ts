import { mulDiv, sum } from '../../core/amount.js'
import type { PolicyInput, PolicyResult } from '../policy.js'
import { fullRange, rangesLength } from '../ranges.js'

/** Pro rata: floor(o_i × T / V); the fee takes the rest so the tx conserves. */
export function haircut(
  inputs: PolicyInput[],
  outputs: bigint[],
  _fee: bigint,
): PolicyResult {
  const tainted = sum(inputs.map((input) => rangesLength(input.taint)))
  const value = sum(inputs.map((input) => input.value))
  if (tainted === 0n || value === 0n)
    return { outputs: outputs.map(() => []), feeTaint: tainted, absorbed: 0n }
  const shares = outputs.map((amount) => mulDiv(amount, tainted, value))
  return {
    outputs: shares.map((share) => fullRange(share)),
    feeTaint: tainted - sum(shares),
    absorbed: 0n,
  }
}
