/** Cover block: identification, as-of heights, integrity, audience. */
import { utc } from '../../../core/time.js'
import { asOfHeights } from '../../views/graph.js'
import { replayNotice, SYNTHETIC_NOTICE } from '../../views/provenance.js'
import { code, text } from '../table.js'
import type { SectionContext } from './context.js'

const AUDIENCE_TEXT = {
  police:
    'POLICE / LAW-ENFORCEMENT COPY — full detail. TLP:AMBER — share only with the agencies and venues named in this report.',
  victim:
    'VICTIM COPY — to give to the police and to your exchange. Do not publish it: scammers use published loss reports to target victims.',
}

/** From the case file when given; otherwise a blank for the officer. */
function policeReference(ctx: SectionContext): string {
  const reports = ctx.report.caseFacts?.reports
  if (!reports?.police)
    return '[not yet filed — write the crime / case reference number here]'
  const agency = reports.policeAgency ? ` (${text(reports.policeAgency)})` : ''
  return `${code(reports.police)}${agency}`
}

/** Made-up or replayed data, said before anything else on the cover. */
function provenanceBanner(ctx: SectionContext): string {
  const replay = replayNotice(ctx.report)
  const synthetic = ctx.report.provenance?.synthetic
    ? `<p class="warn synthetic"><strong>${text(SYNTHETIC_NOTICE)}</strong> It demonstrates the tool on made-up data; do not send it to anyone as evidence. No explorer links are given.</p>`
    : ''
  return `${synthetic}${replay ? `<p class="replayed"><strong>${text(replay)}</strong></p>` : ''}`
}

export function coverSection(ctx: SectionContext): string {
  const { report } = ctx
  const asOf = asOfHeights(report)
    .map((a) => `${text(a.chain)}: block ${a.tip ?? 'unknown'}`)
    .join('<br>')
  const window = report.sources
    .map(
      (s) =>
        `${text(s.baseUrl)}: ${text(utc(s.firstRetrievedAt))} – ${text(utc(s.lastRetrievedAt))}`,
    )
    .join('<br>')
  const status =
    report.status === 'complete'
      ? ''
      : '<div class="warn"><strong>Incomplete trace.</strong> Some outputs could not be fetched; they are listed as unexplored and counted in the reconciliation.</div>'
  return `<header class="cover" id="cover">
<div><span class="badge">${text(AUDIENCE_TEXT[ctx.audience])}</span></div>
<h1>On-chain fund-tracing report</h1>
${provenanceBanner(ctx)}
<dl>
<dt>Report id</dt><dd>${code(ctx.reportId)}</dd>
<dt>Generated at</dt><dd>${text(utc(report.generatedAt))}</dd>
<dt>Tool</dt><dd>${text(report.tool.name)} ${text(report.tool.version)} (report schema ${text(report.schemaVersion)})</dd>
<dt>As of</dt><dd>${asOf}</dd>
<dt>Data retrieved</dt><dd>${window || '—'}</dd>
<dt>Bundle SHA-256</dt><dd>${ctx.bundleSha256 ? code(ctx.bundleSha256) : 'not computed (HTML rendered outside a bundle)'}</dd>
<dt>Police reference</dt><dd>${policeReference(ctx)}</dd>
</dl>
<p class="note">All times are UTC. Amounts are exact, ${report.reconciliations && report.reconciliations.length > 1 ? 'each in the asset named next to it (tokens with their contract)' : `in ${text(report.asset.symbol)} (${report.asset.decimals} decimals)`}. Identifiers are text: copy them, do not retype them.</p>
</header>
${status}`
}
