/**
 * explore.html: a static shell, the graph data as an inert JSON block and the
 * prebuilt explorer script, all inline, so the page opens from file:// and
 * asks the network for nothing (its CSP forbids it besides).
 */
import { escapeHtml } from '../html/escape.js'
import {
  BAND_LEGEND,
  BAND_STYLE,
  KIND_STYLE,
  legendFor,
  SWAP_EDGE_COLOUR,
  SWAP_LEGEND,
} from '../palette.js'
import { EXPLORE_STYLES } from './styles.js'
import type { ExploreData } from './types.js'

export const EXPLORE_FILE = 'explore.html'

// Inline script and style only; no fetch, no remote image, font or frame.
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"

/**
 * JSON that cannot end its <script> block or break a JS line: `<` is written
 * as \u003c (so no `</script` or `<!--`), U+2028 and U+2029 as escapes.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The script must not be able to close its own element early. */
export function scriptForInline(script: string): string {
  if (/<\/script|<!--/i.test(script))
    throw new Error('explorer bundle contains </script or <!--; rebuild it')
  return script
}

function legend(data: ExploreData): string {
  const items = legendFor(data.nodes.map((n) => n.kind)).map(([kind, text]) => {
    const s = KIND_STYLE[kind]
    return `<li><span class="sw" style="background:${s.fill};border-color:${s.stroke}"></span>${escapeHtml(text)}</li>`
  })
  items.push(
    '<li><span class="sw edge"></span>Transfer; width by traced amount</li>',
  )
  if (data.edges.some((e) => e.swap))
    items.push(
      `<li><span class="sw edge swap" style="border-color:${SWAP_EDGE_COLOUR}"></span>${escapeHtml(SWAP_LEGEND)}</li>`,
    )
  if (data.chains.length > 1)
    items.push(
      `<li><span class="sw band" style="background:${BAND_STYLE.fill};border-color:${BAND_STYLE.stroke}"></span>${escapeHtml(BAND_LEGEND)}</li>`,
    )
  return `<ul id="legend">${items.join('')}</ul>`
}

function caseLinks(data: ExploreData): string {
  return data.cases
    .map(
      (c) =>
        `<a href="${escapeHtml(c.reportHref)}">${escapeHtml(c.id ? `${c.id}: report` : 'Full report')}</a> <span class="muted">(${escapeHtml(c.chain)}, ${escapeHtml(c.status)})</span>`,
    )
    .join(' · ')
}

const TOOLBAR = `<div id="toolbar">
<input id="search" type="search" placeholder="Search address or tx prefix" autocomplete="off" spellcheck="false">
<select id="asset" aria-label="Asset"></select>
<select id="chain" aria-label="Chain"></select>
<input id="min-amount" type="text" inputmode="decimal" placeholder="Min. traced amount" aria-label="Minimum traced amount">
<select id="path" aria-label="Highlight path"></select>
<button type="button" id="clear">Clear</button>
<button type="button" id="collapse">Collapse peel chains</button>
<button type="button" id="fit" title="Fit to screen">Fit</button>
<button type="button" id="zoom-in" title="Zoom in">+</button>
<button type="button" id="zoom-out" title="Zoom out">−</button>
<button type="button" id="export-svg">SVG</button>
<button type="button" id="export-png">PNG</button>
</div>`

export function renderExploreHtml(data: ExploreData, script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(data.title)}</title>
<style>${EXPLORE_STYLES}</style>
<noscript><style>body { visibility: visible !important; }</style></noscript>
</head>
<body>
<header><h1>${escapeHtml(data.title)}</h1><nav>${caseLinks(data)}</nav></header>
${TOOLBAR}
<ul id="search-results"></ul>
<main><div id="graph"></div><aside id="panel"></aside></main>
<footer><div id="status"></div>${legend(data)}</footer>
<div id="tooltip" hidden></div>
<noscript><p>This page needs JavaScript to draw the graph; report.html holds the same graph without it.</p></noscript>
<script type="application/json" id="fundtrace-data">${jsonForScript(data)}</script>
<script>${scriptForInline(script)}</script>
</body>
</html>
`
}
