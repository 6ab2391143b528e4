/**
 * Explorer benchmark: explore.html for a generated 5,000-node graph in
 * headless Chromium (software WebGL). Prints load time (navigation to the
 * first drawn frame, with the app's own start-up phases) and frame time
 * while dragging and while turning the wheel (input events dispatched in the
 * page, one per frame), and, for comparison, with sigma redrawing every
 * frame. Prints figures, asserts nothing.
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

/** Mean and p95 of requestAnimationFrame gaps, as page code. */
const SUMMARY = `(gaps) => {
  gaps.shift()
  gaps.sort((a, b) => a - b)
  return { frames: gaps.length, meanMs: gaps.reduce((s, g) => s + g, 0) / gaps.length, p95Ms: gaps[Math.floor(gaps.length * 0.95)] }
}`

/**
 * A hand on the mouse for \`ms\`: one input event per frame on sigma's mouse
 * layer (a drag, or wheel turns in and out), as the browser would deliver
 * them; then the time until the settled view is drawn.
 */
const GESTURE = (kind: 'drag' | 'wheel', ms: number) => `new Promise((done) => {
  const summary = ${SUMMARY}
  const sigma = window.fundtraceExplorer.sigma
  const target = sigma.getCanvases().mouse
  const box = target.getBoundingClientRect()
  const at = (x, y) => ({ clientX: box.left + x, clientY: box.top + y, bubbles: true, cancelable: true, button: 0 })
  if ('${kind}' === 'drag') target.dispatchEvent(new MouseEvent('mousedown', at(400, 400)))
  const gaps = []
  let last = performance.now()
  const start = last
  let k = 0
  const tick = (now) => {
    gaps.push(now - last)
    last = now
    k++
    if ('${kind}' === 'drag')
      target.dispatchEvent(new MouseEvent('mousemove', at(400 + 200 * Math.sin(k / 10), 400 + 100 * Math.cos(k / 10))))
    else target.dispatchEvent(new WheelEvent('wheel', { ...at(500, 300), deltaY: k % 16 < 8 ? -100 : 100 }))
    if (now - start < ${ms}) return requestAnimationFrame(tick)
    const ended = performance.now()
    sigma.once('afterRender', () => requestAnimationFrame(() => done({ ...summary(gaps), settleMs: performance.now() - ended })))
    if ('${kind}' === 'drag') target.dispatchEvent(new MouseEvent('mouseup', at(400, 400)))
  }
  requestAnimationFrame(tick)
})`

/** The camera set every frame: sigma redraws every layer each time. */
const REDRAW = (ms: number) => `new Promise((done) => {
  const summary = ${SUMMARY}
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
    else done(summary(gaps))
  }
  requestAnimationFrame(tick)
})`

const frames = (f: Frames) =>
  `${f.frames} frames, mean ${f.meanMs.toFixed(1)} ms, p95 ${f.p95Ms.toFixed(1)} ms`

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
    const drag = (await page.evaluate(GESTURE('drag', 3000))) as Frames & {
      settleMs: number
    }
    const wheel = (await page.evaluate(GESTURE('wheel', 3000))) as Frames & {
      settleMs: number
    }
    const redraw = (await page.evaluate(REDRAW(3000))) as Frames
    console.log(
      `  ${nodes} nodes, ${report.graph.edges.length} edges, explore.html ${(html.length / 1e6).toFixed(1)} MB`,
    )
    console.log(
      `  load: ${loadMs.toFixed(0)} ms to the first frame; phases (ms) ${String(phases)}`,
    )
    console.log(
      `  drag (pan) 3 s: ${frames(drag)}; the view drawn ${drag.settleMs.toFixed(0)} ms after release`,
    )
    console.log(
      `  wheel (zoom) 3 s: ${frames(wheel)}; drawn ${wheel.settleMs.toFixed(0)} ms after the last turn`,
    )
    console.log(`  every frame redrawn by sigma, 3 s: ${frames(redraw)}`)
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--explorer-nodes='))
  await runExplorerBench(arg ? Number(arg.split('=')[1]) : 5000)
}
