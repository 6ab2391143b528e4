/**
 * Across relayers' fills on the destination chain: `FilledV3Relay` (legacy,
 * address fields) and `FilledRelay` (bytes32), each naming the origin chain
 * and deposit id it answers. Pure decoding.
 */
import { decodeEventLog, type Hex } from 'viem'
import type { ReceiptLog } from '../evm/sources.js'
import { ACROSS_ABI } from './abi.js'
import { fromBytes32 } from './deposits.js'

export type AcrossFill = {
  event: 'FilledV3Relay' | 'FilledRelay'
  logIndex: number
  originChainId: number
  depositId: string
  /** The deposit's recipient, or the recipient a speed-up set. */
  recipient: string
  outputAmount: bigint
}

export function acrossFills(logs: readonly ReceiptLog[]): AcrossFill[] {
  return logs.flatMap((log) => {
    const fill = decodeFill(log)
    return fill ? [fill] : []
  })
}

function decodeFill(log: ReceiptLog): AcrossFill | null {
  let parsed: { eventName: string; args: Record<string, unknown> }
  try {
    parsed = decodeEventLog({
      abi: ACROSS_ABI,
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data as Hex,
    }) as typeof parsed
  } catch {
    return null
  }
  if (
    parsed.eventName !== 'FilledV3Relay' &&
    parsed.eventName !== 'FilledRelay'
  )
    return null
  const a = parsed.args as {
    originChainId: bigint
    depositId: number | bigint
    recipient: string
    outputAmount: bigint
    relayExecutionInfo: {
      updatedRecipient: string
      updatedOutputAmount: bigint
    }
  }
  const updated = fromBytes32(a.relayExecutionInfo.updatedRecipient)
  return {
    event: parsed.eventName,
    logIndex: log.logIndex,
    originChainId: Number(a.originChainId),
    depositId: String(a.depositId),
    recipient: /^0x0+$/.test(updated) ? fromBytes32(a.recipient) : updated,
    outputAmount: a.relayExecutionInfo.updatedOutputAmount || a.outputAmount,
  }
}
