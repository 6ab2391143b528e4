/** Method, limitations, attribution register, legal and safety text. */
import { utc } from '../../../core/time.js'
import { BUNDLE_COVERS } from '../../manifest.js'
import { attributionRegister } from '../../views/labels.js'
import { code, free, table, text, txCell } from '../table.js'
import type { SectionContext } from './context.js'

function sources(ctx: SectionContext): string {
  const rows = ctx.report.sources.map((s) => [
    text(s.baseUrl),
    String(s.requests),
    String(s.cacheHits),
    text(s.tipHeight ?? 'unknown'),
    text(utc(s.firstRetrievedAt)),
    text(utc(s.lastRetrievedAt)),
  ])
  return table(
    [
      'Data source',
      'Requests',
      'Cache hits',
      'Tip height',
      'First retrieval',
      'Last retrieval',
    ],
    rows,
    { className: 'small', numeric: [1, 2, 3] },
  )
}

function policy(ctx: SectionContext): string {
  const { report } = ctx
  const o = report.case.options
  return `<p><strong>Policy: ${text(report.policy.name)}.</strong> ${text(report.policy.description)}</p>
<p>Parameters: max hops ${o.maxHops}; minimum amount ${text(o.minAmount)} base units; node budget ${o.maxNodes}. Seeds: ${report.case.seeds.map((s) => (s.kind === 'tx' ? `tx ${code(s.txid)}${s.outputs ? ` outputs ${text(s.outputs.join(','))}` : ''}` : `address ${code(s.address)}${s.since ? ` since ${text(s.since)}` : ''}`)).join('; ')}. Victim addresses: ${report.case.victims.map((v) => code(v)).join(' ') || 'none given'}.</p>
<p>Stop rules, in order: victim address; exchange-labelled address (hit); other labelled service; below the minimum amount; unspent; hop limit; node budget; CoinJoin-like spend; sweep into a single exchange (the swept address is reported as that exchange's deposit address, counted once).</p>`
}

function heuristics(ctx: SectionContext): string {
  const h = ctx.report.heuristics
  if (h.length === 0) return '<p>No heuristic fired.</p>'
  return table(
    ['Rule', 'Tx', 'Detail'],
    h.map((x) => [
      text(x.rule),
      txCell(ctx.report, ctx.report.case.chain, x.txHash),
      text(x.detail),
    ]),
    { className: 'small' },
  )
}

function register(ctx: SectionContext): string {
  const rows = attributionRegister(ctx.report).map((r) => [
    code(r.address),
    free(r.entity),
    free(r.category),
    free(r.source),
    text(r.retrieved),
    text(r.confidence),
    text(r.basis),
  ])
  if (rows.length === 0) return '<p>No label was used for an attribution.</p>'
  return table(
    [
      'Address',
      'Entity',
      'Category',
      'Label source',
      'Retrieved',
      'Confidence',
      'Basis',
    ],
    rows,
    { className: 'small', widths: { 1: '7em', 2: '7em', 3: '9em' } },
  )
}

function discrepancies(ctx: SectionContext): string {
  const list = ctx.report.discrepancies ?? []
  if (list.length === 0) return ''
  return `<h3>Where the explorer and the chain disagreed</h3>
${table(
  ['Tx', 'Side', 'Kind', 'Asset', 'From', 'To', 'Amount', 'Detail'],
  list.map((d) => [
    txCell(ctx.report, ctx.report.case.chain, d.txHash),
    text(d.side),
    text(d.kind),
    `${text(d.asset)}${d.contract ? ` ${code(d.contract)}` : ''}`,
    code(d.from),
    code(d.to),
    text(d.amount),
    text(d.detail),
  ]),
  { className: 'small' },
)}`
}

function filtered(ctx: SectionContext): string {
  const list = ctx.report.filtered ?? []
  if (list.length === 0) return ''
  return `<h3>Transfers seen and deliberately not traced</h3>
<p class="note">Zero-value transfers and tokens that copy a known token's symbol from another contract (address poisoning, fake tokens) are not followed.</p>
${table(
  ['Tx', 'Reason', 'Asset', 'From', 'To', 'Amount'],
  list.map((f) => [
    txCell(ctx.report, ctx.report.case.chain, f.txHash),
    text(f.reason),
    `${text(f.asset)}${f.contract ? ` ${code(f.contract)}` : ''}`,
    code(f.from),
    code(f.to),
    text(f.amount),
  ]),
  { className: 'small' },
)}`
}

export function methodSection(ctx: SectionContext): string {
  return `<section id="method" class="page-break">
<h2>Method</h2>
<h3>Data sources</h3>
${sources(ctx)}
<p class="note">The raw responses used are in evidence/ and are covered by the bundle hash; replaying them reproduces report.json.</p>
<h3>Tracing policy and parameters</h3>
${policy(ctx)}
<h3>Heuristics that fired</h3>
${heuristics(ctx)}
<h3>Limitations</h3>
<ul>
<li>Amounts depend on the stated policy; another policy (poison, haircut, FIFO) can attribute different amounts to the same endpoints.</li>
<li>Commingling: where traced funds merge with other funds, the policy — not the chain — decides what is "traced".</li>
<li>Labels come from third parties and can be wrong or outdated. A deposit-sweep attribution is an inference from the sweep transaction, graded medium.</li>
<li>Branches stopped at services, CoinJoins, limits or fetch failures were not followed further.</li>
${ctx.report.status === 'incomplete' ? '<li><strong>This trace is incomplete:</strong> some data could not be fetched.</li>' : ''}
${(ctx.report.limitations ?? []).map((l) => `<li>${text(l)}</li>`).join('\n')}
</ul>
${discrepancies(ctx)}
${filtered(ctx)}
<h3>Attribution register</h3>
${register(ctx)}
<p><strong>On-chain data identifies no person.</strong> A deposit address is "operated by" an exchange; who holds the credited account is known only to that exchange. This report names no account holder and does not say who stole the funds.</p>
</section>`
}

export function legalSection(ctx: SectionContext): string {
  return `<section id="legal">
<h2>Legal and safety notes</h2>
<ul>
<li>This report is tool-generated analysis, not legal advice and not an expert opinion.</li>
<li>The tool cannot freeze, seize or recover funds. Only law enforcement and courts can compel action; exchanges and issuers act on their requests.</li>
<li>Third-party labels can be wrong; traced amounts depend on the stated tracing policy.</li>
<li><strong>Recovery scams:</strong> no legitimate agency or recovery service charges an upfront fee, asks for "taxes" to release funds, asks for seed phrases or private keys, or asks for remote access. Unsolicited offers of recovery — even from callers quoting this report or a real case number — are very likely scams. Use only official channels you reach yourself.</li>
</ul>
<h3>Integrity</h3>
<p>MANIFEST.sha256 lists the SHA-256 of every file in the folder (except itself), in the format of <code>sha256sum</code>: check the folder with <code>fundtrace verify DIR</code>, or with <code>sha256sum -c MANIFEST.sha256</code> inside it. manifest.json lists the report's own files with their sizes. The bundle SHA-256 on the cover covers the data files (${text(BUNDLE_COVERS.replace('every file listed', 'every file of manifest.json'))}): it is the SHA-256 of their lines in that same format, each the file's SHA-256, two spaces and its path, sorted. So it does not change when the report is re-rendered. Report id ${code(ctx.reportId)}.</p>
</section>`
}

export function freezeSection(ctx: SectionContext): string {
  if (ctx.freeze.length === 0) return ''
  const items = ctx.freeze.map(
    (f) =>
      `<h3>${free(f.entity)} — <code>${text(f.path)}</code></h3>\n<pre class="freeze">${text(f.text)}</pre>`,
  )
  return `<section id="freeze" class="page-break">
<h2>Freeze and preservation requests</h2>
<p class="note">Drafts for a police officer to complete and send through each venue's law-enforcement channel. Exchanges act on requests from law enforcement, not from victims.</p>
${items.join('\n')}
</section>`
}
