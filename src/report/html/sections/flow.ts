/** The flow-graph figure with its legend. */
import { viewGraph } from '../graph.js'
import { KIND_STYLE, toDot } from '../graph-dot.js'
import type { NodeKind } from '../graph-model.js'
import { renderSvg } from '../svg.js'
import type { SectionContext } from './context.js'

const LEGEND: [NodeKind, string][] = [
  ['victim', 'Victim address'],
  ['seed', 'First tainted output (hop 1)'],
  ['intermediate', 'Intermediate address'],
  ['exchange', 'Exchange deposit address (hit)'],
  ['service', 'Other labelled service (mixer, bridge, …)'],
  ['rest', 'Funds at rest (unspent, or a balance still held)'],
  ['unexplored', 'Not followed (fetch failed, limits)'],
]

function legend(): string {
  const items = LEGEND.map(([kind, label]) => {
    const s = KIND_STYLE[kind]
    return `<span><span class="sw" style="background:${s.fill};border-color:${s.stroke}"></span>${label}</span>`
  })
  items.push(
    '<span>Edge label: #row in the hop table, traced amount (of output value)</span>',
  )
  return `<div class="legend">${items.join('\n')}</div>`
}

export async function flowSection(ctx: SectionContext): Promise<string> {
  const view = viewGraph(ctx.report)
  if (view.nodes.length === 0)
    return '<section id="graph" class="page-break"><h2>Flow graph</h2><p>The trace produced no graph.</p></section>'
  const svg = await renderSvg(toDot(view))
  const note = view.collapsed
    ? `<p class="warn"><strong>Collapsed view.</strong> The trace has ${view.originalNodes} addresses, too many to draw readably; addresses are aggregated per hop and kind (exchanges per entity), and edges show the number of transfers and the summed traced amount. Every individual transfer is in the hop table and hops.csv.</p>`
    : ''
  return `<section id="graph" class="page-break wide">
<h2>Flow graph</h2>
<p class="note">Left to right by hop: the victim and the theft transaction on the left, endpoints on the right.</p>
${note}
${legend()}
<figure class="graph">${svg}</figure>
</section>`
}
