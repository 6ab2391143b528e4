/** Facts from the victim and the merged UTC timeline. */

import { REPORT_NUMBER_LABELS } from '../../../case/schema.js'
import { mergeTimeline, type TimelineEntry } from '../../../case/timeline.js'
import { utc } from '../../../core/time.js'
import { type ReportCaseFacts, UNVERIFIED } from '../../types.js'
import { escapeHtml } from '../escape.js'
import { code, free, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'
import { usdCell } from './fiat.js'

/** Hop rows beyond this are left to the hop table; theft, deposits and statements always show. */
const MAX_HOP_ROWS = 100

function reportNumbers(facts: ReportCaseFacts): string {
  const reports = facts.reports
  const rows = REPORT_NUMBER_LABELS.map(([key, label]) => [
    escapeHtml(label),
    reports[key] ? code(reports[key]) : 'not yet filed / not given',
  ])
  for (const other of reports.other ?? [])
    rows.push([text(other.name), code(other.id)])
  return table(['Report', 'Reference'], rows, { className: 'small' })
}

function lists(facts: ReportCaseFacts): string {
  const platforms = facts.platforms.length
    ? table(
        [
          'Platform / site / app',
          'Kind',
          'Domain or URL (not a link)',
          'Notes',
        ],
        facts.platforms.map((p) => [
          text(p.name),
          text(p.kind),
          code(p.domain ?? p.url),
          text(p.notes),
        ]),
        { className: 'small' },
      )
    : '<p>None given.</p>'
  const own = facts.victimAddresses.length
    ? table(
        ["Victim's address", 'Chain', 'How ownership is shown'],
        facts.victimAddresses.map((a) => [
          code(a.address),
          text(a.chain),
          text(a.ownership),
        ]),
        { className: 'small' },
      )
    : '<p>None given.</p>'
  const suspects = facts.suspectIdentifiers.length
    ? table(
        ['Kind', 'Identifier', 'Notes', 'Status'],
        facts.suspectIdentifiers.map((s) => [
          text(s.kind),
          code(s.value),
          text(s.notes),
          `<strong>${text(s.status)}</strong>`,
        ]),
        { className: 'small' },
      )
    : '<p>None given.</p>'
  return `<h3>Platforms, domains and apps involved</h3>
${platforms}
<h3>The victim's own addresses</h3>
${own}
<h3>Suspect identifiers (${UNVERIFIED})</h3>
<p class="note">Supplied by the victim. fundtrace has not checked them; they are leads, not findings, and do not identify anyone.</p>
${suspects}`
}

export function caseSection(ctx: SectionContext): string {
  const facts = ctx.report.caseFacts
  if (!facts) return ''
  const redacted = facts.redacted?.length
    ? `<p class="note">Redacted in this copy: ${text(facts.redacted.join(', '))}. The police copy has them. Transaction hashes are kept, so the theft transaction still shows the sending address on a public explorer.</p>`
    : ''
  return `<section id="case" class="page-break">
<h2>Facts from the victim</h2>
<div class="warn">This section is the victim's own statement. fundtrace has not verified it; only the on-chain sections are derived from data.</div>
<dl>
<dt>Victim</dt><dd>${text(facts.victim.name)}</dd>
<dt>Contact</dt><dd>${text(facts.victim.contact)}</dd>
</dl>
${redacted}
<h3>Existing report numbers</h3>
${reportNumbers(facts)}
<p class="note">A reference number proves nothing about who is calling: scammers file fake reports to obtain real numbers. Police will never ask for seed phrases, keys or remote access.</p>
${facts.narrative ? `<h3>What happened (victim's words)</h3><p style="white-space:pre-wrap">${text(facts.narrative)}</p>` : ''}
${lists(facts)}
</section>`
}

function timelineRow(ctx: SectionContext, e: TimelineEntry) {
  const { report } = ctx
  const source = e.txHash
    ? `on-chain: ${txCell(report, report.case.chain, e.txHash)}`
    : `<strong>${free(e.source)}</strong>`
  return {
    className: e.kind === 'deposit' ? 'hit' : undefined,
    cells: [
      text(e.utc ? utc(e.utc) : 'unconfirmed / unknown'),
      e.local
        ? `${text(e.local.time)}<br><span class="note">${text(e.local.timezone)}</span>`
        : '—',
      text(e.kind),
      text(e.what),
      source,
      ...(report.fiat ? [usdCell(e.usd, report.asset.symbol)] : []),
    ],
  }
}

export function timelineSection(ctx: SectionContext): string {
  if (!ctx.report.caseFacts) return ''
  const all = mergeTimeline(ctx.report)
  let hops = 0
  const shown = all.filter((e) => e.kind !== 'hop' || ++hops <= MAX_HOP_ROWS)
  const more =
    hops > MAX_HOP_ROWS
      ? `<p class="note">${hops - MAX_HOP_ROWS} further hop transfers are in the hop table and hops.csv.</p>`
      : ''
  const head = [
    'Time (UTC)',
    "Victim's local time",
    'Event',
    'What happened',
    'Source',
  ]
  if (ctx.report.fiat) head.push('USD at the time')
  return `<section id="timeline">
<h2>Timeline (UTC)</h2>
<p class="note">The victim's chronology converted from the stated time zone to UTC (the local time is kept), merged with the on-chain theft, hops and exchange deposits. Each row names its source: "victim statement" rows are unverified; "on-chain" rows can be checked from the tx hash.</p>
${table(head, all.length ? shown.map((e) => timelineRow(ctx, e)) : [], { className: 'small', widths: { 0: '10em', 4: '12em' } })}
${more}
</section>`
}
