import { describe, expect, test } from 'vitest'
import { generatedReport } from '../../../test/support/big-graph.js'
import {
  crossChainSampleReport,
  sampleReport,
} from '../../../test/support/sample-report.js'
import type { Report } from '../types.js'
import { initialView } from './collapse.js'
import { exploreData } from './data.js'
import { renderExplore } from './explore.js'
import { fromPreset, presetLayout, viewPositions } from './positions.js'

const data = (report: Report) =>
  exploreData('t', [
    { report, caseId: '', reportHref: 'report.html', evidence: new Map() },
  ])

describe('the first view laid out when the page is written', () => {
  test.each([
    ['one chain', sampleReport()],
    ['two chains', crossChainSampleReport()],
    ['300 nodes, opened with its peel chains folded', generatedReport(300)],
  ])(
    '%s: the preset is the layout the page would compute, to a hundredth',
    (_, report) => {
      const view = initialView(data(report))
      const computed = viewPositions(view)
      const preset = fromPreset(view, presetLayout(view))
      expect(preset?.bands).toEqual(computed.bands)
      for (const [id, p] of computed.pos) {
        const q = preset?.pos.get(id)
        expect(Math.abs((q?.x ?? NaN) - p.x)).toBeLessThanOrEqual(0.005)
        expect(Math.abs((q?.y ?? NaN) - p.y)).toBeLessThanOrEqual(0.005)
      }
    },
  )

  test('a big graph opens folded: the preset is for the folded view', () => {
    const full = data(generatedReport(300))
    const view = initialView(full)
    expect(view.nodes.length).toBeLessThan(full.nodes.length)
    const preset = presetLayout(view)
    expect(preset.nodes).toBe(view.nodes.length)
    // Made for another view, it is not used.
    expect(fromPreset(full, preset)).toBeNull()
  })

  test('two chains: a band each, Bitcoin above Ethereum', () => {
    const { bands } = viewPositions(data(crossChainSampleReport()))
    expect(bands.map((b) => b.chain)).toEqual(['bitcoin', 'ethereum'])
    const [btc, eth] = bands
    // Screen y grows downward and graph y upward: the first band is higher.
    expect(btc && eth && btc.y0 > eth.y1).toBe(true)
    expect(viewPositions(data(sampleReport())).bands).toEqual([])
  })

  test('the page carries the preset', async () => {
    const html = await renderExplore('t', [
      {
        report: crossChainSampleReport(),
        caseId: '',
        reportHref: 'report.html',
        evidence: new Map(),
      },
    ])
    const json = /id="fundtrace-data">(.*?)<\/script>/s.exec(html)?.[1] ?? ''
    const layout = JSON.parse(json).layout
    expect(layout.nodes).toBe(15)
    expect(layout.xy).toHaveLength(30)
    expect(layout.bands).toHaveLength(2)
  })
})
