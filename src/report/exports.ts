/**
 * The flow graph for investigators' tools: GraphML (yEd, Gephi, networkx),
 * GEXF (Gephi, via graphology-gexf) and DOT (Graphviz). Every node and edge
 * carries the identifiers and exact amounts as text. Keys are synthetic
 * (n0, e0 ...): hostile strings only ever appear as escaped attribute values.
 */

import { MultiDirectedGraph } from 'graphology'
import gexf from 'graphology-gexf'
import { dotString, escapeXml, xmlSafe } from './html/escape.js'
import type { Report } from './types.js'
import { edgeAsset, nodesById } from './views/graph.js'
import { labelFor } from './views/labels.js'

type Attrs = Record<string, string | number>

type ExportGraph = {
  nodes: { key: string; attrs: Attrs }[]
  edges: { key: string; source: string; target: string; attrs: Attrs }[]
}

/** The graph as flat string/number attributes, shared by every format. */
export function exportGraph(report: Report): ExportGraph {
  const keys = new Map(report.graph.nodes.map((n, i) => [n.id, `n${i}`]))
  const nodes = report.graph.nodes.map((n) => {
    const label = labelFor(report, n)
    return {
      key: keys.get(n.id) ?? '',
      attrs: {
        label: label?.entity
          ? `${label.entity} ${n.address ?? n.id}`
          : (n.address ?? n.id),
        node_id: n.id,
        address: n.address ?? '',
        hop: n.hop,
        role: n.role,
        entity: label?.entity ?? n.entity ?? '',
        category: label?.category ?? n.category ?? '',
        label_source: label?.source ?? '',
        confidence: label?.confidence ?? '',
      },
    }
  })
  const byId = nodesById(report)
  const edges = report.graph.edges.flatMap((e, i) => {
    const source = keys.get(e.source)
    const target = keys.get(e.target)
    if (!source || !target || !byId.has(e.source)) return []
    const asset = edgeAsset(report, e)
    return [
      {
        key: `e${i}`,
        source,
        target,
        attrs: {
          label: `${e.tainted} ${asset.symbol}`,
          edge_id: e.id,
          tx_hash: e.txHash,
          output_index: e.outputIndex,
          hop: e.hop,
          asset: asset.symbol,
          contract: asset.contract ?? '',
          kind: e.kind ?? '',
          amount: e.amount,
          amount_base: e.amountBase,
          traced: e.tainted,
          traced_base: e.taintedBase,
          block: e.block === null ? 'unconfirmed' : String(e.block),
          time_utc: e.time ?? '',
          policy: e.policy,
        },
      },
    ]
  })
  return { nodes, edges }
}

function keyDecls(
  domain: 'node' | 'edge',
  items: readonly { attrs: Attrs }[],
): string[] {
  const first = items[0]?.attrs ?? {}
  return Object.entries(first).map(
    ([name, v]) =>
      `  <key id="${domain[0]}_${name}" for="${domain}" attr.name="${name}" attr.type="${typeof v === 'number' ? 'long' : 'string'}"/>`,
  )
}

function dataLines(domain: 'node' | 'edge', attrs: Attrs): string[] {
  return Object.entries(attrs).map(
    ([name, v]) =>
      `      <data key="${domain[0]}_${name}">${escapeXml(v)}</data>`,
  )
}

export function toGraphml(report: Report): string {
  const g = exportGraph(report)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keyDecls('node', g.nodes),
    ...keyDecls('edge', g.edges),
    '  <graph id="flow" edgedefault="directed">',
    ...g.nodes.flatMap((n) => [
      `    <node id="${n.key}">`,
      ...dataLines('node', n.attrs),
      '    </node>',
    ]),
    ...g.edges.flatMap((e) => [
      `    <edge id="${e.key}" source="${e.source}" target="${e.target}">`,
      ...dataLines('edge', e.attrs),
      '    </edge>',
    ]),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n')
}

const clean = (attrs: Attrs): Attrs =>
  Object.fromEntries(
    Object.entries(attrs).map(([k, v]) => [
      k,
      typeof v === 'number' ? v : xmlSafe(v),
    ]),
  )

export function toGexf(report: Report): string {
  const g = exportGraph(report)
  const graph = new MultiDirectedGraph()
  for (const n of g.nodes) graph.addNode(n.key, clean(n.attrs))
  for (const e of g.edges)
    graph.addEdgeWithKey(e.key, e.source, e.target, clean(e.attrs))
  // graphology-gexf escapes & < " in attributes and & < > in text itself.
  return gexf.write(graph, { version: '1.3', pretty: true })
}

function dotAttrs(attrs: Attrs): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : dotString(v)}`)
    .join(', ')
}

export function toGraphDot(report: Report): string {
  const g = exportGraph(report)
  return [
    'digraph fundtrace {',
    '  graph [rankdir=LR]',
    '  node [shape=box]',
    ...g.nodes.map((n) => `  ${n.key} [${dotAttrs(n.attrs)}]`),
    ...g.edges.map(
      (e) => `  ${e.source} -> ${e.target} [${dotAttrs(e.attrs)}]`,
    ),
    '}',
    '',
  ].join('\n')
}

/** File name → text, for the bundle. */
export function graphExports(report: Report): Record<string, string> {
  return {
    'graph.graphml': toGraphml(report),
    'graph.gexf': toGexf(report),
    'graph.dot': toGraphDot(report),
  }
}
