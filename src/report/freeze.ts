/**
 * Freeze / preservation requests, one per exchange entity, as plain text an
 * officer adapts and sends through the venue's law-enforcement channel
 * (reporting.md §8). The account holder is never called "the thief": the
 * chain shows which deposit address was credited, not who owns it.
 */
import { disputedOperators } from './attribution.js'
import {
  fromLines,
  legalBasisLines,
  requestParties,
  subjectTag,
} from './freeze-case.js'
import {
  chronology,
  disputeLines,
  endpointLines,
  stolenText,
  totalText,
} from './freeze-sections.js'
import { lossLines, venueUsd } from './freeze-usd.js'
import { plainText } from './html/escape.js'
import { reportId } from './manifest.js'
import type { Hit, Report } from './types.js'
import { entitySlugs } from './views/entities.js'
import { reportTxUrl } from './views/explorer.js'
import { SYNTHETIC_NOTICE } from './views/provenance.js'

export type FreezeRequest = {
  entity: string
  slug: string
  /** Relative path inside the bundle. */
  path: string
  text: string
  /** The other exchanges named for a disputed deposit in this request; absent when none is disputed. */
  disputedWith?: string[] | undefined
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
  // The full address: a compliance officer searches their ledger by it, and
  // a shortened one matches lookalike addresses an attacker can grind.
  const addresses = [...new Set(hits.map((h) => plainText(h.address)))]
  const name = plainText(entity)
  const disputed = disputeLines(hits, entity)
  const parties = requestParties(report.caseFacts?.reports)
  return [
    ...syntheticLines(report),
    `Subject: [URGENT] ${subjectTag(parties)} – Preserve records + Freeze – ${chainsOf(report, hits)} ${symbol} deposit ${addresses.join(', ')}${disputed.length > 0 ? ' – operator disputed, please confirm' : ''}`,
    '',
    `To: ${name} — law-enforcement request channel (confirm the current portal or e-mail on the venue's official website; do not use contact details found in search results)`,
    ...fromLines(parties),
    '',
    ...disputed,
    ...legalBasisLines(parties),
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
    ...explorerLines(report, hits),
    '',
    'ATTACHED',
    '  [police report / official letter / court order]',
    '  report.html (or report.pdf), hits.csv, endpoints.csv, hops.csv, report.json, graph.graphml, evidence/, MANIFEST.sha256',
    '',
    'INTEGRITY',
    `  Report id: ${reportId(report)}`,
    ...integrityLines(opts.bundleSha256),
    '  Check every file with: fundtrace verify DIR (or sha256sum -c MANIFEST.sha256)',
    `  File: freeze-requests/${slug}.txt`,
    '',
  ].join('\n')
}

/** A demo letter must never pass for a real one. */
function syntheticLines(report: Pick<Report, 'provenance'>): string[] {
  if (!report.provenance?.synthetic) return []
  return [`${SYNTHETIC_NOTICE.toUpperCase()} Do not send.`, '']
}

/** The chains of an exchange's hits: one, unless the trace crossed chains. */
function chainsOf(report: Report, hits: readonly Hit[]): string {
  const chains = [...new Set(hits.map((h) => h.chain || report.case.chain))]
  return chains.map(plainText).join('/')
}

/**
 * The hash is printed so the venue can check the bundle it was sent without
 * trusting the sender's manifest; the letters themselves cannot be inside it.
 */
function integrityLines(hash: string | undefined): string[] {
  if (!hash) return ['  Bundle SHA-256: see manifest.json']
  return [
    `  Bundle SHA-256: ${plainText(hash)}`,
    '    (covers report.json, the CSVs, the graph files and evidence/; not report.html, report.pdf, manifest.json or these freeze requests, which print the hash. MANIFEST.sha256 covers every file.)',
  ]
}

/**
 * The deposit txs credit the address; the sweep txs are what make it this
 * exchange's deposit address. The venue checks both, so both are linked.
 */
export function explorerLines(
  report: Pick<Report, 'case' | 'provenance'>,
  hits: readonly Hit[],
): string[] {
  const seen = new Set<string>()
  const none = report.provenance?.synthetic
    ? 'none (synthetic case: not on any public chain)'
    : 'no public explorer known'
  const line = (what: string, tx: string, on: string): string[] => {
    if (seen.has(`${what}\n${tx}`)) return []
    seen.add(`${what}\n${tx}`)
    const url = reportTxUrl(report, on, tx)
    return [`  ${what} ${plainText(tx)}: ${url ?? none}`]
  }
  // A cross-chain trace's hits at one exchange may be on several chains.
  return hits.flatMap((h) => [
    ...h.txHashes.flatMap((t) =>
      line('Deposit tx', t, h.chain || report.case.chain),
    ),
    ...(h.attribution === 'deposit-sweep'
      ? h.evidence.flatMap((t) =>
          line('Sweep tx', t, h.chain || report.case.chain),
        )
      : []),
  ])
}

/**
 * One request per exchange entity, in the order the entities first appear. A
 * deposit whose labels name several exchanges is in the request to each: only
 * the venue that operates it can say so, and a request to the wrong one alone
 * would let the funds leave the right one.
 */
export function freezeRequests(
  report: Report,
  opts: FreezeOptions = {},
): FreezeRequest[] {
  const groups = hitsByRecipient(report)
  const slugs = entitySlugs(groups.keys())
  return [...groups].map(([entity, hits]) => {
    const slug = slugs.get(entity) ?? 'exchange'
    const others = disputedWith(hits, entity)
    return {
      entity,
      slug,
      path: `freeze-requests/${slug}.txt`,
      text: renderOne(report, entity, hits, slug, opts),
      ...(others.length > 0 ? { disputedWith: others } : {}),
    }
  })
}

/** Hits per addressee, in first-appearance order; a disputed hit goes to each exchange named. */
export function hitsByRecipient(report: Report): Map<string, Hit[]> {
  const groups = new Map<string, Hit[]>()
  for (const hit of report.hits)
    for (const entity of recipientsOf(hit)) {
      const list = groups.get(entity) ?? []
      list.push(hit)
      groups.set(entity, list)
    }
  return groups
}

/** The hit's own entity first, then any other exchange its labels name. */
function recipientsOf(hit: Hit): string[] {
  if (!hit.conflict) return [hit.entity]
  const named = (disputedOperators(hit.labels) ?? []).map((c) => c.entity)
  return [hit.entity, ...named.filter((e) => e !== hit.entity)]
}

function disputedWith(hits: readonly Hit[], entity: string): string[] {
  const others = hits.flatMap((h) =>
    h.conflict ? recipientsOf(h).filter((e) => e !== entity) : [],
  )
  return [...new Set(others)]
}
