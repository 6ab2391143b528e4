/**
 * Explorer benchmark: explore.html for a generated 5,000-node graph in
 * headless Chromium (software WebGL). Prints load time (navigation to the
 * first drawn frame, with the app's own start-up phases) and frame time
 * while panning and zooming. Prints figures, asserts nothing.
 *
 *   node --import tsx bench/explorer.ts [--explorer-nodes=N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { renderExplore } from '../src/report/explore/explore.js'
import { findChromium } from '../src/report/pdf.js'
import { generatedReport } from '../test/support/big-graph.js'
import { launchChromium } from '../test/support/playwright.js'

type Frames = { frames: number; meanMs: number; p95Ms: number }

/** requestAnimationFrame intervals while the camera pans and zooms for `ms`. */
const MEASURE_FRAMES = (ms: number) => `new Promise((done) => {
  const camera = window.fundtraceExplorer.camera()
  const gaps = []
  let last = performance.now()
  const start = last
  const tick = (now) => {
    gaps.push(now - last)
    last = now
    const t = (now - start) / ${ms}
    camera.setState({ x: 0.5 + 0.2 * Math.sin(t * 6), y: 0.5, ratio: 1 - 0.6 * t })
    if (now - start < ${ms}) requestAnimationFrame(tick)
    else {
      gaps.sort((a, b) => a - b)
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length
      done({ frames: gaps.length, meanMs: mean, p95Ms: gaps[Math.floor(gaps.length * 0.95)] })
    }
  }
  requestAnimationFrame(tick)
})`

export async function runExplorerBench(nodes = 5000): Promise<void> {
  const chromium = findChromium(process.env.FUNDTRACE_CHROMIUM)
  if (!chromium) {
    console.log('  skipped: no chromium (apt-get install -y chromium)')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'fundtrace-bench-explorer-'))
  const browser = await launchChromium(chromium)
  try {
    const file = join(dir, 'explore.html')
    const report = generatedReport(nodes)
    const html = await renderExplore('bench', [
      { report, caseId: '', reportHref: 'report.html', evidence: new Map() },
    ])
    writeFileSync(file, html)
    const page = await browser.newPage({
      viewport: { width: 1400, height: 850 },
    })
    const started = performance.now()
    await page.goto(pathToFileURL(file).href)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 })
    const loadMs = performance.now() - started
    const phases = await page.evaluate(
      'JSON.stringify(window.fundtraceExplorer.timings)',
    )
    const frames = (await page.evaluate(MEASURE_FRAMES(3000))) as Frames
    console.log(
      `  ${nodes} nodes, ${report.graph.edges.length} edges, explore.html ${(html.length / 1e6).toFixed(1)} MB`,
    )
    console.log(
      `  load: ${loadMs.toFixed(0)} ms to the first frame; phases (ms) ${String(phases)}`,
    )
    console.log(
      `  pan and zoom: ${frames.frames} frames in 3 s, mean ${frames.meanMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms`,
    )
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--explorer-nodes='))
  await runExplorerBench(arg ? Number(arg.split('=')[1]) : 5000)
}
