/** Inline CSS: no web fonts, no external resources, A4 print rules. */
export const STYLES = `
:root { --ink:#111; --muted:#555; --line:#bbb; --hit:#b91c1c; --hitbg:#fef3c7; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  color: var(--ink); font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 1200px; padding: 16px; }
h1 { font-size: 17pt; margin: 0 0 4px; }
h2 { font-size: 13.5pt; border-bottom: 2px solid var(--ink); padding-bottom: 2px; margin: 18px 0 8px; }
h3 { font-size: 11pt; margin: 12px 0 4px; }
p, ul { margin: 4px 0 8px; }
code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
  font-size: 0.92em; user-select: all; }
/* Hashes, addresses and paths (all set as code) break at the cell edge when
   they must; prose never breaks inside a word, and nothing is hyphenated, so
   a copied or retyped identifier gains no character. */
code, .free { overflow-wrap: anywhere; }
body { hyphens: manual; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.small { font-size: 8pt; }
tr.hit td { background: var(--hitbg); }
.cover { border: 2px solid var(--ink); padding: 10px 12px; margin-bottom: 10px; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
.cover dt { font-weight: 600; } .cover dd { margin: 0; }
.terms dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; font-size: 9pt; }
.terms dt { font-weight: 600; } .terms dd { margin: 0; }
.replayed { border-left: 5px solid var(--muted); background: #f3f4f6; padding: 6px 10px; margin: 8px 0; }
.badge { display: inline-block; border: 2px solid var(--ink); padding: 1px 8px; font-weight: 700; letter-spacing: .03em; }
.warn { border-left: 5px solid var(--hit); background: #fee2e2; padding: 6px 10px; margin: 8px 0; }
.note { color: var(--muted); font-size: 9pt; }
.eq { font-family: monospace; font-size: 10pt; background: #f5f5f5; padding: 8px; white-space: pre-wrap; }
.ok { color: #047857; font-weight: 700; } .bad { color: var(--hit); font-weight: 700; }
.graph { overflow: auto; border: 1px solid var(--line); padding: 4px; }
.graph svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 9pt; margin: 6px 0; }
.legend span.sw { display: inline-block; width: 14px; height: 10px; border: 2px solid; vertical-align: middle; margin-right: 4px; }
pre.freeze { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8.5pt; border: 1px solid var(--line); padding: 8px; background: #fafafa; }
a { color: #1d4ed8; }
@page { size: A4; margin: 12mm 10mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .page-break { break-before: page; }
  section.wide { page: wide; }
  tr, .cover, .warn, pre.freeze { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  .graph { overflow: visible; border: none; }
  .graph svg { width: var(--print-w, 100%); height: var(--print-h, auto); max-width: none; }
  a { color: inherit; text-decoration: none; }
}
`
