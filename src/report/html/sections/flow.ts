/** The flow-graph figure with its legend, and the way to the interactive explorer. */
import { KIND_STYLE, legendFor } from '../../palette.js'
import { viewGraph } from '../graph.js'
import { SWAP_EDGE_COLOUR, toDot } from '../graph-dot.js'
import type { ViewGraph } from '../graph-model.js'
import { fitsPrint, withPrintSize } from '../graph-print.js'
import { renderSvg } from '../svg.js'
import type { SectionContext } from './context.js'

/** A legend line for each kind the figure shows, in the colours it draws. */
function legend(view: ViewGraph): string {
  const { collapsed } = view
  const kinds = [...new Set(view.nodes.map((n) => n.kind))]
  const items = legendFor(kinds).map(([kind, label]) => {
    const s = KIND_STYLE[kind]
    return `<span><span class="sw" style="background:${s.fill};border-color:${s.stroke}"></span>${label}</span>`
  })
  if (view.edges.some((e) => e.swap))
    items.push(
      `<span><span class="sw" style="border-color:${SWAP_EDGE_COLOUR};border-style:dashed"></span>Swap: one asset in, another out (THORChain, or a DEX in the same tx); bridge: a deposit and its fill on another chain</span>`,
    )
  if (new Set(view.nodes.flatMap((n) => (n.chain ? [n.chain] : []))).size > 1)
    items.push(
      '<span>Shaded bands: one per chain, named at the top left</span>',
    )
  items.push(
    collapsed
      ? '<span>Edge label: number of transfers, summed traced amount</span>'
      : '<span>Edge label: its row in the hop table (amounts, tx and time there)</span>',
  )
  return `<div class="legend">${items.join('\n')}</div>`
}

/** The full view if it prints with text of at least 9 pt, else the collapsed one. */
async function printableFigure(
  ctx: SectionContext,
): Promise<{ view: ViewGraph; svg: string; fits: boolean }> {
  const view = viewGraph(ctx.report)
  const svg = await renderSvg(toDot(view))
  if (view.collapsed || fitsPrint(svg)) return { view, svg, fits: true }
  const grouped = viewGraph(ctx.report, 0)
  const groupedSvg = await renderSvg(toDot(grouped))
  return { view: grouped, svg: groupedSvg, fits: fitsPrint(groupedSvg) }
}

const EXPLORE_NOTE =
  '<p class="note">To pan, zoom, filter and click any hop for its evidence, open <a href="explore.html">explore.html</a> in this folder (it runs a script, so it is kept apart from this report).</p>'

export async function flowSection(ctx: SectionContext): Promise<string> {
  if (ctx.report.graph.nodes.length === 0)
    return '<section id="graph" class="page-break"><h2>Flow graph</h2><p>The trace produced no graph.</p></section>'
  const { view, svg, fits } = await printableFigure(ctx)
  const note = view.collapsed
    ? `<p class="warn"><strong>Collapsed view.</strong> The trace has ${view.originalNodes} addresses, too many to draw readably on one page; addresses are aggregated per hop and kind (exchanges per entity), and edges show the number of transfers and the summed traced amount. Every individual transfer is in the hop table and hops.csv, and explore.html draws them all.</p>`
    : ''
  const small = fits
    ? ''
    : '<p class="warn">Even collapsed, this figure prints with text under 9 pt; zoom in on screen or use explore.html.</p>'
  return `<section id="graph" class="page-break wide">
<h2>Flow graph</h2>
<p class="note">Left to right by hop: the victim and the theft transaction on the left, endpoints on the right. Nodes show the role, the label, an address prefix and the traced amount received; edges are numbered as the hop table's rows.</p>
${EXPLORE_NOTE}
${note}${small}
${legend(view)}
<figure class="graph">${withPrintSize(svg)}</figure>
</section>`
}
