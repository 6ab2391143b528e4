/**
 * explore.html in a real browser: Debian's chromium through playwright-core,
 * opened from file://. Gated like report.browser.test.ts (support/browser.ts):
 * skipped with one line when chromium is missing, failed under
 * FUNDTRACE_REQUIRE_BROWSER=1.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeReportBundles } from '../src/report/bundles.js'
import { renderExplore } from '../src/report/explore/explore.js'
import type { Report } from '../src/report/types.js'
import { generatedReport } from './support/big-graph.js'
import { browserPlan } from './support/browser.js'
import { launchChromium } from './support/playwright.js'
import { runCli } from './support/run-cli.js'
import {
  ADDR,
  CROSS,
  crossChainSampleReport,
  EVM,
  evmSampleReport,
  NASTY,
  sampleReport,
  TX,
} from './support/sample-report.js'

const plan = browserPlan()
const describeBrowser = describe.skipIf(!plan.run && !plan.fail)

const DEMO = {
  binance: 'bc1qq4jn4fgkvzm6652snagnaupjzwfhtqascr9ep0',
  kraken: '3GmFFChPSQLU7xai2rkEcDzxipqqYmh7Mn',
  /** The tx that swept the Binance deposit: the attribution's evidence. */
  binanceSweep:
    'cb818b0e8f4f92aa3241e5c251d99521424b7afd86be96240eacc35757d42902',
  /** The first address of the peel chain. */
  hop1: 'bc1qzuru0d39urc6wd27466eyrqugp4dnj2jjkh40z',
  /** The tx paying Binance: hop 2 of the peel chain. */
  hop2: 'd15d031a1e22ce6cd5ba662266e372c9f998aa019ca83de7505f9e09f30c1ccf',
}

type Opened = {
  page: Page
  requests: string[]
  errors: string[]
  dialogs: string[]
}

/** Nodes a minimum-amount filter keeps, counted from report.json independently of the page. */
function nodesAbove(report: Report, minBase: bigint): number {
  const ids = new Set<string>()
  for (const e of report.graph.edges)
    if (BigInt(e.taintedBase) >= minBase) ids.add(e.source).add(e.target)
  return ids.size
}

describeBrowser(
  'explore.html in headless Chromium',
  { timeout: 60_000 },
  () => {
    let tmp = ''
    let browser: Browser | undefined
    let demo = ''

    beforeAll(async () => {
      if (!plan.run) throw new Error(plan.why)
      tmp = await mkdtemp(join(tmpdir(), 'fundtrace-explore-'))
      demo = join(tmp, 'demo')
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
          demo,
          '--no-progress',
        ],
        { fetch: () => Promise.reject(new Error('network used')) },
      )
      expect(stderr).toBe('')
      expect(code).toBe(0)
      browser = await launchChromium(plan.chromium)
    }, 120_000)
    afterAll(async () => {
      await browser?.close()
      if (tmp) await rm(tmp, { recursive: true, force: true })
    })

    async function open(file: string): Promise<Opened> {
      if (!browser) throw new Error('no browser')
      const page = await browser.newPage({
        viewport: { width: 1400, height: 850 },
      })
      const requests: string[] = []
      const errors: string[] = []
      const dialogs: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      await page.goto(pathToFileURL(file).href)
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 })
      return { page, requests, errors, dialogs }
    }

    async function clickNode(page: Page, id: string): Promise<void> {
      const at = await page.evaluate(
        (node) =>
          (
            window as unknown as {
              fundtraceExplorer: {
                nodeOnPage(id: string): { x: number; y: number } | null
              }
            }
          ).fundtraceExplorer.nodeOnPage(node),
        id,
      )
      if (!at) throw new Error(`node ${id} not drawn`)
      await page.mouse.click(at.x, at.y)
    }

    type At = { x: number; y: number }
    async function nodeAt(page: Page, id: string): Promise<At> {
      const at = await page.evaluate(
        (node) =>
          (
            window as unknown as {
              fundtraceExplorer: { nodeOnPage(id: string): At | null }
            }
          ).fundtraceExplorer.nodeOnPage(node),
        id,
      )
      if (!at) throw new Error(`node ${id} not drawn`)
      return at
    }

    /** The panel after a real click at a point of the page. */
    async function panelAfterClick(page: Page, at: At): Promise<string> {
      // Two clicks closer together than this are sigma's double click (zoom).
      await page.waitForTimeout(400)
      await page.mouse.click(at.x, at.y)
      return (await page.textContent('#panel')) ?? ''
    }

    const visibleNodes = async (page: Page) =>
      Number(await page.getAttribute('#status', 'data-visible-nodes'))

    test('demo bundle: opens from file:// and asks the network for nothing', async () => {
      const { page, requests, errors } = await open(join(demo, 'explore.html'))
      expect(errors).toEqual([])
      expect(requests.length).toBeGreaterThan(0)
      expect(requests.filter((u) => !/^(file|data):/.test(u))).toEqual([])
      const report = JSON.parse(
        readFileSync(join(demo, 'report.json'), 'utf8'),
      ) as Report
      expect(await visibleNodes(page)).toBe(report.graph.nodes.length)
      const legend = await page.textContent('#legend')
      expect(legend).toContain('Exchange deposit address')
      expect(legend).not.toContain('Trace start')
      await page.screenshot({ path: join(tmp, 'demo.png') })
      await page.close()
    })

    test('demo: clicking the Binance deposit shows the exchange, amount and sweep tx', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      await clickNode(page, DEMO.binance)
      const panel = (await page.textContent('#panel')) ?? ''
      expect(panel).toContain('Binance')
      expect(panel).toContain(DEMO.binance)
      expect(panel).toContain('0.1 BTC')
      expect(panel).toContain('Sweep tx')
      expect(panel).toContain(DEMO.binanceSweep)
      const sweep = page.locator(`#panel a:text-is("${DEMO.binanceSweep}")`)
      expect(await sweep.getAttribute('href')).toBe(
        `https://mempool.space/tx/${DEMO.binanceSweep}`,
      )
      // The evidence files behind the deposit are links into this bundle.
      const files = await page.$$eval('#panel ul.evidence a', (as) =>
        as.map((a) => a.getAttribute('href')),
      )
      expect(files.length).toBeGreaterThan(0)
      for (const f of files)
        expect(f).toMatch(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/)
      await page.screenshot({ path: join(tmp, 'demo-panel.png') })
      await page.close()
    })

    test('demo: a tx prefix search opens that transfer', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      await page.fill('#search', DEMO.hop2.slice(0, 10))
      expect(await page.textContent('#search-results')).toContain('tx')
      await page.press('#search', 'Enter')
      const panel = (await page.textContent('#panel')) ?? ''
      expect(panel).toContain('Transfer')
      expect(panel).toContain(DEMO.hop2)
      expect(panel).toContain('0.1 of 0.1 BTC (100%) under haircut')
      expect(panel).toContain('Block time2024-06-21T20:20:00.000Z')
      await page.close()
    })

    test('demo: clicking a transfer shows its tx, amount, fee and block time', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      const report = JSON.parse(
        readFileSync(join(demo, 'report.json'), 'utf8'),
      ) as Report
      const edge = report.graph.edges.find((e) => e.txHash === DEMO.hop2)
      if (!edge) throw new Error('hop 2 edge missing')
      const ends = await Promise.all(
        [edge.source, edge.target].map((id) =>
          page.evaluate(
            (node) =>
              (
                window as unknown as {
                  fundtraceExplorer: {
                    nodeOnPage(id: string): { x: number; y: number }
                  }
                }
              ).fundtraceExplorer.nodeOnPage(node),
            id,
          ),
        ),
      )
      const [a, b] = ends
      if (!a || !b) throw new Error('ends not drawn')
      await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2)
      const panel = (await page.textContent('#panel')) ?? ''
      expect(panel).toContain('Transfer')
      expect(panel).toContain(DEMO.hop2)
      expect(panel).toContain('Fee0.0001 BTC (traced 0.0001)')
      expect(panel).toContain('Block time2024-06-21T20:20:00.000Z')
      await page.close()
    })

    test('demo: a minimum amount hides the smaller transfers', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      const report = JSON.parse(
        readFileSync(join(demo, 'report.json'), 'utf8'),
      ) as Report
      const all = report.graph.nodes.length
      await page.fill('#min-amount', '0.15')
      const shown = await visibleNodes(page)
      expect(shown).toBe(nodesAbove(report, 15_000_000n))
      expect(shown).toBeLessThan(all)
      await page.fill('#min-amount', '')
      expect(await visibleNodes(page)).toBe(all)
      await page.close()
    })

    test('demo: the path from the theft to Kraken is highlighted', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      await page.selectOption('#path', DEMO.kraken)
      const status = (await page.textContent('#status')) ?? ''
      // victim → hop 1 → hop 2 → hop 3 → Kraken
      expect(status).toContain('highlighted (5 addresses)')
      await page.screenshot({ path: join(tmp, 'demo-path.png') })
      await page.close()
    })

    test('demo: the view exports as SVG and PNG', async () => {
      const { page, requests } = await open(join(demo, 'explore.html'))
      await page.selectOption('#path', DEMO.kraken)
      const save = async (button: string) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click(button),
        ])
        const path = await download.path()
        return { name: download.suggestedFilename(), bytes: readFileSync(path) }
      }
      const svg = await save('#export-svg')
      expect(svg.name).toBe('fundtrace-graph.svg')
      const text = svg.bytes.toString('utf8')
      expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
      expect(text.match(/<circle/g)).toHaveLength(10)
      // The highlighted path (4 transfers) is drawn in its highlight colour.
      expect(text.match(/stroke="#b91c1c"/g)).toHaveLength(4)
      expect(text).toContain('Kraken')
      const png = await save('#export-png')
      expect(png.name).toBe('fundtrace-graph.png')
      expect(png.bytes.subarray(1, 4).toString()).toBe('PNG')
      expect(png.bytes.length).toBeGreaterThan(10_000)
      expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([])
      await page.close()
    })

    test('demo: the peel chain folds into one node and unfolds again', async () => {
      const { page } = await open(join(demo, 'explore.html'))
      await page.click('#collapse')
      // victim, the folded chain of 4, Binance, Kraken and 3 ends at rest
      expect(await visibleNodes(page)).toBe(7)
      await page.waitForTimeout(400)
      await clickNode(page, `peel-chain:${DEMO.hop1}`)
      expect(await page.textContent('#panel')).toContain(
        'peel chain of 4 addresses',
      )
      await page.click('#panel button:text("Expand this chain")')
      expect(await visibleNodes(page)).toBe(10)
      await page.close()
    })

    test('demo: a drag and a wheel turn move the view; the settled view is drawn and nothing is selected', async () => {
      const { page, errors } = await open(join(demo, 'explore.html'))
      const picture = () =>
        page.$eval(
          '#graph canvas.picture',
          (c) => !(c as HTMLCanvasElement).hidden,
        )
      const settled = () =>
        page.waitForFunction(() => {
          const c = document.querySelector('#graph canvas.picture')
          return c instanceof HTMLCanvasElement && c.hidden
        })
      const ratio = () =>
        page.evaluate(
          () =>
            (
              window as unknown as {
                fundtraceExplorer: { camera(): { ratio: number } }
              }
            ).fundtraceExplorer.camera().ratio,
        )
      const before = await nodeAt(page, DEMO.binance)
      await page.mouse.move(before.x + 30, before.y + 30)
      await page.mouse.down()
      await page.mouse.move(before.x - 70, before.y - 20, { steps: 5 })
      // While the hand moves, a picture of the graph moves, not sigma's layers.
      expect(await picture()).toBe(true)
      await page.mouse.up()
      await settled()
      const after = await nodeAt(page, DEMO.binance)
      // Moved with the hand, to the pixel (mouse positions are whole pixels).
      expect(Math.abs(after.x - before.x + 100)).toBeLessThan(1.5)
      expect(Math.abs(after.y - before.y + 50)).toBeLessThan(1.5)
      expect(await page.textContent('#panel')).toContain('Click an address')
      // The wheel zooms about the pointer: the node under it stays put.
      const zoomedFrom = await ratio()
      await page.mouse.move(after.x, after.y)
      await page.mouse.wheel(0, -100)
      expect(await picture()).toBe(true)
      await settled()
      expect(await ratio()).toBeLessThan(zoomedFrom)
      const still = await nodeAt(page, DEMO.binance)
      expect(Math.abs(still.x - after.x)).toBeLessThan(1.5)
      expect(Math.abs(still.y - after.y)).toBeLessThan(1.5)
      expect(errors).toEqual([])
      await page.screenshot({ path: join(tmp, 'demo-moved.png') })
      await page.close()
    })

    test('hostile names are shown as text and run nothing', async () => {
      const dir = join(tmp, 'hostile')
      await writeReportBundles(sampleReport(), { outDir: dir })
      const { page, errors, dialogs } = await open(join(dir, 'explore.html'))
      await page.fill('#search', ADDR.labelled.slice(0, 12))
      await page.press('#search', 'Enter')
      expect(await page.textContent('#panel')).toContain(NASTY.script)
      expect(await page.$$('#panel script, #panel img')).toEqual([])
      expect(dialogs).toEqual([])
      expect(errors).toEqual([])
      await page.close()
    })

    test('across chains: a band per chain, the swap drawn apart, its panel with both hashes and the memo as text', async () => {
      const dir = join(tmp, 'cross')
      await writeReportBundles(crossChainSampleReport(), { outDir: dir })
      const { page, errors, dialogs, requests } = await open(
        join(dir, 'explore.html'),
      )
      expect(errors).toEqual([])
      const legend = (await page.textContent('#legend')) ?? ''
      expect(legend).toContain('Swap: one asset in, another out')
      expect(legend).toContain('Shaded bands: one per chain')
      // Bitcoin's band is above Ethereum's: every Bitcoin node is drawn higher.
      const victim = await nodeAt(page, `addr:${ADDR.victim}`)
      const mixer = await nodeAt(page, `addr:${ADDR.mixer}`)
      const thief = await nodeAt(page, CROSS.thief)
      const kraken = await nodeAt(page, CROSS.kraken)
      expect(Math.max(victim.y, mixer.y)).toBeLessThan(
        Math.min(thief.y, kraken.y),
      )
      await page.screenshot({ path: join(tmp, 'cross.png') })
      // After a drag the bands are redrawn where the camera now is: each
      // still holds its chain's nodes.
      await page.mouse.move(victim.x + 30, victim.y + 30)
      await page.mouse.down()
      await page.mouse.move(victim.x - 70, victim.y - 10, { steps: 5 })
      await page.mouse.up()
      await page.waitForFunction(() => {
        const c = document.querySelector('#graph canvas.picture')
        return c instanceof HTMLCanvasElement && c.hidden
      })
      const drawn = await page.evaluate(() =>
        (
          window as unknown as {
            fundtraceExplorer: {
              bandsDrawn(): { chain: string; top: number; height: number }[]
            }
          }
        ).fundtraceExplorer.bandsDrawn(),
      )
      expect(drawn.map((b) => b.chain)).toEqual(['bitcoin', 'ethereum'])
      const inside = async (id: string, chain: string) => {
        const at = await nodeAt(page, id)
        const band = drawn.find((b) => b.chain === chain)
        const box = await page.$eval(
          '#graph',
          (g) => g.getBoundingClientRect().top,
        )
        const y = at.y - box
        return !!band && y > band.top && y < band.top + band.height
      }
      expect(await inside(`addr:${ADDR.victim}`, 'bitcoin')).toBe(true)
      expect(await inside(CROSS.kraken, 'ethereum')).toBe(true)
      expect(await inside(CROSS.kraken, 'bitcoin')).toBe(false)
      // Back where it was, for the clicks below, once the camera has arrived.
      await page.click('#fit')
      await page.waitForFunction(() => {
        const { x, y, ratio } = (
          window as unknown as {
            fundtraceExplorer: {
              camera(): { getState(): { x: number; y: number; ratio: number } }
            }
          }
        ).fundtraceExplorer
          .camera()
          .getState()
        return x === 0.5 && y === 0.5 && ratio === 1
      })
      // and sigma has drawn it: picking reads the matrix of the last frame.
      await page.evaluate(
        () =>
          new Promise((done) =>
            requestAnimationFrame(() => requestAnimationFrame(done)),
          ),
      )
      // A real click halfway along the swap opens the swap's panel.
      const [from, to] = [
        await nodeAt(page, `addr:${ADDR.mixer}`),
        await nodeAt(page, CROSS.thief),
      ]
      const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }
      // Hovering it shows what it swapped, how it was matched and the memo, as text.
      await page.mouse.move(middle.x, middle.y + 3)
      await page.mouse.move(middle.x, middle.y, { steps: 2 })
      const tip = (await page.textContent('#tooltip')) ?? ''
      expect(tip).toContain('Swap: 0.0498 BTC on bitcoin → 1.5 ETH on ethereum')
      expect(tip).toContain(
        'THORChain; the outbound memo (OUT:) names the inbound tx hash, high confidence',
      )
      expect(tip).toContain(`memo ${CROSS.memo}`)
      expect(await page.$$('#tooltip script')).toEqual([])
      const panel = await panelAfterClick(page, middle)
      expect(panel).toContain('Swap (THORChain)')
      expect(panel).toContain('0.0498 BTC on bitcoin → 1.5 ETH on ethereum')
      expect(panel).toContain(
        'Matchedthe outbound memo (OUT:) names the inbound tx hash',
      )
      expect(panel).toContain('Confidencehigh')
      expect(panel).toContain(`Outbound memoOUT:${TX.t5.toUpperCase()}`)
      const links = await page.$$eval('#panel a', (as) =>
        as.map((a) => [a.textContent, a.getAttribute('href')]),
      )
      expect(links).toEqual(
        expect.arrayContaining([
          [TX.t5, `https://mempool.space/tx/${TX.t5}`],
          [CROSS.payout, `https://etherscan.io/tx/${CROSS.payout}`],
        ]),
      )
      // The memo is the thief's text: shown as written, run as nothing.
      expect(await page.textContent('#panel .memo')).toBe(CROSS.memo)
      expect(await page.$$('#panel script, #panel img')).toEqual([])
      await page.screenshot({ path: join(tmp, 'cross-swap.png') })
      // The path from the theft to Kraken on Ethereum crosses the swap:
      // Kraken, the thief, the router that paid it, the vault, a4, a2, a1, the victim.
      await page.selectOption('#path', CROSS.kraken)
      expect(await page.textContent('#status')).toContain(
        'highlighted (8 addresses)',
      )
      // The export carries the bands, named, and the swap dashed.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#export-svg'),
      ])
      const svg = readFileSync(await download.path(), 'utf8')
      const names = [
        ...svg.matchAll(/<text[^>]*class="chain-band"[^>]*>([^<]*)</g),
      ]
      expect(names.map((m) => m[1])).toEqual(['bitcoin', 'ethereum'])
      expect(svg.match(/<rect[^>]*fill="#f3f5fa"/g)).toHaveLength(2)
      expect(svg).toMatch(/<line[^>]*stroke-dasharray="6 4"/)
      expect(svg).not.toContain('<script')
      // Filtered to Ethereum: its transfers and the swap that paid into it, with the vault.
      await page.selectOption('#path', '')
      await page.selectOption('#chain', 'ethereum')
      expect(await visibleNodes(page)).toBe(4)
      expect(dialogs).toEqual([])
      expect(errors).toEqual([])
      expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([])
      await page.close()
    })

    test('two transfers between the same addresses are drawn apart and each is clickable', async () => {
      // The EVM sample pays a1 twice from the victim: ETH and USDT.
      const report = evmSampleReport()
      const pair = report.graph.edges.filter(
        (e) =>
          e.source === report.graph.edges[0]?.source &&
          e.target === report.graph.edges[0]?.target,
      )
      expect(pair).toHaveLength(2)
      const file = join(tmp, 'parallel.html')
      await writeFile(
        file,
        await renderExplore('parallel', [
          {
            report,
            caseId: '',
            reportHref: 'report.html',
            evidence: new Map(),
          },
        ]),
      )
      const { page, errors } = await open(file)
      expect(errors).toEqual([])
      const source = report.graph.nodes.find((n) => n.address === EVM.victim)
      const target = report.graph.nodes.find((n) => n.address === EVM.a1)
      if (!source || !target) throw new Error('pair missing')
      // Both sides of the straight line, a tenth of its length out: where the
      // two bent lines run. Taken afresh before each click: the panel's
      // content can change the graph's height, and so where it is drawn.
      const side = async (k: number) => {
        const a = await nodeAt(page, source.id)
        const b = await nodeAt(page, target.id)
        return {
          x: (a.x + b.x) / 2 - (b.y - a.y) * k,
          y: (a.y + b.y) / 2 + (b.x - a.x) * k,
        }
      }
      const panels = [
        await panelAfterClick(page, await side(0.1)),
        await panelAfterClick(page, await side(-0.1)),
      ]
      const picked = panels.map(
        (text) => pair.find((e) => text.includes(e.txHash))?.txHash,
      )
      expect(new Set(picked)).toEqual(new Set(pair.map((e) => e.txHash)))
      for (const text of panels) expect(text).toContain('Transfer')
      await page.screenshot({ path: join(tmp, 'parallel.png') })
      await page.close()
    })

    test('5,000 generated nodes: loads, clicks, searches and filters', {
      timeout: 120_000,
    }, async () => {
      const report = generatedReport(5000)
      const file = join(tmp, 'big.html')
      await writeFile(
        file,
        await renderExplore('generated', [
          {
            report,
            caseId: '',
            reportHref: 'report.html',
            evidence: new Map(),
          },
        ]),
      )
      const { page, requests, errors } = await open(file)
      expect(errors).toEqual([])
      expect(requests.filter((u) => !/^(file|data):/.test(u))).toEqual([])
      // A graph this big opens with its peel chains folded; unfold them all.
      expect(await page.textContent('#collapse')).toBe('Expand peel chains')
      await page.click('#collapse')
      expect(await visibleNodes(page)).toBe(5000)
      const deposit = report.graph.nodes.filter(
        (n) => n.role === 'exchange',
      )[20]
      if (!deposit?.address) throw new Error('no deposit generated')
      // Search zooms in on it; then a real click on the drawn node selects it.
      await page.fill('#search', deposit.address)
      await page.press('#search', 'Enter')
      await page.click('#clear')
      expect(await page.textContent('#panel')).not.toContain(deposit.address)
      await page.waitForTimeout(400)
      await clickNode(page, deposit.id)
      expect(await page.textContent('#panel')).toContain(deposit.address)
      const edge = report.graph.edges[4000]
      if (!edge) throw new Error('no edge')
      await page.fill('#search', edge.txHash)
      await page.press('#search', 'Enter')
      expect(await page.textContent('#panel')).toContain(edge.txHash)
      // A real click on the drawn line, halfway between its two addresses,
      // picks the transfer: edges are clickable at this size too.
      await page.click('#clear')
      expect(await page.textContent('#panel')).not.toContain(edge.txHash)
      await page.waitForTimeout(400)
      const [from, to] = await Promise.all(
        [edge.source, edge.target].map((id) => nodeAt(page, id)),
      )
      if (!from || !to) throw new Error('ends not drawn')
      const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }
      const clicked = await panelAfterClick(page, middle)
      expect(clicked).toContain('Transfer')
      expect(clicked).toContain(edge.txHash)
      // Beside the line, away from every other, nothing is picked.
      const off = await panelAfterClick(page, {
        x: middle.x,
        y: middle.y + 40,
      })
      expect(off).not.toContain(edge.txHash)
      await page.fill('#min-amount', '0.009')
      expect(await visibleNodes(page)).toBe(nodesAbove(report, 900_000n))
      await page.click('#fit')
      await page.waitForTimeout(400)
      await page.screenshot({ path: join(tmp, 'big.png') })
      await page.close()
    })
  },
)
