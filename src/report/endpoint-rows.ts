/** Endpoint rows from a report: hits, then funds at rest and every other stop. */

import type { StopReason } from '../trace/types.js'
import { restWord } from './chain-model.js'
import { nextAction } from './stop-reasons.js'
import type { GraphEdge, Report, UsdValue } from './types.js'
import { edgeKey } from './views/graph.js'
import { whoCanFreeze } from './views/who-can-freeze.js'

export type Endpoint = {
  stop: StopReason
  chain: string
  asset: string
  contract: string | undefined
  address: string | null
  entity: string | undefined
  category: string | undefined
  outputs: { txHash: string; outputIndex: number; block: number | null }[]
  /** First credit (hits) or the time of the tainted output. */
  time: string | null
  /** Traced amount, whole units and base units. */
  amount: string
  amountBase: string
  /** Hits: received in the tainted txs; at rest: the output value. */
  gross: string | undefined
  hops: number
  detail: string
  /** Who could act on it, or what to do next. */
  action: string
  /** Hits only, when the report has fiat values: the traced amount in USD at `time`. */
  usd?: UsdValue | undefined
}

function edgeFinder(report: Report) {
  const byKey = new Map<string, GraphEdge[]>()
  for (const edge of report.graph.edges) {
    const list = byKey.get(edgeKey(edge)) ?? []
    list.push(edge)
    byKey.set(edgeKey(edge), list)
  }
  // EVM: a tx's native value and its first token log can share index 0.
  return (txHash: string, outputIndex: number, asset: string) => {
    const list = byKey.get(`${txHash}:${outputIndex}`) ?? []
    return (
      list.find((e) => (e.asset ?? report.asset.symbol) === asset) ?? list[0]
    )
  }
}

export function hitRows(report: Report): Endpoint[] {
  return report.hits.map((h) => ({
    stop: 'exchange',
    chain: h.chain,
    asset: h.asset,
    contract: h.contract,
    address: h.address,
    entity: h.entity,
    category: h.category,
    outputs: h.outputs,
    time: h.firstSeen,
    amount: h.amount,
    amountBase: h.amountBase,
    gross: h.received,
    hops: h.hops,
    detail: `${h.attribution}, confidence ${h.confidence}${h.evidence.length ? `; evidence ${h.evidence.join(' ')}` : ''}`,
    action: `${h.entity} can freeze the credited account on a law-enforcement request`,
    ...(h.usd ? { usd: h.usd } : {}),
  }))
}

export function otherRows(report: Report): Endpoint[] {
  const find = edgeFinder(report)
  const rest: Endpoint[] = report.atRest.map((r) => {
    const edge = find(r.txHash, r.outputIndex, r.asset)
    return {
      stop: 'unspent',
      chain: r.chain,
      asset: r.asset,
      contract: r.contract,
      address: r.address,
      entity: undefined,
      category: undefined,
      outputs: [
        {
          txHash: r.txHash,
          outputIndex: r.outputIndex,
          block: edge?.block ?? null,
        },
      ],
      time: edge?.time ?? null,
      amount: r.amount,
      amountBase: r.amountBase,
      gross: r.value,
      hops: r.hops,
      detail: `${restWord(r.chain)} as of block ${r.asOfBlock}`,
      action: whoCanFreeze(report, r),
    }
  })
  const other: Endpoint[] = report.unexplored.map((u) => {
    const edge = find(u.txHash, u.outputIndex, u.asset)
    return {
      stop: u.reason,
      chain: u.chain,
      asset: u.asset,
      contract: u.contract,
      address: u.address,
      entity: u.entity,
      category: u.category,
      outputs: [
        {
          txHash: u.txHash,
          outputIndex: u.outputIndex,
          block: edge?.block ?? null,
        },
      ],
      time: edge?.time ?? null,
      amount: u.amount,
      amountBase: u.amountBase,
      gross: undefined,
      hops: u.hops,
      detail: u.detail,
      action: nextAction(u.reason),
    }
  })
  return [...rest, ...other]
}
