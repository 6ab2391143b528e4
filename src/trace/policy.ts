import { fifo } from './policies/fifo.js'
import { haircut } from './policies/haircut.js'
import { poison } from './policies/poison.js'
import type { Range } from './ranges.js'
import type { PolicyName } from './types.js'

export type { Range } from './ranges.js'

export type PolicyInput = { value: bigint; taint: readonly Range[] }

export type PolicyResult = {
  /** Tainted ranges per output, in output order. */
  outputs: Range[][]
  /** Taint that went to the miner. */
  feeTaint: bigint
  /** Outside value pulled into the taint (poison only; 0 otherwise). */
  absorbed: bigint
}

export type PolicyFn = (
  inputs: PolicyInput[],
  outputs: bigint[],
  fee: bigint,
) => PolicyResult

export type Policy = {
  name: PolicyName
  /** One line for the report's method section. */
  description: string
  apply: PolicyFn
}

export const policies = {
  poison: {
    name: 'poison',
    description:
      'Poison: every output of a transaction with any tainted input is treated as fully tainted; outside funds pulled in are reported as absorbed.',
    apply: poison,
  },
  haircut: {
    name: 'haircut',
    description:
      'Haircut: each output carries the tainted share of the inputs, floor(output × tainted in ÷ total in); rounding remainders go to the fee.',
    apply: haircut,
  },
  fifo: {
    name: 'fifo',
    description:
      "FIFO (Clayton's case): inputs and outputs are laid in order on one value line; each output takes the tainted value its segment overlaps.",
    apply: fifo,
  },
} as const satisfies Record<PolicyName, Policy>

export const policyNames = Object.keys(policies) as PolicyName[]
