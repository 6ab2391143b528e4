/// <reference lib="dom" />
/** The side panel: everything the report knows about one node or one transfer. */
import { KIND_LEGEND } from '../../palette.js'
import { nodeEdges, nodeTotals } from '../model.js'
import type { ExploreData, ExploreEdge, ExploreNode } from '../types.js'
import { button, el, facts, link, short } from './dom.js'
import { swapPanel, swapSummary } from './swap-panel.js'

export type PanelActions = {
  selectNode(id: string): void
  selectEdge(id: string): void
  highlightPath(id: string): void
  expand(id: string): void
}

const ROLE = new Map(KIND_LEGEND)

function evidenceList(paths: readonly string[]): HTMLElement {
  if (!paths.length)
    return el(
      'p',
      { class: 'muted' },
      'No evidence file in this folder names it (a victim copy carries none; see the case bundle).',
    )
  return el(
    'ul',
    { class: 'evidence' },
    ...paths.map((p) => el('li', {}, link(p, p))),
  )
}

function txList(
  data: ExploreData,
  node: ExploreNode,
  actions: PanelActions,
): HTMLElement {
  const rows = nodeEdges(data, node.id).map((e) => {
    const dir = e.target === node.id ? 'in' : 'out'
    if (e.swap)
      return el(
        'li',
        {},
        button(
          `swap ${dir}: ${swapSummary(e.swap)}`,
          () => actions.selectEdge(e.id),
          { class: 'linkish' },
        ),
      )
    return el(
      'li',
      {},
      button(`${dir} ${e.tainted} ${e.asset}`, () => actions.selectEdge(e.id), {
        class: 'linkish',
      }),
      ' ',
      link(e.url, short(`${e.txHash}:${e.outputIndex}`, 12, 6)),
    )
  })
  return el('ul', { class: 'txs' }, ...rows)
}

/** One line per label: who, what kind, then where it came from and how sure. */
function labelList(node: ExploreNode): HTMLElement | null {
  if (!node.labels.length) return null
  const items = node.labels.map((l) =>
    el(
      'li',
      {},
      el('strong', {}, l.entity),
      ` (${l.category}), ${l.confidence} confidence`,
      el('div', { class: 'muted' }, l.source),
    ),
  )
  return el(
    'div',
    {},
    el('h3', {}, 'Labels'),
    el('ul', { class: 'labels' }, ...items),
  )
}

function hitBlock(node: ExploreNode): HTMLElement | null {
  const hit = node.hit
  if (!hit) return null
  const sweeps = hit.evidenceTxs.map((t) =>
    el('div', {}, link(t.url, t.txHash)),
  )
  return el(
    'div',
    { class: 'hit' },
    facts([
      ['Exchange', hit.entity],
      ['Received (traced)', `${hit.amount} ${hit.asset}`],
      ['Attribution', `${hit.attribution}, ${hit.confidence} confidence`],
      [
        hit.attribution === 'deposit-sweep' ? 'Sweep tx' : 'Evidence tx',
        el('div', {}, ...sweeps),
      ],
    ]),
  )
}

function amountTable(data: ExploreData, node: ExploreNode): HTMLElement {
  const head = el(
    'tr',
    {},
    el('th', {}, 'Asset'),
    el('th', {}, 'Traced in'),
    el('th', {}, 'Traced out'),
  )
  const rows = nodeTotals(data, node.id).map((t) =>
    el(
      'tr',
      {},
      el('td', {}, t.asset),
      el('td', { class: 'num' }, t.in),
      el('td', { class: 'num' }, t.out),
    ),
  )
  return el('table', { class: 'amounts' }, head, ...rows)
}

export function nodePanel(
  data: ExploreData,
  node: ExploreNode,
  actions: PanelActions,
): HTMLElement {
  const title = node.members
    ? 'Peel chain'
    : (node.entity ?? ROLE.get(node.kind) ?? node.kind)
  return el(
    'div',
    { 'data-node': node.id },
    el('h2', {}, title),
    facts([
      [
        'Address',
        node.address ? el('span', { class: 'mono' }, node.address) : null,
      ],
      ['Chain', node.chain],
      ['Role', ROLE.get(node.kind) ?? node.kind],
      ['Hop', String(node.hop)],
      ['Case', node.caseId],
      ['Category', node.category],
      ['Note', node.note],
    ]),
    node.members && button('Expand this chain', () => actions.expand(node.id)),
    hitBlock(node),
    labelList(node),
    el('h3', {}, 'Amounts'),
    amountTable(data, node),
    el('h3', {}, 'Transfers'),
    txList(data, node, actions),
    el('h3', {}, 'Evidence files'),
    evidenceList(node.evidence),
    button('Highlight the path from the theft to here', () =>
      actions.highlightPath(node.id),
    ),
  )
}

/** "0.1 of 0.25 (40%)": the policy's traced share of the output. */
function share(edge: ExploreEdge): string {
  const amount = BigInt(edge.amountBase)
  const tainted = BigInt(edge.taintedBase)
  const pct = amount > 0n ? Number((tainted * 10000n) / amount) / 100 : 0
  return `${edge.tainted} of ${edge.amount} ${edge.asset} (${pct}%) under ${edge.policy}`
}

export function edgePanel(
  data: ExploreData,
  edge: ExploreEdge,
  actions: PanelActions,
): HTMLElement {
  if (edge.swap)
    return swapPanel(
      data,
      edge,
      edge.swap,
      actions.selectNode,
      evidenceList(edge.evidence),
    )
  const end = (id: string) => {
    const node = data.nodes.find((n) => n.id === id)
    return button(
      short(node?.address ?? id, 12, 6),
      () => actions.selectNode(id),
      { class: 'linkish mono' },
    )
  }
  return el(
    'div',
    { 'data-edge': edge.id },
    el('h2', {}, 'Transfer'),
    facts([
      ['Tx', link(edge.url, edge.txHash)],
      ['Output', String(edge.outputIndex)],
      ['From', end(edge.source)],
      ['To', end(edge.target)],
      ['Amount', `${edge.amount} ${edge.asset}`],
      ['Traced', share(edge)],
      [
        'Fee',
        edge.fee === null
          ? null
          : `${edge.fee} ${edge.feeAsset} (traced ${edge.tracedFee ?? '0'})`,
      ],
      ['Block', edge.block === null ? 'unconfirmed' : String(edge.block)],
      ['Block time', edge.time ?? 'unconfirmed'],
      ['Hop', String(edge.hop)],
      ['Chain', edge.chain],
    ]),
    el('h3', {}, 'Evidence files'),
    evidenceList(edge.evidence),
  )
}
