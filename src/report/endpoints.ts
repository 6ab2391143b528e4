/**
 * Every endpoint of the trace in one list — exchange hits, funds at rest,
 * labelled services, returns to the victim and branches not followed — each
 * with its stop reason. The reconciliation table and endpoints.csv share it,
 * so the two can never disagree.
 */
import { type Cell, toCsv } from './csv-cell.js'
import { edgeKey, utc, whoCanFreeze } from './html/derive.js'
import type { GraphEdge, Report, StopReason, UsdValue } from './types.js'

/** Issue 9: appended to hits.csv, hops.csv and endpoints.csv when the report has fiat values. */
export const USD_COLUMNS = [
  'usd_value',
  'usd_price',
  'usd_price_source',
  'usd_price_at',
] as const

/**
 * The USD cells of one row. A missing price reads "unknown", with the reason
 * where the source would be, so a blank cell only ever means "not priced
 * for this kind of row" and an unknown value is never mistaken for zero.
 */
export function usdCells(usd: UsdValue | undefined): Cell[] {
  if (!usd) return ['', '', '', '']
  if (usd.value === null) return ['unknown', '', usd.note ?? 'no price', '']
  return [usd.value, usd.price, usd.priceSource, usd.priceAt]
}

export const STOP_REASONS: Record<StopReason, string> = {
  exchange: 'reached an exchange deposit address (hit)',
  service: 'reached a labelled non-exchange service',
  unspent: 'unspent: funds at rest',
  victim: 'returned to a victim address',
  'max-hops': 'hop limit reached',
  'min-amount': 'below the minimum amount',
  coinjoin: 'spent into a CoinJoin-like tx: not followed',
  'max-nodes': 'node budget exhausted',
  'fetch-failed': 'data could not be fetched after retries',
}

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

function hitRows(report: Report): Endpoint[] {
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

function otherRows(report: Report): Endpoint[] {
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
      detail: `unspent as of block ${r.asOfBlock}`,
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

function nextAction(reason: StopReason): string {
  switch (reason) {
    case 'service':
      return 'ask the service to preserve its records; follow its outputs if it is a bridge or swap'
    case 'victim':
      return 'none: returned to the victim'
    case 'fetch-failed':
      return 're-run the trace when the data source is reachable'
    case 'max-hops':
    case 'max-nodes':
      return 're-run with a higher limit to follow it further'
    default:
      return 'not followed further'
  }
}

/** Hits first, then at rest, then every other stop, in report order. */
export function endpoints(report: Report): Endpoint[] {
  return [...hitRows(report), ...otherRows(report)]
}

export function endpointsCsv(report: Report): string {
  const header = [
    'stop',
    'stop_reason',
    'chain',
    'asset',
    'contract',
    'address',
    'entity',
    'category',
    'tx_hashes',
    'outputs',
    'blocks',
    'time_utc',
    'traced',
    'traced_base',
    'received_or_output_value',
    'hops',
    'detail',
    'who_can_act',
    ...(report.fiat ? USD_COLUMNS : []),
  ]
  const rows = endpoints(report).map((e) => [
    e.stop,
    STOP_REASONS[e.stop] ?? e.stop,
    e.chain,
    e.asset,
    e.contract,
    e.address,
    e.entity,
    e.category,
    [...new Set(e.outputs.map((o) => o.txHash))].join(' '),
    e.outputs.map((o) => `${o.txHash}:${o.outputIndex}`).join(' '),
    e.outputs.map((o) => o.block ?? 'unknown').join(' '),
    e.time ? utc(e.time) : '',
    e.amount,
    e.amountBase,
    e.gross,
    e.hops,
    e.detail,
    e.action,
    ...(report.fiat ? usdCells(e.usd) : []),
  ])
  return toCsv(header, rows)
}
