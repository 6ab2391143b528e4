/** Page 1: what an officer acts on — exchange deposits, funds at rest, next steps. */

import { utc } from '../../../core/time.js'
import { buildAlerts } from '../../attribution.js'
import { isUtxoChain } from '../../chain-model.js'
import { whoCanFreeze } from '../../views/who-can-freeze.js'
import { escapeHtml } from '../escape.js'
import { code, free, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'
import { lossUsdText, usdCell } from './fiat.js'

/** Each hit in its own asset: an EVM trace reaches several tokens. */
function assetCell(symbol: string, contract: string | undefined): string {
  return contract
    ? `${text(symbol)}<br><span class="note">token contract</span> ${code(contract)}`
    : `${text(symbol)}<br><span class="note">native coin</span>`
}

function hitsTable(ctx: SectionContext): string {
  const { report } = ctx
  if (report.hits.length === 0)
    return '<p>No exchange deposit was reached by this trace.</p>'
  const rows = report.hits.map((h) => ({
    className: 'hit',
    cells: [
      `<strong>${free(h.entity)}</strong><br><span class="note">${free(h.category)}</span>`,
      text(h.chain),
      assetCell(h.asset, h.contract),
      code(h.address),
      h.txHashes.map((t) => txCell(report, h.chain, t)).join('<br>'),
      text(utc(h.firstSeen)),
      text(h.outputs.map((o) => o.block ?? 'unconfirmed').join(', ')),
      `${text(h.received)} ${text(h.asset)}`,
      `<strong>${text(h.amount)} ${text(h.asset)}</strong>`,
      ...(report.fiat ? [usdCell(h.usd, h.asset)] : []),
      text(report.policy.name),
      `${text(h.attribution)}, ${text(h.confidence)}${h.evidence.length ? `<br><span class="note">evidence: ${h.evidence.map((e) => code(e)).join(' ')}</span>` : ''}${h.flags.length ? `<br><strong>${text(h.flags.join(', '))}</strong>` : ''}${h.conflict ? `<br><strong>${text(h.conflict.note)}</strong>` : ''}`,
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
      'Received',
      'Traced',
      ...(report.fiat ? ['Traced, USD at the time'] : []),
      'Policy',
      'Attribution, confidence',
    ],
    rows,
    {
      className: 'small hits',
      numeric: [7, 8],
      // Third-party names may break anywhere: a floor keeps words whole.
      widths: { 0: '8em', 3: '11em', 4: '12em' },
    },
  )
}

function restTable(ctx: SectionContext): string {
  const { report } = ctx
  const utxo = isUtxoChain(report.case.chain)
  if (report.atRest.length === 0)
    return `<p>No traced funds are at rest${utxo ? ' in an unspent output' : ''}.</p>`
  const rows = report.atRest.map((r) => [
    code(r.address),
    assetCell(r.asset, r.contract),
    `${txCell(report, r.chain, r.txHash)} : ${r.outputIndex}`,
    `<strong>${text(r.amount)}</strong> of ${text(r.value)} ${text(r.asset)}`,
    `block ${r.asOfBlock}`,
    free(whoCanFreeze(report, r)),
  ])
  return table(
    [
      'Address',
      'Asset',
      utxo ? 'Output' : 'Last tainted inflow',
      utxo ? 'Traced / output value' : 'Traced / inflows received',
      utxo ? 'Unspent as of' : 'Held as of',
      'Who could freeze',
    ],
    rows,
    { className: 'small at-rest' },
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
      `<li><strong>Police → ${free(req.entity)}:</strong> send the preservation and freeze request <code>${escapeHtml(req.path)}</code> through the venue's law-enforcement channel, with the case reference filled in.${req.disputedWith ? ` <strong>Operator disputed:</strong> labels also name ${free(req.disputedWith.join(', '))} for a deposit in it; confirm the account holder before acting.` : ''}</li>`,
    )
  }
  const services = new Set(
    ctx.report.unexplored
      .filter((u) => u.reason === 'service' && u.entity)
      .map((u) => u.entity ?? ''),
  )
  for (const entity of services)
    steps.push(
      `<li><strong>Police → ${free(entity)}:</strong> a labelled service (not an exchange) received traced funds; ask it to preserve its records, and follow its outputs if it is a bridge or swap.</li>`,
    )
  if (ctx.report.atRest.length)
    steps.push(
      '<li><strong>Police:</strong> watch the at-rest addresses above (<code>fundtrace watch</code> on this report folder alerts when they move); if the funds reach an exchange, request a freeze there.</li>',
    )
  if (ctx.report.status === 'incomplete')
    steps.push(
      '<li><strong>Analyst:</strong> the trace is incomplete; re-run it when the data source is reachable (unexplored outputs are listed in the reconciliation).</li>',
    )
  return `<ul>${steps.join('\n')}</ul>`
}

/** One sentence per asset: an EVM trace may have stolen several. */
function totals(ctx: SectionContext): string {
  const { report } = ctx
  const list = report.reconciliations?.length
    ? report.reconciliations.map((r) => ({ ...r, symbol: r.asset }))
    : [{ ...report.reconciliation, symbol: report.asset.symbol }]
  return list
    .map((r) => {
      const sym = escapeHtml(r.symbol)
      return `Traced from the theft: <strong>${text(r.stolen.amount)} ${sym}</strong>. At exchange deposit addresses: <strong>${text(r.atExchanges.amount)} ${sym}</strong>; at rest: <strong>${text(r.atRest.amount)} ${sym}</strong>.`
    })
    .join('<br>')
}

/**
 * Where the trail was cut, on page 1: "complete" is only true when this is
 * empty or holds dust alone. Absent when nothing was cut, so whole trails
 * render as before.
 */
function cutsBlock(ctx: SectionContext): string {
  const cuts = ctx.report.cuts ?? []
  if (cuts.length === 0) return ''
  const rows = cuts.map((c) => [
    `<strong>${text(c.reason)}</strong>`,
    code(c.address),
    `<strong>${text(c.amount)}</strong> ${text(c.asset)}`,
    `${txCell(ctx.report, c.chain, c.txHash)} : ${c.outputIndex}`,
    String(c.hops),
    text(c.flag),
  ])
  const status =
    ctx.report.status === 'complete'
      ? 'Only dust below the chosen minimum was left; the trace is complete.'
      : '<strong>The trace is incomplete: these amounts are not accounted for.</strong>'
  return `<h3>Where the trail was cut</h3>
<p>${status}</p>
${table(['Cut by', 'Address', 'Amount', 'Output or last inflow', 'Hop', 'To continue'], rows, { className: 'small cuts', numeric: [2] })}`
}

const ALERT_WORD = { sanctioned: 'SANCTIONED', hack: 'HACK / THEFT' } as const

/** Sanctioned or hack-labelled addresses reached, in red on page 1. */
function alertBanner(ctx: SectionContext): string {
  const alerts = ctx.report.alerts ?? buildAlerts(ctx.report)
  if (alerts.length === 0) return ''
  const items = alerts.map((a) => {
    const sources = a.labels
      .map(
        (l) => `${free(l.entity)}, ${free(l.source)} (${text(l.confidence)})`,
      )
      .join('; ')
    return `<li><strong>${ALERT_WORD[a.flag]}:</strong> ${code(a.address)} (${free(a.entity)}) reached: <strong>${text(a.amount)} ${text(a.asset)}</strong> at hop ${a.hops}, ${a.where === 'hit' ? 'an exchange deposit' : 'not followed further'}.<br><span class="note">Listed by: ${sources}</span></li>`
  })
  return `<div class="warn alert" role="alert" style="border:3px solid #b91c1c;border-left-width:10px;background:#fee2e2;color:#7f1d1d">
<strong>Traced funds reached ${alerts.length === 1 ? 'an address' : `${alerts.length} addresses`} on a sanctions or hack list.</strong>
<ul>${items.join('\n')}</ul>
</div>`
}

export function summarySection(ctx: SectionContext): string {
  return `<section id="summary">
<h2>Action summary</h2>
${alertBanner(ctx)}
<p>${totals(ctx)}<br>${lossUsdText(ctx.report)}; policy <strong>${text(ctx.report.policy.name)}</strong>.</p>
<h3>Exchange deposit addresses reached</h3>
${hitsTable(ctx)}
<p class="note">A deposit address identifies an account at the venue. It is "operated by" that exchange; the account holder is unknown to this report and is not necessarily the person who stole the funds.</p>
<h3>Funds at rest</h3>
${restTable(ctx)}
${cutsBlock(ctx)}
<h3>Next step for each recipient</h3>
${nextSteps(ctx)}
</section>`
}
