/** Page 1: what an officer acts on — exchange deposits, funds at rest, next steps. */
import { utc, whoCanFreeze } from '../derive.js'
import { escapeHtml } from '../escape.js'
import { code, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'
import { lossUsdText, usdCell } from './fiat.js'

function hitsTable(ctx: SectionContext): string {
  const { report } = ctx
  if (report.hits.length === 0)
    return '<p>No exchange deposit was reached by this trace.</p>'
  const rows = report.hits.map((h) => ({
    className: 'hit',
    cells: [
      `<strong>${text(h.entity)}</strong><br><span class="note">${text(h.category)}</span>`,
      text(h.chain),
      `${text(h.asset)}<br><span class="note">native coin</span>`,
      code(h.address),
      h.txHashes.map((t) => txCell(h.chain, t)).join('<br>'),
      text(utc(h.firstSeen)),
      text(h.outputs.map((o) => o.block ?? 'unconfirmed').join(', ')),
      text(h.received),
      `<strong>${text(h.amount)}</strong>`,
      ...(report.fiat ? [usdCell(h.usd, report.asset.symbol)] : []),
      text(report.policy.name),
      `${text(h.attribution)}, ${text(h.confidence)}${h.evidence.length ? `<br><span class="note">evidence: ${h.evidence.map((e) => code(e)).join(' ')}</span>` : ''}${h.flags.length ? `<br><strong>${text(h.flags.join(', '))}</strong>` : ''}`,
    ],
  }))
  return table(
    [
      'Venue',
      'Network',
      'Asset',
      'Deposit address',
      'Deposit tx hash(es)',
      'First credited',
      'Block',
      `Received (${report.asset.symbol})`,
      `Traced (${report.asset.symbol})`,
      ...(report.fiat ? ['Traced, USD at the time'] : []),
      'Policy',
      'Attribution, confidence',
    ],
    rows,
    { className: 'small', numeric: [7, 8], widths: { 3: '11em', 4: '12em' } },
  )
}

function restTable(ctx: SectionContext): string {
  const { report } = ctx
  if (report.atRest.length === 0)
    return '<p>No traced funds are at rest in an unspent output.</p>'
  const rows = report.atRest.map((r) => [
    code(r.address),
    `${txCell(r.chain, r.txHash)} : ${r.outputIndex}`,
    `<strong>${text(r.amount)}</strong> of ${text(r.value)}`,
    `block ${r.asOfBlock}`,
    text(whoCanFreeze(report, r)),
  ])
  return table(
    [
      'Address',
      'Output',
      `Traced / output value (${report.asset.symbol})`,
      'Unspent as of',
      'Who could freeze',
    ],
    rows,
    { className: 'small' },
  )
}

function nextSteps(ctx: SectionContext): string {
  const steps: string[] = []
  if (ctx.audience === 'victim') {
    steps.push(
      '<li><strong>You:</strong> file a police report (national cybercrime portal or local police) and give them this whole folder. Contact your exchanges only through their official help centre, reached by typing the address yourself.</li>',
    )
  }
  for (const req of ctx.freeze) {
    steps.push(
      `<li><strong>Police → ${text(req.entity)}:</strong> send the preservation and freeze request <code>${escapeHtml(req.path)}</code> through the venue's law-enforcement channel, with the case reference filled in.</li>`,
    )
  }
  if (ctx.report.atRest.length)
    steps.push(
      '<li><strong>Police:</strong> watch the at-rest addresses above; if the funds move to an exchange, re-run the trace and request a freeze there.</li>',
    )
  if (ctx.report.status === 'incomplete')
    steps.push(
      '<li><strong>Analyst:</strong> the trace is incomplete; re-run it when the data source is reachable (unexplored outputs are listed in the reconciliation).</li>',
    )
  return `<ul>${steps.join('\n')}</ul>`
}

export function summarySection(ctx: SectionContext): string {
  const r = ctx.report.reconciliation
  const sym = escapeHtml(ctx.report.asset.symbol)
  return `<section id="summary">
<h2>Action summary</h2>
<p>Traced from the theft: <strong>${text(r.stolen.amount)} ${sym}</strong> ${lossUsdText(ctx.report)}. At exchange deposit addresses: <strong>${text(r.atExchanges.amount)} ${sym}</strong>; at rest: <strong>${text(r.atRest.amount)} ${sym}</strong>; policy <strong>${text(ctx.report.policy.name)}</strong>.</p>
<h3>Exchange deposit addresses reached</h3>
${hitsTable(ctx)}
<p class="note">A deposit address identifies an account at the venue. It is "operated by" that exchange; the account holder is unknown to this report and is not necessarily the person who stole the funds.</p>
<h3>Funds at rest</h3>
${restTable(ctx)}
<h3>Next step for each recipient</h3>
${nextSteps(ctx)}
</section>`
}
