import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { sampleReport } from '../../../test/support/sample-report.js'
import type { Report } from '../types.js'
import { viewGraph } from './graph.js'
import { toDot } from './graph-dot.js'
import {
  fitsPrint,
  MIN_PRINT_PT,
  printScale,
  smallestFont,
  withPrintSize,
} from './graph-print.js'
import { renderSvg } from './svg.js'

const fixture = (dir: string) =>
  JSON.parse(
    readFileSync(`fixtures/cases/${dir}/report.json`, 'utf8'),
  ) as Report

const CASES: [string, Report][] = [
  ['sample report', sampleReport()],
  ['demo peel chain', fixture('demo-peel-chain')],
  ['Satoshi–Hal (outputs without addresses)', fixture('satoshi-hal')],
]

describe.each(CASES)('%s: the full figure', async (_name, report) => {
  const view = viewGraph(report)
  const svg = await renderSvg(toDot(view))

  test('is drawn in full and prints with text of at least 9 pt', () => {
    expect(view.collapsed).toBe(false)
    expect(smallestFont(svg) * printScale(svg)).toBeGreaterThanOrEqual(
      MIN_PRINT_PT,
    )
    expect(fitsPrint(svg)).toBe(true)
  })

  test('never spells out a whole tx hash or txid:vout', () => {
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1] ?? '',
    )
    expect(text.length).toBeGreaterThan(0)
    for (const line of text) expect(line).not.toMatch(/[0-9a-f]{20}/i)
  })
})

test('the print size fills the page area without passing it', () => {
  const svg =
    '<svg width="200pt" height="100pt" viewBox="0 0 200 100"><text font-size="14">x</text></svg>'
  // 785/200 = 3.9, 440/100 = 4.4: capped at twice the natural size.
  expect(printScale(svg)).toBe(2)
  expect(withPrintSize(svg)).toContain('--print-w:400.0pt;--print-h:200.0pt')
  const wide =
    '<svg width="3140pt" height="100pt"><text font-size="14">x</text></svg>'
  expect(printScale(wide)).toBe(0.25)
  expect(fitsPrint(wide)).toBe(false)
})
