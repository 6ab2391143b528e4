/**
 * report.html in a real browser (Debian's chromium, headless) and report.pdf
 * through pdftoppm. When either tool is missing the suite skips (one line at
 * start-up says how to install them), or FAILS under
 * FUNDTRACE_REQUIRE_BROWSER=1, as in CI; FUNDTRACE_SKIP_BROWSER=1 skips it on
 * purpose. See support/browser.ts.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeReportBundles } from '../src/report/bundles.js'
import { verifySums } from '../src/report/sums.js'
import type { Report } from '../src/report/types.js'
import { browserPlan } from './support/browser.js'
import { runCli } from './support/run-cli.js'
import {
  EVM,
  evmSampleReport,
  HOSTILE,
  sampleReport,
} from './support/sample-report.js'

const plan = browserPlan()

function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((ok, fail) =>
    execFile(
      cmd,
      args,
      { timeout: 30_000, maxBuffer: 64 << 20, cwd },
      (err, stdout, stderr) =>
        err
          ? fail(new Error(`${cmd} failed: ${stderr}`, { cause: err }))
          : ok(stdout),
    ),
  )
}

// Scripts that would run if any hostile string became markup: each marks <body>.
const CANARY = {
  entity: '<script>document.body.setAttribute("data-pwned","script")</script>',
  token: `<img src=x onerror="document.body.setAttribute('data-pwned','img')">`,
}

// Skipped only when the plan says so; a required but missing browser runs the
// suite so that its beforeAll fails every test with the reason.
const describeBrowser = describe.skipIf(!plan.run && !plan.fail)

describeBrowser('report.html in headless Chromium', () => {
  let tmp = ''
  let chromium = ''
  let pdftoppm = ''
  const browser = (args: string[]) =>
    run(chromium, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(tmp, 'profile')}`,
      ...args,
    ])
  const dumpDom = (htmlFile: string) =>
    browser(['--dump-dom', pathToFileURL(htmlFile).href])

  beforeAll(async () => {
    if (!plan.run) throw new Error(plan.why)
    chromium = plan.chromium
    pdftoppm = plan.pdftoppm
    tmp = await mkdtemp(join(tmpdir(), 'fundtrace-browser-'))
  })
  afterAll(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined))

  /** Rows of the action-summary table, nodes of the flow graph, as the browser built them. */
  function parts(dom: string) {
    const start = dom.indexOf('<table class="small hits">')
    const table =
      start < 0 ? '' : dom.slice(start, dom.indexOf('</table>', start))
    return {
      hitRows: table.split('<tr class="hit">').slice(1),
      svgNodes: (dom.match(/<g id="node\d+" class="node">/g) ?? []).length,
      scripts: (dom.match(/<script[\s>]/gi) ?? []).length,
      imgs: (dom.match(/<img[\s>]/gi) ?? []).length,
      pwned: /<body[^>]*\sdata-pwned=/.test(dom),
    }
  }

  test('control: a script in a page does change the dumped DOM', async () => {
    const file = join(tmp, 'control.html')
    await writeFile(
      file,
      '<!DOCTYPE html><html><body><p>x</p><script>document.body.setAttribute("data-pwned","control")</script></body></html>',
    )
    expect(parts(await dumpDom(file)).pwned).toBe(true)
  })

  test('sample report: action summary rows, graph nodes, no script', async () => {
    const dir = join(tmp, 'sample')
    const report = sampleReport()
    await writeReportBundles(report, { outDir: dir })
    const dom = parts(await dumpDom(join(dir, 'report.html')))
    expect(dom.hitRows).toHaveLength(2)
    expect(dom.hitRows[0]).toContain('Binance')
    expect(dom.hitRows[1]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(dom.svgNodes).toBe(report.graph.nodes.length)
    expect(dom.scripts).toBe(0)
    expect(dom.imgs).toBe(0)
    expect(dom.pwned).toBe(false)
  })

  test('EVM report with script-bearing names: nothing runs, token rows are right', async () => {
    const dir = join(tmp, 'evm')
    const report = evmSampleReport()
    const [binance] = report.hits
    const binanceNode = report.graph.nodes.find(
      (n) => n.address === EVM.binance,
    )
    const tokenEdges = report.graph.edges.filter(
      (e) => e.asset === HOSTILE.token,
    )
    // Every canary must land in the report, or "nothing runs" holds vacuously.
    expect(binance?.address).toBe(EVM.binance)
    expect(binanceNode).toBeDefined()
    expect(tokenEdges.length).toBeGreaterThan(0)
    expect(report.atRest.length).toBeGreaterThan(0)
    binance!.entity = CANARY.entity
    binanceNode!.entity = CANARY.entity
    for (const e of tokenEdges) e.asset = CANARY.token
    for (const r of report.atRest) r.asset = CANARY.token
    await writeReportBundles(report, { outDir: dir })
    const dom = parts(await dumpDom(join(dir, 'report.html')))
    expect(dom.scripts).toBe(0)
    expect(dom.imgs).toBe(0)
    expect(dom.pwned).toBe(false)
    expect(dom.hitRows).toHaveLength(2)
    expect(dom.hitRows[0]).toContain(EVM.usdt)
    expect(dom.hitRows[0]).toContain('5000 USDT')
    expect(dom.svgNodes).toBe(report.graph.nodes.length)
  })

  test('a real trace (replayed offline) renders its hits and graph', async () => {
    const out = join(tmp, 'trace')
    const { code, stderr } = await runCli(
      [
        'trace',
        '--replay',
        'fixtures/cases/demo-peel-chain',
        '--tx',
        '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210',
        '--victim',
        'bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u',
        '--labels',
        'fixtures/cases/demo-peel-chain.labels.csv',
        '--no-bundled-labels',
        '--out',
        out,
        '--no-progress',
      ],
      { fetch: () => Promise.reject(new Error('network used')) },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(
      readFileSync(join(out, 'report.json'), 'utf8'),
    ) as Report
    expect(report.hits.length).toBeGreaterThan(0)
    const dom = parts(await dumpDom(join(out, 'report.html')))
    expect(dom.hitRows).toHaveLength(report.hits.length)
    expect(dom.svgNodes).toBe(report.graph.nodes.length)
    expect(dom.scripts).toBe(0)
  })

  test('screenshot: a non-trivial 1280x2000 PNG', async () => {
    const dir = join(tmp, 'shot')
    await writeReportBundles(evmSampleReport(), { outDir: dir })
    const png = join(tmp, 'report.png')
    await browser([
      `--screenshot=${png}`,
      '--window-size=1280,2000',
      pathToFileURL(join(dir, 'report.html')).href,
    ])
    const bytes = readFileSync(png)
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(bytes.readUInt32BE(16)).toBe(1280)
    expect(bytes.readUInt32BE(20)).toBe(2000)
    expect(bytes.byteLength).toBeGreaterThan(50_000)
  })

  test('--pdf: report.pdf has pages (pdftoppm) and is in the manifest', async () => {
    const dir = join(tmp, 'pdf')
    await writeReportBundles(sampleReport(), {
      outDir: dir,
      pdf: true,
      chromium,
    })
    const pages = join(tmp, 'pages')
    await run('mkdir', ['-p', pages])
    await run(pdftoppm, [
      '-png',
      '-r',
      '40',
      join(dir, 'report.pdf'),
      join(pages, 'page'),
    ])
    const pngs = readdirSync(pages).filter((f) => f.endsWith('.png'))
    expect(pngs.length).toBeGreaterThanOrEqual(1)
    expect(readFileSync(join(dir, 'MANIFEST.sha256'), 'utf8')).toMatch(
      / {2}report\.pdf\n/,
    )
    expect((await verifySums(dir)).ok).toBe(true)
  })
})
