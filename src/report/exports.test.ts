import { instance } from '@viz-js/viz'
import { MultiDirectedGraph } from 'graphology'
import gexf from 'graphology-gexf'
import { describe, expect, test } from 'vitest'
import { ADDR, sampleReport, TX } from '../../test/support/sample-report.js'
import { endpoints, endpointsCsv } from './endpoints.js'
import { toGexf, toGraphDot, toGraphml } from './exports.js'

const report = sampleReport()

describe('endpoints.csv', () => {
  const lines = endpointsCsv(report).trimEnd().split('\r\n')
  test('one row per endpoint: hits, at rest, then every other stop', () => {
    expect(lines).toHaveLength(
      1 + report.hits.length + report.atRest.length + report.unexplored.length,
    )
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'exchange',
      'exchange',
      'unspent',
      'service',
      'fetch-failed',
    ])
  })
  test('exact amounts as text next to base units, with the output and block', () => {
    const rest = lines.find((l) => l.includes(ADDR.rest)) ?? ''
    expect(rest).toContain(
      `${TX.t5}:0,938008,2026-03-01 14:00:00 UTC,0.2,20000000,0.2,4`,
    )
  })
  test('the amounts add up to the reconciliation', () => {
    const r = report.reconciliation
    const traced = endpoints(report)
      .map((e) => BigInt(e.amountBase))
      .reduce((a, b) => a + b, 0n)
    expect(traced).toBe(
      BigInt(r.atExchanges.amountBase) +
        BigInt(r.atRest.amountBase) +
        BigInt(r.atServices.amountBase) +
        BigInt(r.unexplored.amountBase),
    )
  })
})

describe('graph exports', () => {
  test('GraphML has every node and edge with its identifiers', () => {
    const xml = toGraphml(report)
    expect(xml.match(/<node id=/g)).toHaveLength(report.graph.nodes.length)
    expect(xml.match(/<edge id=/g)).toHaveLength(report.graph.edges.length)
    expect(xml).toContain(`<data key="e_tx_hash">${TX.theft}</data>`)
    expect(xml).toContain('<data key="e_traced_base">35000000</data>')
  })
  test('GEXF parses back with graphology-gexf', () => {
    const graph = gexf.parse(MultiDirectedGraph, toGexf(report))
    expect(graph.order).toBe(report.graph.nodes.length)
    expect(graph.size).toBe(report.graph.edges.length)
    expect(graph.mapNodes((_k, a) => a.address)).toContain(ADDR.deposit)
  })
  test('DOT is valid Graphviz with every node', async () => {
    const viz = await instance()
    const result = viz.render(toGraphDot(report), { format: 'svg' })
    expect(result.status).toBe('success')
    expect(result.output?.match(/class="node"/g)).toHaveLength(
      report.graph.nodes.length,
    )
  })
  test('control characters and lone surrogates never reach XML', () => {
    const bad = sampleReport()
    const node = bad.graph.nodes[9]
    expect(node).toBeDefined()
    node!.entity = 'A\u0001B\ud800C\u202eD'
    const xml = toGraphml(bad)
    expect(xml).toContain('ABCD')
    for (const ch of ['\u0001', '\ud800', '\u202e'])
      expect(xml).not.toContain(ch)
  })
})
