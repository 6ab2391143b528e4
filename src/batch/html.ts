/**
 * DIR/index.html: one self-contained page (inline CSS, no script, no remote
 * resource). Every case id, entity and address is attacker-controllable text
 * and goes through escapeHtml; links are relative to the case folders.
 */
import { escapeHtml as e } from '../report/html/escape.js'
import type { BatchFreezeRequest } from './freeze.js'
import { type CrossCaseLinks, duplicateText, hitsByExchange } from './links.js'
import type { CaseOutcome } from './types.js'

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font:12px ui-monospace,monospace;word-break:break-all}.complete{color:#060}.incomplete,.interrupted,.error,.pending{color:#a00}
pre{white-space:pre-wrap;background:#f8f8f8;padding:.5rem;font-size:12px}`

const href = (path: string) => path.split('/').map(encodeURIComponent).join('/')

function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>None.</p>'
  const head = header.map((h) => `<th>${e(h)}</th>`).join('')
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

function casesSection(outcomes: readonly CaseOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.report
      ? `<a href="${e(href(`${o.dir}/report.html`))}">${e(o.id)}</a>`
      : e(o.id),
    `<span class="${e(o.status)}">${e(o.status)}</span>${o.resumed ? ' (earlier run)' : ''}`,
    e(o.chain),
    e(
      o.report
        ? `${o.report.reconciliation.stolen.amount} ${o.report.asset.symbol}`
        : '',
    ),
    e(
      o.report
        ? `${o.report.reconciliation.atExchanges.amount} ${o.report.asset.symbol}`
        : '',
    ),
    e(hitsByExchange(o)),
    e(o.error ?? ''),
  ])
  return table(
    [
      'Case',
      'Status',
      'Chain',
      'Stolen',
      'At exchanges',
      'Hits by exchange',
      'Error',
    ],
    rows,
  )
}

function exchangesSection(links: CrossCaseLinks): string {
  const rows = links.exchanges.map((x, i) => [
    String(i + 1),
    e(x.entity),
    `${e(x.total)} ${e(x.asset)} <small>(${e(x.chain)})</small>`,
    String(x.cases.length),
    x.deposits.map((d) => `<code>${e(d)}</code>`).join('<br>'),
    e(x.cases.join(', ')),
  ])
  return table(
    [
      'Rank',
      'Exchange',
      'Total traced',
      'Cases',
      'Deposit addresses',
      'Case ids',
    ],
    rows,
  )
}

function sharedSection(links: CrossCaseLinks): string {
  const rows = links.sharedAddresses.map((s) => [
    `<code>${e(s.address)}</code>`,
    e(s.kind),
    e(s.entities.join(', ')),
    String(s.cases.length),
    e(s.cases.join(', ')),
  ])
  return table(['Address', 'Kind', 'Entity', 'Cases', 'Case ids'], rows)
}

function freezeSection(requests: readonly BatchFreezeRequest[]): string {
  if (requests.length === 0) return '<p>No exchange deposit reached.</p>'
  return requests
    .map(
      (r) =>
        `<details><summary><a href="${e(href(r.path))}">${e(r.entity)}</a></summary><pre>${e(r.text)}</pre></details>`,
    )
    .join('\n')
}

export function renderIndexHtml(
  outcomes: readonly CaseOutcome[],
  links: CrossCaseLinks,
  requests: readonly BatchFreezeRequest[],
): string {
  const complete = outcomes.filter((o) => o.status === 'complete').length
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>fundtrace batch: ${outcomes.length} cases</title><style>${STYLE}</style></head>
<body>
<h1>Batch of ${outcomes.length} cases</h1>
<p>${complete} of ${outcomes.length} complete. Files: <a href="summary.csv">summary.csv</a>, <a href="summary.json">summary.json</a>; every case's graph in one interactive view: <a href="explore.html">explore.html</a>.</p>
${links.duplicates.map((d) => `<p class="warn"><strong>Warning:</strong> ${e(duplicateText(d))}</p>`).join('\n')}
<h2>Cases</h2>
${casesSection(outcomes)}
<h2>Exchanges, ranked by total traced</h2>
${exchangesSection(links)}
<h2>Addresses reached by more than one case</h2>
<p>Shared deposit addresses and shared intermediate addresses tie the cases to one another.</p>
${sharedSection(links)}
<h2>Freeze requests, one per exchange, covering every case</h2>
${freezeSection(requests)}
</body></html>
`
}
