/** Where one address's tainted inflows of one asset ended: the endpoint and its totals. */
import type { Asset, Label } from '../../core/types.js'
import { candidatesText, SWEEP_WINDOW_BLOCKS } from '../attribution.js'
import type { Deposit } from './deposits.js'
import { flagsOf, isExchange, serviceKind } from './label-kinds.js'
import { type Inflow, sumTaint, type WalkState } from './state.js'
import type { AccountHit, Settlement } from './types.js'

/** What the reconciliation cannot read off the endpoints: what went in, and to fees. */
export type Totals = { stolen: bigint; fees: bigint; absorbed: bigint }

/** One address's tainted inflows of one asset. */
export type Arrival = {
  address: string
  /** The asset's key in ledgers and deposits. */
  key: string
  asset: Asset
  amount: bigint
  received: bigint
  labels: Label[]
  hop: number
}

export function arrivalOf(
  address: string,
  key: string,
  group: { asset: Asset; items: Inflow[] },
  deposits: Map<string, Map<string, Deposit>>,
  labels: Label[],
  hop: number,
): Arrival {
  // Sweeps in from a deposit address were counted there, as its hit.
  const fromDeposit = group.items.filter((i) =>
    deposits.get(i.transfer.from)?.has(key),
  )
  const counted = group.items.filter((i) => !fromDeposit.includes(i))
  return {
    address,
    key,
    asset: group.asset,
    amount: sumTaint(counted),
    received: counted.reduce((s, i) => s + i.transfer.value, 0n),
    labels,
    hop,
  }
}

/** Records the arrival as a hit, stop, funds at rest or unexplored, and counts it. */
export function settleArrival(
  state: WalkState,
  result: Settlement,
  a: Arrival,
  t: Totals,
  deposit: Deposit | undefined,
): void {
  if (state.victims.has(a.address)) stopAtVictim(result, a)
  else if (a.labels.some(isExchange)) exchangeHit(result, a)
  else if (a.labels.length > 0) stopAtService(result, a)
  else if (deposit) depositHit(state, result, a, deposit)
  else if (state.evaluated.has(a.address) && !state.skipped.has(a.address))
    readLedger(state, result, a, t)
  else unexploredAt(state, result, a)
}

function stopAtVictim(result: Settlement, a: Arrival) {
  result.stops.push({
    address: a.address,
    asset: a.asset,
    amount: a.amount,
    reason: 'victim',
    entity: null,
    category: null,
    flags: [],
    labels: [],
    hop: a.hop,
  })
}

function exchangeHit(result: Settlement, a: Arrival) {
  if (a.amount === 0n) return
  result.hits.push(hit(a, a.labels))
}

function stopAtService(result: Settlement, a: Arrival) {
  const first = a.labels[0]
  result.stops.push({
    address: a.address,
    asset: a.asset,
    amount: a.amount,
    reason: serviceKind(a.labels),
    entity: first?.entity ?? null,
    category: first?.category ?? null,
    flags: flagsOf(a.labels),
    labels: a.labels,
    hop: a.hop,
  })
}

function depositHit(
  state: WalkState,
  result: Settlement,
  a: Arrival,
  deposit: Deposit,
) {
  result.hits.push({
    ...hit(a, deposit.labels),
    entity: deposit.entity,
    attribution: 'deposit-forward',
    confidence: deposit.confidence,
    evidence: deposit.sweeps,
    candidates: deposit.candidates,
  })
  const into = deposit.conflict
    ? `exchange wallets whose labels disagree (${candidatesText(deposit.candidates)}; operator disputed)`
    : deposit.entity
  result.heuristics.push({
    rule: 'deposit-forward',
    txHash: deposit.sweeps[0] ?? '',
    detail: `${a.address} forwarded ${a.asset.symbol} to ${into} within ${state.options.sweepWindowBlocks ?? SWEEP_WINDOW_BLOCKS} blocks`,
  })
}

/** A read address: its ledger says what stayed, what went to fees, what it absorbed. */
function readLedger(
  state: WalkState,
  result: Settlement,
  a: Arrival,
  t: Totals,
) {
  const ledger = state.evaluated.get(a.address)?.get(a.key)
  if (!ledger) return
  t.fees += ledger.feeTaint
  // The ledger's address sent these txs; their hop is one past its own, as
  // for its outflows (evaluate.ts).
  result.txFees.push(
    ...ledger.txFees.map((f) => ({ ...f, hop: a.hop + 1, from: [a.address] })),
  )
  t.absorbed += ledger.absorbed
  if (ledger.taintedAtRest > 0n) {
    result.atRest.push({
      address: a.address,
      asset: a.asset,
      amount: ledger.taintedAtRest,
      hop: a.hop,
    })
  }
  if (ledger.unseen > 0n)
    result.heuristics.push({
      rule: 'unseen-balance',
      txHash: '',
      detail: `${a.address} spent ${ledger.unseen} ${a.asset.symbol} base units more than its read history holds; assumed clean`,
    })
}

function unexploredAt(state: WalkState, result: Settlement, a: Arrival) {
  const why = state.skipped.get(a.address) ?? {
    reason: 'max-nodes' as const,
    detail: 'not reached',
  }
  result.unexplored.push({
    address: a.address,
    asset: a.asset,
    amount: a.amount,
    reason: why.reason,
    detail: why.detail,
    hop: a.hop,
  })
}

function hit(a: Arrival, list: Label[]): AccountHit {
  const best = list.find(isExchange) ?? list[0]
  return {
    address: a.address,
    asset: a.asset,
    amount: a.amount,
    received: a.received,
    entity: best?.entity ?? 'unknown',
    category: best?.category ?? 'exchange',
    attribution: 'label',
    confidence: best?.confidence ?? 'low',
    labels: list,
    evidence: [],
    hop: a.hop,
  }
}
