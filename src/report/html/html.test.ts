import { describe, expect, test } from 'vitest'
import {
  ADDR,
  largeReport,
  NASTY,
  sampleReport,
} from '../../../test/support/sample-report.js'
import { viewGraph } from './graph.js'
import { toDot } from './graph-dot.js'
import { renderHtml } from './html.js'
import { cleanSvg } from './svg.js'

const report = sampleReport()
const html = await renderHtml(report, {
  audience: 'police',
  bundleSha256: 'f'.repeat(64),
})
const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6)

describe('renderHtml escaping', () => {
  // The javascript: URL is harmless as text; it is checked as a link below.
  const markup = Object.entries(NASTY).filter(([name]) => name !== 'jsUrl')
  test.each(markup)('%s never appears raw', (_name, nasty) => {
    expect(html).not.toContain(nasty)
  })
  test.each([
    /<script/i,
    /<img/i,
    /\son[a-z]+=/i,
    /href="javascript:/i,
    /<iframe/i,
  ])('no active markup matching %s', (pattern) => {
    const tags = html.match(/<[^>]*>/g) ?? []
    expect(tags.filter((t) => pattern.test(t))).toEqual([])
  })
  test('the hostile entity is shown escaped in HTML and in the SVG', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
  test('a javascript: label source is text, never a link', () => {
    expect(html).toContain('javascript:alert(1)')
    expect(html).not.toMatch(/href="[^"]*javascript/i)
  })
})

describe('renderHtml is self-contained', () => {
  const tags = (html.match(/<[^>]*>/g) ?? []).join('\n')
  test('no external resources', () => {
    expect(tags).not.toMatch(/\ssrc\s*=/i)
    expect(tags).not.toMatch(/<link/i)
    expect(html).not.toMatch(/@import/i)
    expect(html).not.toMatch(/url\(/i)
    expect(html).not.toMatch(/<!DOCTYPE svg/i)
    expect(html).toContain("default-src 'none'")
  })
  test('every href is an https explorer link, or the explorer beside it', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
    expect(hrefs.length).toBeGreaterThan(0)
    expect(hrefs).toContain('explore.html')
    for (const href of hrefs.filter((h) => h !== 'explore.html'))
      expect(href).toMatch(/^https:\/\/mempool\.space\/tx\/[0-9a-f]{64}$/)
  })
  test('the SVG has no external references', () => {
    expect(svg).toMatch(/^<svg/)
    expect(svg).not.toMatch(/xlink:href|\shref=|<image|<use/i)
  })
})

describe('renderHtml content', () => {
  test.each([
    'cover',
    'summary',
    'graph',
    'hops',
    'reconciliation',
    'method',
    'freeze',
    'legal',
  ])('has section #%s', (id) => expect(html).toContain(`id="${id}"`))
  test('summary comes before the graph (page 1)', () => {
    expect(html.indexOf('id="summary"')).toBeLessThan(
      html.indexOf('id="graph"'),
    )
  })
  test.each(report.hits.map((h) => [h.address, h.txHashes[0]]))(
    'hit deposit address %s and tx %s are copyable text',
    (address, tx) => {
      expect(html).toContain(`<code>${address}</code>`)
      expect(html).toContain(`<code>${tx}</code>`)
    },
  )
  test('cover shows id, as-of block, bundle hash and audience', () => {
    expect(html).toMatch(/<code>[0-9a-f]{16}<\/code>/)
    expect(html).toContain('bitcoin: block 938120')
    expect(html).toContain('f'.repeat(64))
    expect(html).toContain('POLICE / LAW-ENFORCEMENT COPY')
  })
  test('reconciliation shows the numbers and balanced', () => {
    for (const part of [
      'stolen 1 ',
      'at exchanges 0.6',
      'at services 0.0498',
      'at rest 0.2',
      'fees 0.0006',
      'unexplored 0.1496',
      'balanced: true',
    ])
      expect(html).toContain(part)
  })
  test('every endpoint has a stop reason', () => {
    const section = html.slice(
      html.indexOf('id="reconciliation"'),
      html.indexOf('id="method"'),
    )
    for (const address of [
      ADDR.deposit,
      ADDR.labelled,
      ADDR.rest,
      ADDR.mixer,
      ADDR.failed,
    ])
      expect(section).toContain(address)
    expect(section).toContain('fetch-failed')
  })
  test('an unbalanced report is flagged', async () => {
    const bad = sampleReport()
    bad.reconciliation.fees = { amount: '0.0007', amountBase: '70000' }
    const out = await renderHtml(bad, { audience: 'police' })
    expect(out).toContain('balanced: true (recomputed: false)')
  })
  test('method: attribution register and the no-person statement', () => {
    expect(html).toContain('https://example.org/labels/binance.csv')
    expect(html).toContain('On-chain data identifies no person')
    expect(html).not.toMatch(/thief/i)
  })
  test('victim copy is labelled as such', async () => {
    const out = await renderHtml(report, { audience: 'victim' })
    expect(out).toContain('VICTIM COPY')
    expect(out).toContain('not computed')
  })
  test('deterministic for the same report', async () => {
    const again = await renderHtml(sampleReport(), {
      audience: 'police',
      bundleSha256: 'f'.repeat(64),
    })
    expect(again).toBe(html)
  })
})

describe('flow graph', () => {
  test('full view: one SVG node per graph node, exchanges highlighted', () => {
    expect(svg.match(/class="node"/g)).toHaveLength(report.graph.nodes.length)
    expect(svg.match(/class="edge"/g)).toHaveLength(report.graph.edges.length)
    expect(svg.match(/stroke="#b91c1c"/g)?.length).toBeGreaterThanOrEqual(2)
  })
  test('above 200 nodes the graph collapses per hop and says so', async () => {
    const big = largeReport(260)
    const view = viewGraph(big)
    expect(view.collapsed).toBe(true)
    expect(view.nodes.length).toBeLessThan(20)
    const out = await renderHtml(big, { audience: 'police' })
    expect(out).toContain('Collapsed view.')
    expect(out).toContain('261 addresses')
    expect(out).not.toContain(NASTY.script)
  })
  test('200 nodes or fewer are drawn in full', () => {
    expect(viewGraph(largeReport(199)).collapsed).toBe(false)
  })
  test('DOT uses synthetic node names only', () => {
    const dot = toDot(viewGraph(report))
    expect(dot).not.toContain('addr:')
    expect(dot).toContain('n0 -> n1')
  })
  test('cleanSvg refuses active content', () => {
    expect(() => cleanSvg('<svg><script>alert(1)</script></svg>')).toThrow(
      /active content/,
    )
    expect(() => cleanSvg('<svg><a xlink:href="javascript:x"/></svg>')).toThrow(
      /active content/,
    )
    expect(
      cleanSvg(
        '<?xml?><!DOCTYPE svg "http://x"><!-- c --><svg><text>onerror=1</text></svg>',
      ),
    ).toBe('<svg><text>onerror=1</text></svg>')
  })
})
