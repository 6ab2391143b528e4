/**
 * Freeze / preservation requests, one per exchange entity, as plain text an
 * officer adapts and sends through the venue's law-enforcement channel
 * (reporting.md §8). The account holder is never called "the thief": the
 * chain shows which deposit address was credited, not who owns it.
 */
import { formatUnits } from '../core/amount.js'
import { formatCents, groupUsd } from '../prices/decimal.js'
import {
  decimalsOf,
  edgeAsset,
  entitySlugs,
  hitsByEntity,
  utc,
} from './html/derive.js'
import { explorerTxUrl, plainText } from './html/escape.js'
import { reportId } from './manifest.js'
import type { Hit, Report, UsdValue } from './types.js'

export type FreezeRequest = {
  entity: string
  slug: string
  /** Relative path inside the bundle. */
  path: string
  text: string
}

export type FreezeOptions = { bundleSha256?: string | undefined }

function assetLine(hit: Hit): string {
  return hit.contract
    ? `${plainText(hit.asset)} (token contract ${plainText(hit.contract)})`
    : `${plainText(hit.asset)} (native coin, no token contract)`
}

function endpointLines(report: Report, hits: Hit[]): string[] {
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
    '',
  ])
}

/** "USD 22,750.04 (at 65,000.12 USD/BTC for 2026-03-01; price: …)" or "unknown (why)". */
function usdText(usd: UsdValue | undefined, symbol: string): string {
  if (!usd || usd.value === null)
    return `unknown (${plainText(usd?.note ?? 'no price')}); not estimated`
  const rate = usd.price
    ? `at ${plainText(groupUsd(usd.price))} USD/${plainText(symbol)} for ${plainText(usd.priceAt)}; `
    : ''
  const note = usd.note ? `; ${plainText(usd.note)}` : ''
  return `USD ${plainText(groupUsd(usd.value))} (${rate}price: ${plainText(usd.priceSource)}${note})`
}

/** The deposits' USD values summed, for the freeze line; unknown if any is. */
function venueUsd(hits: Hit[]): string {
  const cents = hits.map((h) => /^(\d+)\.(\d{2})$/.exec(h.usd?.value ?? ''))
  const missing = cents.filter((m) => !m).length
  if (missing)
    return `, USD value when credited unknown for ${missing} of ${hits.length} deposit${hits.length === 1 ? '' : 's'}`
  const total = cents.reduce((acc, m) => acc + BigInt(`${m?.[1]}${m?.[2]}`), 0n)
  const what = hits.length === 1 ? 'when credited' : 'in total when credited'
  return `, worth USD ${groupUsd(formatCents(total))} ${what}`
}

/** The total loss in USD at the theft, with the price and the source named. */
function lossLines(report: Report): string[] {
  const fiat = report.fiat
  if (!fiat) return []
  const loss = fiat.totalLoss
  const when = loss.txTime ? ` (theft tx ${utc(loss.txTime)})` : ''
  return [
    `  Total loss in USD at the time of the theft${when}: ${usdText(loss, report.asset.symbol)}`,
    `  USD price source: ${plainText(fiat.source)}. A missing price is shown as unknown, never estimated; the amounts in coin above are what the trace establishes.`,
  ]
}

function attribution(hit: Hit): string {
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

function chronology(report: Report, hits: Hit[]): string[] {
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
function totalText(report: Report, hits: Hit[]): string {
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

function renderOne(
  report: Report,
  entity: string,
  hits: Hit[],
  slug: string,
  opts: FreezeOptions,
): string {
  const symbol = [...new Set(hits.map((h) => plainText(h.asset)))].join('/')
  const total = totalText(report, hits)
  const first = hits[0]?.address ?? ''
  const short =
    first.length > 16 ? `${first.slice(0, 10)}…${first.slice(-6)}` : first
  const name = plainText(entity)
  const links = hits
    .flatMap((h) => h.txHashes)
    .map((t) => explorerTxUrl(report.case.chain, t))
    .filter(Boolean)
  return [
    `Subject: [URGENT] [JURISDICTION] [AGENCY / CASE NO.] – Preserve records + Freeze – ${plainText(report.case.chain)} ${symbol} deposit ${plainText(short)}`,
    '',
    `To: ${name} — law-enforcement request channel (confirm the current portal or e-mail on the venue's official website; do not use contact details found in search results)`,
    'From: [AGENCY FULL NAME], [LEGAL AUTHORITY], [OFFICER NAME, RANK, BADGE NO.], [OFFICIAL E-MAIL], [PHONE]',
    'Case reference: [CASE / CRIME REFERENCE NO.]',
    '',
    'REQUESTED ACTION',
    `1. Preserve all records of the account(s) credited by the deposit address(es) below: KYC documents, login and IP logs, device data, deposit and withdrawal history including withdrawal destination addresses.`,
    `2. Freeze up to ${total}${report.fiat ? venueUsd(hits) : ''} — the amount traced to the victim under the ${report.policy.name} policy — held by the holder of the account credited by the deposit address(es) below, for [30/60/90] days or until legal process is served. Do not freeze more than this amount.`,
    '3. Do not notify the account holder of this request.',
    "4. On receipt of legal process: disclose the account holder's KYC data, login IPs and withdrawal destinations.",
    '',
    `ENDPOINTS AT ${name.toUpperCase()}`,
    ...endpointLines(report, hits),
    'CHRONOLOGY (UTC)',
    ...chronology(report, hits),
    '',
    'FUND-FLOW SUMMARY',
    `  Stolen (traced from the theft tx): ${stolenText(report)}; ${report.stats.hops} hops; ${report.stats.txs} txs examined. Full hop table: hops.csv.`,
    ...lossLines(report),
    `  Policy: ${plainText(report.policy.name)} — ${plainText(report.policy.description)}`,
    `  Trace status: ${report.status}. The on-chain data identifies addresses and transactions, not persons.`,
    '',
    'EXPLORER LINKS',
    ...links.map((l) => `  ${l}`),
    '',
    'ATTACHED',
    '  [police report / official letter / court order]',
    '  report.html (or report.pdf), hits.csv, endpoints.csv, hops.csv, report.json, graph.graphml, evidence/, MANIFEST.sha256',
    '',
    'INTEGRITY',
    `  Report id: ${reportId(report)}`,
    `  Bundle SHA-256: ${opts.bundleSha256 ?? 'see manifest.json'}`,
    '  Check every file with: fundtrace verify DIR (or sha256sum -c MANIFEST.sha256)',
    `  File: freeze-requests/${slug}.txt`,
    '',
  ].join('\n')
}

function stolenText(report: Report): string {
  const list = report.reconciliations?.length
    ? report.reconciliations.map((r) => `${r.stolen.amount} ${r.asset}`)
    : [`${report.reconciliation.stolen.amount} ${report.asset.symbol}`]
  return plainText(list.join(' + '))
}

/** One request per exchange entity, in the order the entities first appear. */
export function freezeRequests(
  report: Report,
  opts: FreezeOptions = {},
): FreezeRequest[] {
  const groups = hitsByEntity(report)
  const slugs = entitySlugs(groups.keys())
  return [...groups].map(([entity, hits]) => {
    const slug = slugs.get(entity) ?? 'exchange'
    return {
      entity,
      slug,
      path: `freeze-requests/${slug}.txt`,
      text: renderOne(report, entity, hits, slug, opts),
    }
  })
}
