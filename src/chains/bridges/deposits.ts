/**
 * What a bridge deposit's own event says: the destination chain, the
 * recipient there, what went in and, where the event states it, what comes
 * out and the deposit's id. Pure decoding of a receipt's logs; a log no
 * decoder knows is no deposit.
 */
import { decodeEventLog, type Hex, zeroAddress } from 'viem'
import type { BridgeLead } from '../../trace/types.js'
import { findEvmChain } from '../evm/chains.js'
import type { ReceiptLog } from '../evm/sources.js'
import {
  ACROSS_ABI,
  MULTICHAIN_ABI,
  OP_STACK_ABI,
  OP_STACK_BRIDGES,
  SYNAPSE_ABI,
} from './abi.js'

/** A deposit event of a receipt: the lead, and where in the tx it was read. */
export type BridgeDeposit = BridgeLead & { logIndex: number }

type Decoded = Omit<BridgeDeposit, 'contract' | 'logIndex' | 'destination'>

/** Every bridge deposit in a receipt's logs, in log order. */
export function bridgeDeposits(logs: readonly ReceiptLog[]): BridgeDeposit[] {
  const found = logs.flatMap((log) => {
    const decoded = decodeDeposit(log)
    if (!decoded) return []
    const chain = findEvmChain(String(decoded.destinationChainId))
    return [
      {
        ...decoded,
        contract: log.address.toLowerCase(),
        logIndex: log.logIndex,
        destination: chain?.name ?? null,
      },
    ]
  })
  return withoutEchoes(found)
}

function decodeDeposit(log: ReceiptLog): Decoded | null {
  return across(log) ?? synapse(log) ?? multichain(log) ?? opStack(log) ?? null
}

/** viem's decoding of one log against one ABI, or null when it is not one of its events. */
function decodeWith<const A extends readonly unknown[]>(
  abi: A,
  log: ReceiptLog,
) {
  try {
    return decodeEventLog({
      abi: abi as never,
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data as Hex,
    }) as unknown as { eventName: string; args: Record<string, unknown> }
  } catch {
    return null
  }
}

/** A bytes32 holding an EVM address (12 zero bytes, then 20) as that address. */
export function fromBytes32(word: string): string {
  const hex = word.toLowerCase()
  return /^0x0{24}[0-9a-f]{40}$/.test(hex) ? `0x${hex.slice(26)}` : hex
}

const token = (a: string): string | null => {
  const t = fromBytes32(a)
  return t === zeroAddress || /^0x0{64}$/.test(t) ? null : t
}

function across(log: ReceiptLog): Decoded | null {
  const parsed = decodeWith(ACROSS_ABI, log)
  if (
    parsed?.eventName !== 'V3FundsDeposited' &&
    parsed?.eventName !== 'FundsDeposited'
  )
    return null
  const a = parsed.args as {
    inputToken: string
    outputToken: string
    inputAmount: bigint
    outputAmount: bigint
    destinationChainId: bigint
    depositId: number | bigint
    recipient: string
  }
  return {
    protocol: 'across',
    event: parsed.eventName,
    destinationChainId: Number(a.destinationChainId),
    recipient: fromBytes32(a.recipient),
    inputToken: token(a.inputToken),
    inputAmount: a.inputAmount,
    outputToken: token(a.outputToken),
    outputAmount: a.outputAmount,
    depositId: String(a.depositId),
  }
}

function synapse(log: ReceiptLog): Decoded | null {
  const parsed = decodeWith(SYNAPSE_ABI, log)
  if (!parsed) return null
  const a = parsed.args as {
    to: string
    chainId: bigint
    token: string
    amount: bigint
  }
  return {
    protocol: 'synapse',
    event: parsed.eventName,
    destinationChainId: Number(a.chainId),
    recipient: a.to.toLowerCase(),
    inputToken: token(a.token),
    inputAmount: a.amount,
    outputToken: null,
    outputAmount: null,
    depositId: null,
  }
}

function multichain(log: ReceiptLog): Decoded | null {
  const parsed = decodeWith(MULTICHAIN_ABI, log)
  if (!parsed) return null
  const a = parsed.args as {
    token: string
    to: string
    amount: bigint
    toChainID: bigint
  }
  return {
    protocol: 'multichain',
    event: parsed.eventName,
    destinationChainId: Number(a.toChainID),
    recipient: a.to.toLowerCase(),
    // The router's anyToken wrapper, not what the sender paid in.
    inputToken: token(a.token),
    inputAmount: a.amount,
    outputToken: null,
    outputAmount: null,
    depositId: null,
  }
}

/** Canonical OP Stack deposits mint the same amount on L2: output = input. */
function opStack(log: ReceiptLog): Decoded | null {
  const chainId = OP_STACK_BRIDGES[log.address.toLowerCase()]
  if (chainId === undefined) return null
  const parsed = decodeWith(OP_STACK_ABI, log)
  if (!parsed) return null
  const a = parsed.args as {
    to: string
    amount: bigint
    l1Token?: string
    localToken?: string
    l2Token?: string
    remoteToken?: string
  }
  const inputToken = token(a.l1Token ?? a.localToken ?? zeroAddress)
  const outputToken = token(a.l2Token ?? a.remoteToken ?? zeroAddress)
  return {
    protocol: 'op-stack',
    event: parsed.eventName,
    destinationChainId: chainId,
    recipient: a.to.toLowerCase(),
    inputToken,
    inputAmount: a.amount,
    outputToken,
    outputAmount: a.amount,
    depositId: null,
  }
}

/**
 * The L1StandardBridge emits its legacy `…DepositInitiated` and the newer
 * `…BridgeInitiated` for one deposit: the second is an echo, not more value.
 */
function withoutEchoes(found: readonly BridgeDeposit[]): BridgeDeposit[] {
  return found.filter(
    (d) =>
      !d.event.endsWith('BridgeInitiated') ||
      !found.some(
        (o) =>
          o.event.endsWith('DepositInitiated') &&
          o.contract === d.contract &&
          o.recipient === d.recipient &&
          o.inputAmount === d.inputAmount,
      ),
  )
}
