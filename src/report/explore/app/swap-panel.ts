/// <reference lib="dom" />
/**
 * A swap's side panel and tooltip: both payments, each on its own chain with
 * its own explorer link, the memo as text and how the two were tied.
 */
import type {
  ExploreData,
  ExploreEdge,
  ExploreSwap,
  ExploreSwapSide,
} from '../types.js'
import { button, el, facts, link, short } from './dom.js'

const PROTOCOL: Record<string, string> = {
  thorchain: 'THORChain',
  dex: 'DEX, in one tx',
  across: 'Across bridge',
  synapse: 'Synapse bridge',
  multichain: 'Multichain bridge',
  'op-stack': 'OP Stack bridge',
}

export function protocolName(swap: ExploreSwap): string {
  return PROTOCOL[swap.protocol] ?? swap.protocol
}

/** "0.6 BTC on bitcoin → 10 ETH on ethereum": what went in and what came out. */
export function swapSummary(swap: ExploreSwap): string {
  const { inbound: a, outbound: b } = swap
  return `${a.amount} ${a.asset} on ${a.chain} → ${b.amount} ${b.asset} on ${b.chain}`
}

function sideBlock(title: string, side: ExploreSwapSide): HTMLElement {
  return el(
    'div',
    { class: 'swap-side' },
    el('h3', {}, `${title}: ${side.amount} ${side.asset} on ${side.chain}`),
    facts([
      ['Tx', link(side.url, side.txHash)],
      ['Index', String(side.index)],
      ['Address', el('span', { class: 'mono' }, side.address)],
      ['Amount', `${side.amount} ${side.asset}`],
      ['Traced', `${side.tainted} ${side.asset}`],
      ['Chain', side.chain],
      ['Block time', side.time ?? 'unconfirmed'],
    ]),
  )
}

export function swapPanel(
  data: ExploreData,
  edge: ExploreEdge,
  swap: ExploreSwap,
  selectNode: (id: string) => void,
  evidence: HTMLElement,
): HTMLElement {
  const end = (id: string) => {
    const node = data.nodes.find((n) => n.id === id)
    return button(short(node?.address ?? id, 12, 6), () => selectNode(id), {
      class: 'linkish mono',
    })
  }
  const memo = (text: string) =>
    text ? el('span', { class: 'mono memo' }, text) : null
  return el(
    'div',
    { 'data-edge': edge.id, class: 'swap' },
    el('h2', {}, `Swap (${protocolName(swap)})`),
    el('p', {}, swapSummary(swap)),
    facts([
      ['Protocol', swap.protocol],
      ['Matched', swap.matched],
      ['Confidence', swap.confidence],
      [
        'Cross-check',
        swap.crossCheck &&
          `${swap.crossCheck.verdict} by ${swap.crossCheck.source}: ${swap.crossCheck.detail}`,
      ],
      ['Memo', memo(swap.memo)],
      ['Outbound memo', memo(swap.outMemo)],
      ['From', end(edge.source)],
      ['To', end(edge.target)],
    ]),
    sideBlock('In', swap.inbound),
    sideBlock('Out', swap.outbound),
    el('h3', {}, 'Evidence files'),
    evidence,
  )
}

/** The tooltip's lines for a swap. */
export function swapTooltip(swap: ExploreSwap): HTMLElement[] {
  return [
    el('strong', {}, `Swap: ${swapSummary(swap)}`),
    el(
      'div',
      {},
      `${protocolName(swap)}; ${swap.matched}, ${swap.confidence} confidence`,
    ),
    el(
      'div',
      { class: 'mono' },
      `in ${short(swap.inbound.txHash, 14, 4)} · out ${short(swap.outbound.txHash, 14, 4)}`,
    ),
    swap.memo ? el('div', { class: 'mono' }, `memo ${swap.memo}`) : null,
  ].filter((x): x is HTMLElement => x !== null)
}
