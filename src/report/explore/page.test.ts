import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  ADDR,
  NASTY,
  sampleReport,
  TX,
} from '../../../test/support/sample-report.js'
import { writeReportBundle } from '../bundle.js'
import { verifyManifest } from '../manifest.js'
import { exploreData } from './data.js'
import { jsonForScript, renderExploreHtml, scriptForInline } from './page.js'
import type { ExploreData } from './types.js'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

/** The JSON block of an explore.html, parsed back as the page would. */
function dataOf(html: string): ExploreData {
  const start = html.indexOf(
    '<script type="application/json" id="fundtrace-data">',
  )
  const body = html.slice(
    html.indexOf('>', start) + 1,
    html.indexOf('</script>', start),
  )
  return JSON.parse(body) as ExploreData
}

describe('jsonForScript', () => {
  test.each([
    ['</script><script>alert(1)</script>'],
    ['<!-- x'],
    ['line\u2028sep\u2029para'],
    [NASTY.img],
  ])('%j cannot end the block and parses back the same', (text) => {
    const out = jsonForScript({ text })
    expect(out).not.toMatch(/<|\u2028|\u2029/)
    expect(JSON.parse(out)).toEqual({ text })
  })

  test('a script holding </script is refused', () => {
    expect(() => scriptForInline('var a="</script>"')).toThrow(/rebuild/)
    expect(scriptForInline('var a=1')).toBe('var a=1')
  })
})

describe('explore.html in a bundle', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-explore-'))
  dirs.push(dir)
  // Recorded requests as the evidence store writes them: the URL names the tx or address.
  const evidence = [
    {
      key: 'ab'.repeat(32),
      json: JSON.stringify({ url: `http://x/tx/${TX.sweep}/hex` }),
    },
    {
      key: 'cd'.repeat(32),
      json: JSON.stringify({ url: `http://x/address/${ADDR.deposit}/txs` }),
    },
    {
      key: 'ef'.repeat(32),
      json: JSON.stringify({ url: `http://x/tx/${TX.t2}` }),
    },
  ]
  await writeReportBundle(sampleReport(), {
    outDir: dir,
    audience: 'police',
    evidence,
  })
  const html = await readFile(join(dir, 'explore.html'), 'utf8')
  const data = dataOf(html)

  test('is listed in the manifest and the bundle verifies', async () => {
    const manifest = JSON.parse(
      await readFile(join(dir, 'manifest.json'), 'utf8'),
    ) as { files: { path: string }[] }
    expect(manifest.files.map((f) => f.path)).toContain('explore.html')
    expect(await verifyManifest(dir)).toEqual({ ok: true, problems: [] })
  })

  test('the data is the report graph, every node and edge', () => {
    const report = sampleReport()
    expect(data.nodes.map((n) => n.id)).toEqual(
      report.graph.nodes.map((n) => n.id),
    )
    expect(data.edges.map((e) => e.taintedBase)).toEqual(
      report.graph.edges.map((e) => e.taintedBase),
    )
  })

  test('the deposit carries its exchange, sweep tx and the evidence files naming it', () => {
    const deposit = data.nodes.find((n) => n.address === ADDR.deposit)
    expect(deposit?.kind).toBe('exchange')
    expect(deposit?.hit?.entity).toBe('Binance')
    expect(deposit?.hit?.evidenceTxs.map((t) => t.txHash)).toContain(TX.sweep)
    expect(deposit?.evidence).toEqual([
      `evidence/ab/${'ab'.repeat(32)}.json`,
      `evidence/cd/${'cd'.repeat(32)}.json`,
    ])
    const paid = data.edges.find((e) => e.txHash === TX.t2)
    expect(paid?.evidence).toEqual([`evidence/ef/${'ef'.repeat(32)}.json`])
    expect(paid?.url).toBe(`https://mempool.space/tx/${TX.t2}`)
  })

  test('hostile names stay data: no markup outside the JSON block, kept verbatim inside', () => {
    // The page around its two script elements: the data block, then the bundle.
    const outside =
      html.slice(0, html.indexOf('<script type="application/json"')) +
      html.slice(html.lastIndexOf('</script>'))
    expect(outside).not.toContain(NASTY.script)
    expect(outside).not.toContain(NASTY.img)
    expect(data.nodes.some((n) => n.entity === NASTY.script)).toBe(true)
    expect((html.match(/<script/g) ?? []).length).toBe(2)
    expect(html).toContain("default-src 'none'")
    expect(outside).not.toMatch(/<link|\ssrc=/i)
  })

  test('report.html links to it and stays script-free', async () => {
    const report = await readFile(join(dir, 'report.html'), 'utf8')
    expect(report).toContain('href="explore.html"')
    expect(report).not.toMatch(/<script/i)
  })
})

test('the legend names only the kinds the graph has', () => {
  const data = exploreData('t', [
    {
      report: sampleReport(),
      caseId: '',
      reportHref: 'report.html',
      evidence: new Map(),
    },
  ])
  const html = renderExploreHtml(data, '')
  expect(html).toContain('Exchange deposit address')
  // sampleReport() has no endpoint that is neither at rest nor unexplored.
  expect(html).not.toContain('Other endpoint')
})
