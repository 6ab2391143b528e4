/** The per-deposit and fund-flow sections of a freeze request, as plain text. */
import { formatUnits } from '../core/amount.js'
import { utc } from '../core/time.js'
import { candidatesText } from '../trace/attribution.js'
import { disputedOperators, disputeText } from './attribution.js'
import { usdText } from './freeze-usd.js'
import { plainText } from './html/escape.js'
import type { Hit, Report } from './types.js'
import { decimalsOf, edgeAsset } from './views/graph.js'

function assetLine(hit: Hit): string {
  return hit.contract
    ? `${plainText(hit.asset)} (token contract ${plainText(hit.contract)})`
    : `${plainText(hit.asset)} (native coin, no token contract)`
}

export function endpointLines(report: Report, hits: Hit[]): string[] {
  return hits.flatMap((hit, i) => [
    `  ${i + 1}. Deposit address: ${plainText(hit.address)}`,
    `     Network: ${plainText(hit.chain)}   Asset: ${assetLine(hit)}`,
    ...hit.outputs.map(
      (o) =>
        `     Deposit tx: ${plainText(o.txHash)} output ${o.outputIndex}, block ${o.block ?? 'unconfirmed'}`,
    ),
    `     First credited: ${utc(hit.firstSeen)}`,
    `     Amount received in these txs: ${plainText(hit.received)} ${plainText(hit.asset)}`,
    `     Amount traced to the victim (${report.policy.name} policy): ${plainText(hit.amount)} ${plainText(hit.asset)}`,
    ...(report.fiat
      ? [
          `     Value of the traced amount when credited: ${usdText(hit.usd, hit.asset)}`,
        ]
      : []),
    `     Attribution: ${attribution(hit)}`,
    ...disputeNote(hit).map((line) => `     ${line}`),
    '',
  ])
}

/** The hit's disputed operators, said plainly, or nothing. */
export function disputeNote(hit: Hit): string[] {
  const disputed = hit.conflict ? disputedOperators(hit.labels) : undefined
  return disputed ? [`${plainText(disputeText(disputed))}.`] : []
}

/**
 * Opens a request naming a deposit that other exchanges' labels also claim:
 * the addressee is asked to confirm before freezing, and told who else is asked.
 */
export function disputeLines(
  hits: readonly Hit[],
  addressee: string,
): string[] {
  const disputed = hits.filter((h) => disputeNote(h).length > 0)
  if (disputed.length === 0) return []
  const others = disputed.flatMap((h) =>
    (disputedOperators(h.labels) ?? [])
      .map((c) => c.entity)
      .filter((e) => e !== addressee),
  )
  return [
    'OPERATOR DISPUTED',
    `  The labels on ${disputed.length === 1 ? 'one deposit address' : `${disputed.length} deposit addresses`} below disagree on which exchange operates ${disputed.length === 1 ? 'it' : 'them'}. This request also goes to ${plainText([...new Set(others)].join(', ') || 'the other exchanges named')}.`,
    `  Please first confirm whether the address is one of ${plainText(addressee)}'s deposit addresses. If it is not, say so and take no action on it; only the exchange that operates it holds the account it credits.`,
    '',
  ]
}

function attribution(hit: Hit): string {
  const disputed = hit.conflict ? disputedOperators(hit.labels) : undefined
  if (disputed && hit.attribution === 'deposit-sweep')
    return `deposit address inferred from sweep tx ${hit.evidence.map(plainText).join(', ')} into addresses whose labels disagree: ${plainText(candidatesText(disputed))}; confidence ${hit.confidence} (lowered one level for the conflict)`
  const sources = hit.labels
    .map(
      (l) =>
        `${plainText(l.source)}${l.retrieved ? ` (retrieved ${plainText(l.retrieved)})` : ''}`,
    )
    .join('; ')
  return hit.attribution === 'deposit-sweep'
    ? `deposit address inferred from sweep tx ${hit.evidence.map(plainText).join(', ')} into addresses labelled ${plainText(hit.entity)} by ${sources || 'the label store'}; confidence ${hit.confidence}`
    : `address labelled ${plainText(hit.entity)} (${plainText(hit.category)}) by ${sources || 'the label store'}; confidence ${hit.confidence}`
}

export function chronology(report: Report, hits: Hit[]): string[] {
  const deposits = new Set(
    hits.flatMap((h) => h.outputs.map((o) => `${o.txHash}:${o.outputIndex}`)),
  )
  const edges = report.graph.edges
    .filter((e) => e.hop === 1 || deposits.has(`${e.txHash}:${e.outputIndex}`))
    .sort(
      (a, b) => (a.time ?? '~').localeCompare(b.time ?? '~') || a.hop - b.hop,
    )
  return edges.slice(0, 10).map((e) => {
    const what = e.hop === 1 ? 'Theft tx (hop 1)' : `Deposit (hop ${e.hop})`
    const { symbol } = edgeAsset(report, e)
    return `  ${utc(e.time)}  ${what}: ${plainText(e.txHash)} — ${plainText(e.tainted)} ${plainText(symbol)} traced`
  })
}

/** "0.6 BTC" or "1000 USDT (token contract 0x…) and 0.5 ETH": summed per asset. */
export function totalText(report: Report, hits: Hit[]): string {
  const byAsset = new Map<string, { hit: Hit; total: bigint; n: number }>()
  for (const hit of hits) {
    const key = `${hit.asset}|${hit.contract ?? ''}`
    const agg = byAsset.get(key) ?? { hit, total: 0n, n: 0 }
    agg.total += BigInt(hit.amountBase)
    agg.n++
    byAsset.set(key, agg)
  }
  return [...byAsset.values()]
    .map(({ hit, total, n }) => {
      const amount =
        n === 1
          ? plainText(hit.amount)
          : formatUnits(total, decimalsOf(report, hit.asset, hit.contract))
      return `${amount} ${assetLine(hit)}`
    })
    .join(' and ')
}

export function stolenText(report: Report): string {
  const list = report.reconciliations?.length
    ? report.reconciliations.map((r) => `${r.stolen.amount} ${r.asset}`)
    : [`${report.reconciliation.stolen.amount} ${report.asset.symbol}`]
  return plainText(list.join(' + '))
}
