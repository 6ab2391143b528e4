/**
 * What a reader sees, checked on the HTML text: only glyphs the page's fonts
 * have, no mid-word breaking rule, page 1's glossary, and the cover's word on
 * synthetic or replayed data. The browser test (test/report.layout.browser.test.ts)
 * measures the same pages at three widths.
 */
import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import {
  evmSampleReport,
  sampleReport,
} from '../../../test/support/sample-report.js'
import type { Report } from '../types.js'
import { renderHtml } from './html.js'
import { STYLES } from './styles.js'

const demo = JSON.parse(
  readFileSync(
    new URL(
      '../../../fixtures/cases/demo-peel-chain/report.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as Report

const render = (report: Report, audience: 'police' | 'victim' = 'police') =>
  renderHtml(report, { audience, bundleSha256: 'f'.repeat(64) })

/**
 * Characters every font the page names (Helvetica/Arial/Liberation/DejaVu,
 * and their monospace kin) draws: ASCII, Latin-1, and the few WGL4
 * punctuation marks the report uses. A symbol outside it (U+2420 SYMBOL FOR
 * SPACE, box drawing, emoji) prints as an empty box.
 */
const FONT_SAFE =
  /^[\t\n\r\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2039\u203a\u2190-\u2193\u2264\u2265]$/u

function unsafeGlyphs(html: string): string[] {
  const bad = [...html].filter((c) => !FONT_SAFE.test(c))
  return [...new Set(bad)].map(
    (c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`,
  )
}

const PAGES = [
  ['sample (Bitcoin, hostile labels)', sampleReport()],
  ['EVM sample', evmSampleReport()],
  ['demo-peel-chain', demo],
] as const

describe('only glyphs the fonts have', () => {
  test.each(PAGES)('%s: every character is in the safe set', async (_n, r) => {
    for (const audience of ['police', 'victim'] as const)
      expect(unsafeGlyphs(await render(r, audience))).toEqual([])
  })
  test('the control pictures block (U+2400-U+243F) is caught', () => {
    expect(unsafeGlyphs('sha256\u2420\u2420path')).toEqual(['U+2420'])
  })
  test('the Integrity paragraph says "two spaces" in words', async () => {
    const html = await render(sampleReport())
    const integrity = html.slice(html.indexOf('<h3>Integrity</h3>'))
    expect(integrity).toContain(
      "each the file's SHA-256, two spaces and its path",
    )
  })
})

describe('words never break mid-word', () => {
  test('no rule breaks at any letter; identifiers and freeze text wrap only when they must', () => {
    expect(STYLES).not.toMatch(/word-break\s*:\s*break-all/)
    expect(STYLES).not.toMatch(/hyphens\s*:\s*auto/)
    expect(STYLES).toMatch(/pre\.freeze \{[^}]*overflow-wrap: anywhere/)
    expect(STYLES).toMatch(/code, \.free \{ overflow-wrap: anywhere; \}/)
  })
  test('a deposit-sweep label names its sweep tx as an identifier, not inside prose', async () => {
    const html = await render(demo)
    const hops = html.slice(
      html.indexOf('id="hops"'),
      html.indexOf('id="reconciliation"'),
    )
    const sweep = demo.hits.find((h) => h.attribution === 'deposit-sweep')
    expect(sweep?.evidence[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(hops).toContain(
      `deposit-sweep (sweep tx <code>${sweep?.evidence[0]}</code>`,
    )
  })
})

/** Page 1's glossary as "term: meaning" lines. */
async function glossary(report: Report): Promise<string> {
  const html = await render(report)
  const start = html.indexOf('<section id="terms"')
  if (start < 0) return ''
  const block = html.slice(start, html.indexOf('</section>', start))
  return [...block.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)]
    .map((m) => `\n${m[1]}: ${m[2]}`)
    .join('')
}

describe('page 1 explains its terms', () => {
  test('before the case section, right after the action summary', async () => {
    const html = await render(sampleReport())
    const terms = html.indexOf('id="terms"')
    expect(terms).toBeGreaterThan(html.indexOf('id="summary"'))
    expect(terms).toBeLessThan(html.indexOf('id="hops"'))
  })
  test('the demo: deposit-sweep, its confidence, haircut and at rest; nothing it does not show', async () => {
    const text = await glossary(demo)
    for (const term of ['deposit-sweep', 'confidence', 'haircut', 'at rest'])
      expect(text).toContain(`\n${term}: `)
    expect(text).toContain(
      'swept its coins into wallets labelled as that exchange',
    )
    expect(text).toContain('stolen share')
    for (const absent of ['poison', 'fifo', 'unexplored', 'label'])
      expect(text).not.toContain(`\n${absent}: `)
  })
  test('an incomplete trace explains unexplored; a FIFO trace explains fifo, not haircut', async () => {
    const sample = await glossary(sampleReport())
    expect(sample).toContain('\nunexplored: ')
    expect(sample).toContain('\nlabel: ')
    const evm = await glossary(evmSampleReport())
    expect(evm).toContain('\nfifo: ')
    expect(evm).not.toContain('\nhaircut: ')
  })
  test('the poison policy is explained as an upper bound', async () => {
    const report = {
      ...demo,
      policy: { ...demo.policy, name: 'poison' as const },
    }
    expect(await glossary(report)).toContain('an upper bound')
  })
})

describe('synthetic and replayed data are marked on the cover', () => {
  const cover = (html: string) => html.slice(0, html.indexOf('</header>'))
  test('synthetic: a banner, and no link to any explorer', async () => {
    const html = await render({
      ...sampleReport(),
      provenance: { synthetic: true },
    })
    expect(cover(html)).toContain(
      'Synthetic demonstration case — these transactions do not exist on the real chain.',
    )
    expect(html).not.toMatch(/href=/)
  })
  test('replayed: when the evidence was recorded', async () => {
    const html = await render({
      ...sampleReport(),
      provenance: { replay: { recordedAt: '2026-03-04T05:06:07.000Z' } },
    })
    expect(cover(html)).toContain(
      'Replayed offline from evidence recorded 2026-03-04 05:06:07 UTC',
    )
    expect(html).not.toContain('Synthetic demonstration case')
    expect(html).toMatch(/href="https:\/\/mempool\.space\/tx\//)
  })
  test('a live trace says neither', async () => {
    const html = await render(sampleReport())
    expect(html).not.toContain('Replayed offline')
    expect(html).not.toContain('Synthetic demonstration')
  })
  test('report.json with provenance validates against the schema', () => {
    const schema = JSON.parse(
      readFileSync(
        new URL('../../../schema/report.schema.json', import.meta.url),
        'utf8',
      ),
    )
    const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
    const validate = new Ajv2020({
      strict: true,
      allErrors: true,
      validateFormats: false,
    }).compile(schema)
    const ok = {
      ...demo,
      provenance: {
        synthetic: true,
        replay: { recordedAt: '2026-03-04T05:06:07.000Z' },
      },
    }
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...demo, provenance: { synthetic: false } })).toBe(false)
    expect(validate({ ...demo, provenance: { replayed: true } })).toBe(false)
  })
})
