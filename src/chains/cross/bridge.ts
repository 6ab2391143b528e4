/**
 * Tainted value that stopped at a bridge on an account chain: where the
 * deposit tx carries an event a decoder knows, the stop gains what it says
 * (destination chain, recipient, deposit id) and the fill is looked for on
 * the destination. Found, the deposit is `swapped` and the fill seeds a walk
 * there carrying the deposit's tainted share; not found or not told apart, `swap-pending` with the recipient as
 * the lead; no source for that chain, `no-source`. An undecodable bridge
 * stays the `service` stop it was.
 */
import { formatUnits } from '../../core/amount.js'
import { errorLine } from '../../core/errors.js'
import type { AccountTransfer } from '../../core/types.js'
import { fullRange } from '../../trace/ranges.js'
import type { Endpoint, SwapEdge, TraceResult } from '../../trace/types.js'
import { type BridgeDeposit, bridgeDeposits } from '../bridges/deposits.js'
import { type AcrossFill, acrossFills } from '../bridges/fills.js'
import {
  type FillMatch,
  type FillQuery,
  fillCandidates,
  matchFill,
} from '../bridges/match.js'
import { wrappedNative } from '../evm/wrapped.js'
import { findChain, type ResolvedChain } from '../index.js'
import { isThorchainLabel } from '../thorchain/labels.js'
import { type Piece, splitByTx, untaken } from './dex.js'
import type { SettleContext, Settled } from './settle.js'
import { sourceHint } from './sources.js'
import type { AccountReader as Account } from './stacks.js'

export function atBridge(e: Endpoint): boolean {
  // THORChain's router is labelled a bridge but has its own settling.
  return (
    e.reason === 'service' &&
    e.category === 'bridge' &&
    e.address !== null &&
    !e.labels.some(isThorchainLabel)
  )
}

/** Settles the bridge stops of an account walk; the others pass through untouched. */
export async function settleBridges(
  ctx: SettleContext,
  chain: ResolvedChain,
  result: TraceResult,
  endpoints: readonly Endpoint[],
): Promise<Settled> {
  const out: Settled = { endpoints: [], swaps: [], next: [], limitations: [] }
  const account = ctx.stackFor(chain)?.stack.account
  const bridged = endpoints.filter(atBridge)
  out.endpoints.push(...endpoints.filter((e) => !atBridge(e)))
  if (!account || bridged.length === 0) {
    out.endpoints.push(...bridged)
    return out
  }
  const settled = new Map<Endpoint, bigint>()
  for (const piece of splitByTx(result, bridged)) {
    const deposit = await depositOf(ctx, out, account, piece, chain)
    if (!deposit) continue
    const taken = settled.get(piece.endpoint) ?? 0n
    settled.set(piece.endpoint, taken + piece.taint)
    await settleOne(ctx, chain, piece, deposit, out)
  }
  for (const e of bridged) out.endpoints.push(...untaken(e, settled.get(e)))
  return out
}

/**
 * The deposit event of the piece's tx: the one of its amount and asset, or
 * the tx's only one. A receipt that cannot be read leaves the stop as it was.
 */
async function depositOf(
  ctx: SettleContext,
  out: Settled,
  account: Account,
  piece: Piece,
  chain: ResolvedChain,
): Promise<BridgeDeposit | null> {
  let deposits: BridgeDeposit[]
  try {
    deposits = bridgeDeposits(await account.receiptLogs(piece.txHash))
  } catch (err) {
    if (ctx.signal?.aborted) throw err
    out.limitations.push(
      `tx ${piece.txHash} into a bridge could not be read for its deposit event, so its stop stays: ${errorLine(err)}`,
    )
    return null
  }
  const { asset } = piece.endpoint
  const wrapped = wrappedNative(chain.chainId)
  const token = asset.contract?.toLowerCase() ?? null
  const same = deposits.find(
    (d) =>
      d.inputAmount === piece.value &&
      (d.inputToken === token ||
        d.protocol === 'multichain' ||
        (token === null &&
          (d.inputToken === null || wrapped.includes(d.inputToken)))),
  )
  return same ?? (deposits.length === 1 ? (deposits[0] ?? null) : null)
}

type Stop = (reason: Endpoint['reason'], detail: string) => void

async function settleOne(
  ctx: SettleContext,
  from: ResolvedChain,
  piece: Piece,
  deposit: BridgeDeposit,
  out: Settled,
): Promise<void> {
  const { logIndex: _l, ...lead } = deposit
  const stop: Stop = (reason, detail) => {
    out.endpoints.push({
      ...piece.endpoint,
      reason,
      txid: piece.txHash,
      vout: piece.vout,
      value: piece.value,
      taint: piece.taint,
      detail: `${depositText(deposit)}: ${detail}`,
      bridge: lead,
    })
  }
  const dest = deposit.destination ? findChain(deposit.destination) : undefined
  if (dest?.model !== 'account' || dest.name === from.name)
    return stop('swap-pending', `fundtrace cannot follow it there; ${LEAD}`)
  const target = ctx.stackFor(dest)
  if (!target?.stack.account)
    return stop(
      'no-source',
      `no source for ${dest.name}; continue with ${sourceHint(dest)}`,
    )
  const query: FillQuery = {
    deposit,
    originChainId: from.chainId ?? 0,
    input: piece.endpoint.asset,
    after: piece.time ?? piece.endpoint.block?.time ?? 0,
    windowSeconds: ctx.windowSeconds,
    wrapped: {
      origin: wrappedNative(from.chainId),
      destination: wrappedNative(dest.chainId),
    },
  }
  let found: FillMatch
  try {
    found = await findFill(target.stack.account, query)
  } catch (err) {
    if (ctx.signal?.aborted) throw err
    return stop(
      'swap-pending',
      `its fill could not be read: ${errorLine(err)}; ${LEAD}`,
    )
  }
  if (found.kind !== 'found')
    return unfilled(ctx, { piece, dest, found, out, stop })
  stop('swapped', filledText(dest, found))
  const swap = swapEdge(from, piece, deposit, found)
  out.swaps.push(swap)
  const t = found.transfer
  if (swap.taintOut > 0n)
    out.next.push({
      chain: dest,
      sources: target.sources,
      seed: {
        tx: t.txHash,
        from: t.from,
        to: t.to,
        transfer: t,
        ranges: fullRange(swap.taintOut),
      },
      hopOffset: piece.endpoint.hop,
    })
}

const LEAD = 'the recipient is the lead'

/** No fill, or more than one payment that could be it: the recipient is the lead, nothing is guessed. */
function unfilled(
  ctx: SettleContext,
  at: {
    piece: Piece
    dest: ResolvedChain
    found: Exclude<FillMatch, { kind: 'found' }>
    out: Settled
    stop: Stop
  },
): void {
  const { piece, dest, found, stop } = at
  if (found.kind === 'none') {
    stop(
      'swap-pending',
      `no fill to the recipient on ${dest.name} within ${Math.round(ctx.windowSeconds / 3600)} h; ${LEAD}`,
    )
    return
  }
  const txs = found.candidates.map((t) => t.txHash).join(', ')
  const n = found.candidates.length
  at.out.limitations.push(
    `bridge deposit ${piece.txHash}: ${n} payments to ${found.candidates[0]?.to} on ${dest.name} fit its fill (${txs}); not guessed between`,
  )
  stop(
    'swap-pending',
    `${n} payments on ${dest.name} fit its fill (${txs}); not guessed between; ${LEAD}`,
  )
}

function filledText(
  dest: ResolvedChain,
  found: Extract<FillMatch, { kind: 'found' }>,
): string {
  const t = found.transfer
  const how =
    found.match === 'deposit-id' ? 'by deposit id' : 'by amount and time'
  return `filled with ${formatUnits(t.value, t.asset.decimals)} ${t.asset.symbol} on ${dest.name}, tx ${t.txHash}, matched ${how} (${found.confidence} confidence)`
}

/** `Across deposit 42 to arbitrum for 0x…` */
function depositText(d: BridgeDeposit): string {
  const where = d.destination ?? `chain id ${d.destinationChainId}`
  const id = d.depositId === null ? '' : ` ${d.depositId}`
  return `${BRIDGE_NAMES[d.protocol]} deposit${id} to ${where} for ${d.recipient}`
}

const BRIDGE_NAMES: Record<BridgeDeposit['protocol'], string> = {
  across: 'Across',
  synapse: 'Synapse',
  multichain: 'Multichain',
  'op-stack': 'OP Stack bridge',
}

/** The recipient's inflows in the window, and for Across the fills their receipts carry. */
async function findFill(
  account: Account,
  query: FillQuery,
): Promise<FillMatch> {
  const recipient = account.parseAddress(query.deposit.recipient)
  const inflows = await account.transfersOf(recipient)
  const candidates = fillCandidates(
    { ...query, deposit: { ...query.deposit, recipient } },
    inflows,
  )
  const fills = new Map<string, AcrossFill[]>()
  if (query.deposit.depositId !== null)
    for (const hash of new Set(candidates.map((c) => c.txHash)))
      fills.set(hash, acrossFills(await account.receiptLogs(hash)))
  return matchFill(query, candidates, (hash) => fills.get(hash) ?? [])
}

function swapEdge(
  from: ResolvedChain,
  piece: Piece,
  deposit: BridgeDeposit,
  found: Extract<FillMatch, { kind: 'found' }>,
): SwapEdge {
  const t: AccountTransfer = found.transfer
  return {
    protocol: deposit.protocol,
    memo: '',
    outMemo: '',
    match: found.match,
    rule: `${deposit.event} → ${found.fillEvent ?? 'payment to the recipient'}`,
    confidence: found.confidence,
    inbound: {
      chain: from.name,
      txHash: piece.txHash,
      index: deposit.logIndex,
      address: piece.endpoint.address ?? deposit.contract,
      asset: piece.endpoint.asset,
      amount: piece.value,
      time: piece.time,
    },
    outbound: {
      chain: t.chain,
      txHash: t.txHash,
      index: t.kind === 'native' ? 0 : Math.max(0, t.logIndex),
      address: t.to,
      asset: t.asset,
      amount: t.value,
      time: t.block.time,
    },
    taintIn: piece.taint,
    // The fill carries the deposit's tainted share (all of it under poison), rounded down.
    taintOut: piece.value === 0n ? 0n : (t.value * piece.taint) / piece.value,
  }
}
