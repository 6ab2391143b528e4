/**
 * Freeze / preservation requests, one per exchange entity, as plain text an
 * officer adapts and sends through the venue's law-enforcement channel
 * (reporting.md §8). The account holder is never called "the thief": the
 * chain shows which deposit address was credited, not who owns it.
 */
import {
  chronology,
  endpointLines,
  stolenText,
  totalText,
} from './freeze-sections.js'
import { lossLines, venueUsd } from './freeze-usd.js'
import { plainText } from './html/escape.js'
import { reportId } from './manifest.js'
import type { Hit, Report } from './types.js'
import { entitySlugs, hitsByEntity } from './views/entities.js'
import { explorerTxUrl } from './views/explorer.js'

export type FreezeRequest = {
  entity: string
  slug: string
  /** Relative path inside the bundle. */
  path: string
  text: string
}

export type FreezeOptions = { bundleSha256?: string | undefined }

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
