/** Reads endpoints, balances and the reconciliation off a settled walk. */
import type { Asset, Label } from '../../core/types.js'
import { rangesLength } from '../ranges.js'
import { assetKey } from './ledger.js'
import type {
  AccountEdge,
  AccountHit,
  AccountReconciliation,
  AccountWalkResult,
  ServiceKind,
} from './types.js'
import type { Inflow, WalkState } from './walk.js'

type Totals = Omit<AccountReconciliation, 'asset' | 'balanced'>

export function settle(state: WalkState): AccountWalkResult {
  const { adapter, labels } = state.options
  const result = emptyResult(state)
  const recon = new Map<string, { asset: Asset; totals: Totals }>()
  const totals = (asset: Asset): Totals => {
    const key = assetKey(asset)
    let found = recon.get(key)
    if (!found) {
      found = { asset, totals: zero() }
      recon.set(key, found)
    }
    return found.totals
  }
  for (const t of state.stolen) totals(t.asset).stolen += t.value
  const deposits = findDeposits(state)

  for (const [address, inflows] of state.incoming) {
    const hop = state.hop.get(address) ?? 1
    const addressLabels = [...labels.lookup(adapter.chain, address)]
    for (const [key, group] of byAsset(inflows)) {
      const { asset } = group
      const fromDeposit = group.items.filter((i) =>
        deposits.get(i.transfer.from)?.has(key),
      )
      const counted = group.items.filter((i) => !fromDeposit.includes(i))
      const amount = sumTaint(counted)
      const received = counted.reduce((s, i) => s + i.transfer.value, 0n)
      const t = totals(asset)
      const deposit = deposits.get(address)?.get(key)
      if (state.victims.has(address)) {
        t.returnedToVictim += amount
        result.stops.push({
          address,
          asset,
          amount,
          reason: 'victim',
          entity: null,
          category: null,
          flags: [],
          hop,
        })
      } else if (addressLabels.some(isExchange)) {
        if (amount === 0n) continue
        t.atExchanges += amount
        result.hits.push(
          hit(address, asset, amount, received, addressLabels, hop),
        )
      } else if (addressLabels.length > 0) {
        t.atServices += amount
        const first = addressLabels[0]
        result.stops.push({
          address,
          asset,
          amount,
          reason: serviceKind(addressLabels),
          entity: first?.entity ?? null,
          category: first?.category ?? null,
          flags: flagsOf(addressLabels),
          hop,
        })
      } else if (deposit) {
        t.atExchanges += amount
        result.hits.push({
          ...hit(address, asset, amount, received, deposit.labels, hop),
          attribution: 'deposit-forward',
          confidence: 'medium',
          evidence: deposit.sweeps,
        })
        result.heuristics.push({
          rule: 'deposit-forward',
          txHash: deposit.sweeps[0] ?? '',
          detail: `${address} forwarded ${asset.symbol} to ${deposit.labels[0]?.entity ?? 'an exchange'} within ${state.options.sweepWindowBlocks ?? 200} blocks`,
        })
      } else if (state.evaluated.has(address) && !state.skipped.has(address)) {
        const ledger = state.evaluated.get(address)?.get(key)
        if (!ledger) continue
        t.fees += ledger.feeTaint
        t.absorbed += ledger.absorbed
        if (ledger.taintedAtRest > 0n) {
          t.atRest += ledger.taintedAtRest
          result.atRest.push({
            address,
            asset,
            amount: ledger.taintedAtRest,
            hop,
          })
        }
        if (ledger.unseen > 0n)
          result.heuristics.push({
            rule: 'unseen-balance',
            txHash: '',
            detail: `${address} spent ${ledger.unseen} ${asset.symbol} base units more than its read history holds; assumed clean`,
          })
      } else {
        const why = state.skipped.get(address) ?? {
          reason: 'max-nodes' as const,
          detail: 'not reached',
        }
        t.unexplored += amount
        result.unexplored.push({
          address,
          asset,
          amount,
          reason: why.reason,
          detail: why.detail,
          hop,
        })
      }
    }
    for (const inflow of inflows.values()) result.edges.push(edge(inflow, hop))
  }
  // A fee paid by a seed sender out of stolen funds is the victim's, not the thief's: nothing to add.
  for (const { asset, totals: t } of recon.values()) {
    const out =
      t.atExchanges +
      t.atServices +
      t.returnedToVictim +
      t.atRest +
      t.fees +
      t.unexplored
    result.reconciliation.push({
      asset,
      ...t,
      balanced: t.stolen + t.absorbed === out,
    })
    result.stolen.push({ asset, amount: t.stolen })
    if (t.fees > 0n) result.fees.push({ asset, amount: t.fees })
  }
  result.edges.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex)
  result.status = result.unexplored.some((u) => u.reason === 'fetch-failed')
    ? 'incomplete'
    : 'complete'
  return result
}

type Deposit = { labels: Label[]; sweeps: string[] }

/**
 * Victor (2020): an unlabelled address whose tainted outflows of an asset all
 * go to one exchange's labelled wallets, soon after the taint arrived, and
 * leave (almost) none of it behind, is that exchange's deposit address.
 */
function findDeposits(state: WalkState): Map<string, Map<string, Deposit>> {
  const { adapter, labels } = state.options
  const window = state.options.sweepWindowBlocks ?? 200
  const found = new Map<string, Map<string, Deposit>>()
  for (const [address, inflows] of state.incoming) {
    if (
      !state.evaluated.has(address) ||
      labels.lookup(adapter.chain, address).length > 0
    )
      continue
    if (state.victims.has(address) || state.seedSenders.has(address)) continue
    for (const [key, group] of byAsset(inflows)) {
      const firstBlock = Math.min(
        ...group.items.map((i) => i.transfer.block.height),
      )
      const outs = [...state.incoming.entries()].flatMap(([to, map]) =>
        [...map.values()]
          .filter(
            (i) =>
              i.transfer.from === address && assetKey(i.transfer.asset) === key,
          )
          .map((i) => ({ to, i })),
      )
      if (outs.length === 0) continue
      const targetLabels = outs.map(({ to }) =>
        labels.lookup(adapter.chain, to).filter(isExchange),
      )
      const entities = new Set(targetLabels.flat().map((l) => l.entity))
      const soon = outs.every(
        ({ i }) => i.transfer.block.height - firstBlock <= window,
      )
      // Sweeps forward the balance less gas: "all of it" means under 1% left at rest.
      const ledger = state.evaluated.get(address)?.get(key)
      const swept =
        ledger !== undefined && ledger.taintedAtRest * 100n <= ledger.taintIn
      if (
        entities.size !== 1 ||
        targetLabels.some((l) => l.length === 0) ||
        !soon ||
        !swept
      )
        continue
      const perAsset = found.get(address) ?? new Map<string, Deposit>()
      perAsset.set(key, {
        labels: targetLabels.flat(),
        sweeps: [...new Set(outs.map(({ i }) => i.transfer.txHash))],
      })
      found.set(address, perAsset)
    }
  }
  return found
}

function byAsset(
  inflows: Map<string, Inflow>,
): Map<string, { asset: Asset; items: Inflow[] }> {
  const groups = new Map<string, { asset: Asset; items: Inflow[] }>()
  for (const inflow of inflows.values()) {
    const key = assetKey(inflow.transfer.asset)
    const group = groups.get(key) ?? { asset: inflow.transfer.asset, items: [] }
    group.items.push(inflow)
    groups.set(key, group)
  }
  return groups
}

function sumTaint(items: readonly Inflow[]): bigint {
  return items.reduce((s, i) => s + rangesLength(i.ranges), 0n)
}

const isExchange = (label: Label) =>
  label.category.toLowerCase().startsWith('exchange')

function serviceKind(list: readonly Label[]): ServiceKind {
  const text = list
    .map((l) => `${l.category} ${l.entity}`)
    .join(' ')
    .toLowerCase()
  if (/mixer|tornado/.test(text)) return 'mixer'
  if (/bridge/.test(text)) return 'bridge'
  if (/dex|swap|router|aggregator/.test(text)) return 'swap'
  return 'service'
}

function flagsOf(list: readonly Label[]): string[] {
  return [
    ...new Set(
      list
        .map((l) => l.category.toLowerCase())
        .filter((c) => c.startsWith('sanction') || c.startsWith('hack')),
    ),
  ]
}

function hit(
  address: string,
  asset: Asset,
  amount: bigint,
  received: bigint,
  list: Label[],
  hop: number,
): AccountHit {
  const best = list.find(isExchange) ?? list[0]
  return {
    address,
    asset,
    amount,
    received,
    entity: best?.entity ?? 'unknown',
    category: best?.category ?? 'exchange',
    attribution: 'label',
    confidence: best?.confidence ?? 'low',
    labels: list,
    evidence: [],
    hop,
  }
}

function edge({ transfer: t, ranges }: Inflow, hop: number): AccountEdge {
  return {
    txHash: t.txHash,
    kind: t.kind,
    logIndex: t.logIndex,
    from: t.from,
    to: t.to,
    asset: t.asset,
    value: t.value,
    tainted: rangesLength(ranges),
    ranges,
    block: t.block.height,
    time: t.block.time,
    hop,
  }
}

function zero(): Totals {
  return {
    stolen: 0n,
    atExchanges: 0n,
    atServices: 0n,
    returnedToVictim: 0n,
    atRest: 0n,
    fees: 0n,
    unexplored: 0n,
    absorbed: 0n,
  }
}

function emptyResult(state: WalkState): AccountWalkResult {
  return {
    status: 'complete',
    stolen: [],
    hits: [],
    stops: [],
    atRest: [],
    unexplored: [],
    edges: [],
    fees: [],
    reconciliation: [],
    heuristics: [],
    limitations: [...state.options.adapter.limitations, ...state.limitations],
    stats: {
      addresses: state.evaluated.size,
      transfers: [...state.history.values()].reduce((s, l) => s + l.length, 0),
    },
  }
}
