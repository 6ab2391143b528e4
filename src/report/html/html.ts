/** report.html: one self-contained, printable file (no scripts, no network). */
import { freezeRequests } from '../freeze.js'
import { reportId } from '../manifest.js'
import type { Report } from '../types.js'
import { escapeHtml } from './escape.js'
import { caseSection, timelineSection } from './sections/case.js'
import type { Audience, SectionContext } from './sections/context.js'
import { coverSection } from './sections/cover.js'
import { fiatSection } from './sections/fiat.js'
import { flowSection } from './sections/flow.js'
import { hopsSection } from './sections/hops.js'
import {
  freezeSection,
  legalSection,
  methodSection,
} from './sections/method.js'
import { reconciliationSection } from './sections/reconciliation.js'
import { summarySection } from './sections/summary.js'
import { termsBlock } from './sections/terms.js'
import { STYLES } from './styles.js'

export type RenderHtmlOptions = {
  audience: Audience
  /** From the manifest; shown on the cover and in the freeze requests. */
  bundleSha256?: string | undefined
}

// Defence in depth: even if an escaping bug let markup through, the browser
// would run no script and fetch nothing.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

export async function renderHtml(
  report: Report,
  options: RenderHtmlOptions,
): Promise<string> {
  const ctx: SectionContext = {
    report,
    audience: options.audience,
    reportId: reportId(report),
    bundleSha256: options.bundleSha256,
    freeze: freezeRequests(report, { bundleSha256: options.bundleSha256 }),
  }
  const title = `fundtrace report ${ctx.reportId} (${options.audience} copy)`
  const page1 = [coverSection(ctx), summarySection(ctx)]
  const body = [
    ...page1,
    termsBlock(page1.join('\n')),
    caseSection(ctx),
    timelineSection(ctx),
    fiatSection(ctx),
    await flowSection(ctx),
    hopsSection(ctx),
    reconciliationSection(ctx),
    methodSection(ctx),
    freezeSection(ctx),
    legalSection(ctx),
  ]
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`
}
