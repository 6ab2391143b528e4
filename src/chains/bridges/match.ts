/**
 * Which payment on the destination chain answers a bridge deposit. An Across
 * fill names the deposit (origin chain and id): that is a match by deposit
 * id, high confidence. Otherwise a payment to the recipient in the window,
 * of the asset the deposit asks for, and of the amount the event states (or
 * within the bridge's fee of what went in) is a match by amount and time,
 * medium confidence; two such payments are not guessed between.
 */
import type { AccountTransfer, Asset } from '../../core/types.js'
import type { BridgeDeposit } from './deposits.js'
import type { AcrossFill } from './fills.js'

/** Most a bridge keeps as its fee where the event does not state the output: 1 %. */
export const MAX_FEE_BPS = 100n

export type FillMatch =
  | {
      kind: 'found'
      transfer: AccountTransfer
      match: 'deposit-id' | 'amount-time'
      confidence: 'high' | 'medium'
      /** The fill event read, for a match by deposit id. */
      fillEvent?: string | undefined
    }
  | { kind: 'ambiguous'; candidates: AccountTransfer[] }
  | { kind: 'none' }

export type FillQuery = {
  deposit: BridgeDeposit
  originChainId: number
  /** What went into the bridge on the origin chain. */
  input: Asset
  /** Unix seconds of the deposit, and how long after it a fill may come. */
  after: number
  windowSeconds: number
  /** Each side's wrapped native coin(s), lower case. */
  wrapped: { origin: readonly string[]; destination: readonly string[] }
}

/** The recipient's inflows a fill could be: in the window, of an asset the deposit can pay out in. */
export function fillCandidates(
  query: FillQuery,
  inflows: readonly AccountTransfer[],
): AccountTransfer[] {
  const { deposit } = query
  return inflows.filter(
    (t) =>
      t.to === deposit.recipient &&
      t.value > 0n &&
      t.block.time >= query.after &&
      t.block.time <= query.after + query.windowSeconds &&
      paysOutIn(query, t.asset),
  )
}

/** Picks the fill among the candidates, given each candidate tx's Across fills. */
export function matchFill(
  query: FillQuery,
  candidates: readonly AccountTransfer[],
  fillsOf: (txHash: string) => readonly AcrossFill[],
): FillMatch {
  const { deposit } = query
  if (deposit.depositId !== null) {
    const named = candidates.find((t) =>
      fillsOf(t.txHash).some(
        (f) =>
          f.originChainId === query.originChainId &&
          f.depositId === deposit.depositId,
      ),
    )
    if (named) {
      const fill = fillsOf(named.txHash).find(
        (f) => f.depositId === deposit.depositId,
      )
      return {
        kind: 'found',
        transfer: named,
        match: 'deposit-id',
        confidence: 'high',
        fillEvent: fill?.event,
      }
    }
  }
  const byAmount = candidates.filter((t) => amountFits(query, t))
  const [only, second] = byAmount
  if (!only) return { kind: 'none' }
  if (second) return { kind: 'ambiguous', candidates: byAmount }
  return {
    kind: 'found',
    transfer: only,
    match: 'amount-time',
    confidence: 'medium',
  }
}

/**
 * The event's output amount exactly; else no more than went in and no less
 * than the input less the most fee, in the same decimals.
 */
export function amountFits(query: FillQuery, t: AccountTransfer): boolean {
  const { deposit, input } = query
  if (deposit.outputAmount !== null) return t.value === deposit.outputAmount
  if (t.asset.decimals !== input.decimals) return false
  const fee = deposit.inputAmount - t.value
  return fee >= 0n && fee * 10_000n <= deposit.inputAmount * MAX_FEE_BPS
}

/**
 * The asset the deposit pays out in: the event's output token (the wrapped
 * native coin is also paid as the coin itself, which relayers do for a
 * wallet); with none stated, the input's kind: the native coin or its
 * wrapper for a native deposit, a token of the same symbol for a token.
 */
function paysOutIn(query: FillQuery, asset: Asset): boolean {
  const contract = asset.contract?.toLowerCase() ?? null
  const wrapped = query.wrapped.destination
  const nativeOut = contract === null || wrapped.includes(contract)
  const { outputToken } = query.deposit
  if (outputToken !== null)
    return (
      contract === outputToken ||
      (contract === null && wrapped.includes(outputToken))
    )
  const inContract = query.input.contract?.toLowerCase() ?? null
  if (inContract === null || query.wrapped.origin.includes(inContract))
    return nativeOut
  return contract !== null && asset.symbol === query.input.symbol
}
