/**
 * report.html laid out by a real browser at three window widths, and
 * report.pdf as printed: nothing wider than the page, identifiers whole, no
 * prose word broken across lines. Runs, skips or fails like the other browser
 * suite (support/browser.ts). FUNDTRACE_SCREENSHOT_DIR=dir keeps the
 * screenshots, one per report and width, for a person to look at.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeReportBundles } from '../src/report/bundles.js'
import type { Report } from '../src/report/types.js'
import { browserPlan } from './support/browser.js'
import { launchChromium } from './support/playwright.js'
import { sampleReport } from './support/sample-report.js'

// The page functions below run in the browser. tsconfig has no DOM lib, so
// they reach the few DOM globals they use through these module-local names.
// biome-ignore lint/suspicious/noExplicitAny: browser-side values, untyped here
type Dom = any
declare const document: Dom
declare const NodeFilter: Dom
declare const getComputedStyle: Dom

const plan = browserPlan()
const WIDTHS = [1024, 1440, 1920] as const

const demo = (): Report =>
  JSON.parse(
    readFileSync('fixtures/cases/demo-peel-chain/report.json', 'utf8'),
  ) as Report

/**
 * The hostile sample with third-party text at its worst: one unbroken
 * 160-character "word", a long sentence, and a long source URL.
 */
function longLabels(): Report {
  const report = sampleReport()
  const word = `Exchange${'X'.repeat(150)}Ltd`
  const sentence =
    'A very long operator name as some label lists write them, with its legal form, its trading names and its registered country'
  const source = `https://labels.example.org/${'very-long-path-segment/'.repeat(8)}export.csv`
  report.hits.forEach((h, i) => {
    h.entity = i === 0 ? word : sentence
    for (const l of h.labels) l.source = source
  })
  for (const n of report.graph.nodes)
    if (n.entity) n.entity = n.role === 'exchange' ? word : sentence
  return report
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((ok, fail) =>
    execFile(cmd, args, { timeout: 60_000, maxBuffer: 64 << 20 }, (err, out) =>
      err ? fail(err) : ok(out),
    ),
  )
}

/** What sticks out: elements past the viewport, tables past the body's box. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement
    const body = document.body.getBoundingClientRect()
    const pad = Number.parseFloat(getComputedStyle(document.body).paddingRight)
    const describe = (e: Dom) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className)}` : ''} right=${Math.round(e.getBoundingClientRect().right)}: ${(e.textContent ?? '').trim().slice(0, 60)}`
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      pastViewport: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
        .map(describe),
      pastBody: [...document.querySelectorAll('table, pre, dl, p')]
        .filter((e) => e.getBoundingClientRect().right > body.right - pad + 0.5)
        .map(describe),
      // An identifier must not spill out of its own table cell either.
      pastCell: [...document.querySelectorAll('td code')]
        .filter((c) => {
          const cell = c.closest('td')?.getBoundingClientRect()
          return cell && c.getBoundingClientRect().right > cell.right + 0.5
        })
        .map(describe),
    }
  })
}

/**
 * Words (runs of 4+ letters) that the browser split over two lines although
 * the text around them, up to the next spaces, fits one line of its box: a
 * mid-word break nothing forced. A run in text too long for any line (an
 * endless third-party name) may break; identifiers (code) are exempt.
 */
function brokenWords(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const lines = (node: Dom, from: number, to: number) => {
      const range = document.createRange()
      range.setStart(node, from)
      range.setEnd(node, to)
      const rects = [...range.getClientRects()] as Dom[]
      return {
        count: new Set(rects.map((r) => Math.round(r.top))).size,
        width: rects.reduce((w, r) => w + r.width, 0),
      }
    }
    const broken: string[] = []
    for (const el of document.querySelectorAll(selector)) {
      const box = el.closest('td, th, li, p, dd, pre') ?? el
      const style = getComputedStyle(box)
      const room =
        box.clientWidth -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight)
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('code')) continue
        for (const token of (n.textContent ?? '').matchAll(/\S+/g)) {
          const at = token.index
          const whole = lines(n, at, at + token[0].length)
          if (whole.count < 2 || whole.width > room) continue
          for (const m of token[0].matchAll(/[A-Za-z]{4,}/g))
            if (lines(n, at + m.index, at + m.index + m[0].length).count > 1)
              broken.push(m[0])
        }
      }
    }
    return broken
  }, selector)
}

type WordBox = { page: number; x: number; y: number; h: number; text: string }

/** pdftotext -bbox output as word boxes. */
function wordBoxes(xml: string): WordBox[] {
  return xml
    .split('<page ')
    .slice(1)
    .flatMap((page, i) =>
      [
        ...page.matchAll(
          /xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g,
        ),
      ].map((m) => ({
        page: i,
        x: Number(m[1]),
        y: Number(m[2]),
        h: Number(m[3]) - Number(m[2]),
        text: m[4] ?? '',
      })),
    )
}

/** Whether id is printed whole: a first piece, then each next piece right below it. */
function readsWhole(words: readonly WordBox[], id: string): boolean {
  return words.some((first) => {
    if (first.text.length < Math.min(8, id.length)) return false
    if (!id.startsWith(first.text)) return false
    let read = first.text
    let at = first
    while (read.length < id.length) {
      const next = words.find(
        (w) =>
          w.page === at.page &&
          Math.abs(w.x - at.x) < 1 &&
          w.y > at.y &&
          w.y - at.y < at.h * 1.8 &&
          id.startsWith(read + w.text),
      )
      if (!next) return false
      read += next.text
      at = next
    }
    return read === id
  })
}

/**
 * Words of text that are no word of the sources: the pieces of a word the
 * layout broke. A piece of a long identifier (hash, address, link) is fine.
 */
function pieces(text: string, sources: readonly string[]): string[] {
  const words = new Set(sources.flatMap((s) => s.split(/\s+/)))
  const long = [...words].filter((w) => w.length > 30)
  return text
    .split(/\s+/)
    .filter((t) => t && !words.has(t) && !long.some((w) => w.includes(t)))
    .filter((t) => !/^freeze-requests\/[a-z0-9-]+\.txt$/.test(t))
}

const describeBrowser = describe.skipIf(!plan.run && !plan.fail)

describeBrowser(
  'report layout at 1024, 1440 and 1920 px, and in the PDF',
  () => {
    let tmp = ''
    let browser: Browser | undefined
    let shots = ''
    const pages: Record<string, string> = {}

    beforeAll(async () => {
      if (!plan.run) throw new Error(plan.why)
      tmp = await mkdtemp(join(tmpdir(), 'fundtrace-layout-'))
      shots = process.env.FUNDTRACE_SCREENSHOT_DIR ?? join(tmp, 'shots')
      mkdirSync(shots, { recursive: true })
      browser = await launchChromium(plan.chromium)
      for (const [name, report] of [
        ['demo', demo()],
        ['long-labels', longLabels()],
      ] as const) {
        await writeReportBundles(report, { outDir: join(tmp, name) })
        pages[name] = join(tmp, name, 'report.html')
      }
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
      if (tmp) await rm(tmp, { recursive: true, force: true })
    })

    const cases = ['demo', 'long-labels'].flatMap((name) =>
      WIDTHS.map((width) => ({ name, width })),
    )

    test.each(cases)(
      '$name at $width px: nothing wider than the page; a screenshot',
      async ({ name, width }) => {
        const page = await browser!.newPage({
          viewport: { width, height: 900 },
        })
        try {
          await page.goto(pathToFileURL(pages[name]!).href)
          const o = await overflow(page)
          expect(o.pastViewport).toEqual([])
          expect(o.pastBody).toEqual([])
          expect(o.pastCell).toEqual([])
          expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth)
          // Prose, the glossary and the freeze drafts never split a word.
          expect(
            await brokenWords(
              page,
              'p, li, dd, pre.freeze, td .note, td .free',
            ),
          ).toEqual([])
          const png = join(shots, `${name}-${width}.png`)
          await page.screenshot({ path: png, fullPage: true })
          const bytes = readFileSync(png)
          expect(bytes.readUInt32BE(16)).toBe(width)
          expect(bytes.byteLength).toBeGreaterThan(50_000)
        } finally {
          await page.close()
        }
      },
      60_000,
    )

    test('the demo PDF: every page within its width, every hash and address whole', async () => {
      const report = demo()
      const dir = join(tmp, 'pdf')
      await writeReportBundles(report, {
        outDir: dir,
        pdf: true,
        chromium: plan.run ? plan.chromium : '',
      })
      const pdf = join(dir, 'report.pdf')
      const tools = dirname(plan.run ? plan.pdftoppm : '')
      // No word may run past its page's right edge (print would clip it).
      const boxes = await run(join(tools, 'pdftotext'), ['-bbox', pdf, '-'])
      const pageWidths = [...boxes.matchAll(/<page width="([\d.]+)"/g)].map(
        (m) => Number(m[1]),
      )
      expect(pageWidths.length).toBeGreaterThan(1)
      const clipped: string[] = []
      for (const [i, pageXml] of boxes.split('<page ').slice(1).entries()) {
        for (const m of pageXml.matchAll(/xMax="([\d.]+)"[^>]*>([^<]*)</g))
          if (Number(m[1]) > (pageWidths[i] ?? 0))
            clipped.push(`page ${i + 1}: ${m[2]}`)
      }
      expect(clipped).toEqual([])
      // Every hash and address reads back whole: its pieces stacked in one
      // cell, line under line, none cut off at a cell or page edge.
      const words = wordBoxes(boxes)
      const ids = new Set([
        ...report.graph.edges.map((e) => e.txHash),
        ...report.graph.nodes.flatMap((n) => (n.address ? [n.address] : [])),
        ...report.hits.flatMap((h) => h.evidence),
      ])
      expect(ids.size).toBeGreaterThan(10)
      expect([...ids].filter((id) => !readsWhole(words, id))).toEqual([])
      // The freeze drafts print whole words: every word of the PDF's freeze
      // pages is a word of a letter (or a piece of a long hash or link).
      const letterDir = join(dir, 'freeze-requests')
      const letters = readdirSync(letterDir).map((f) => [
        `${f}`,
        readFileSync(join(letterDir, f), 'utf8'),
      ])
      const text = await run(join(tools, 'pdftotext'), [pdf, '-'])
      const drafts = text.slice(
        text.indexOf('Subject:'),
        text.indexOf('Legal and safety notes'),
      )
      expect(drafts.length).toBeGreaterThan(1000)
      expect(
        pieces(drafts, [
          ...letters.flat(),
          ...report.hits.map((h) => h.entity),
        ]),
      ).toEqual([])
      // And the page images exist, for a person to look at.
      const images = join(tmp, 'pdf-pages')
      mkdirSync(images)
      await run(plan.run ? plan.pdftoppm : '', [
        '-png',
        '-r',
        '50',
        pdf,
        join(images, 'page'),
      ])
      expect(readdirSync(images).length).toBe(pageWidths.length)
    }, 90_000)
  },
)
