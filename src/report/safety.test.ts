/**
 * Hostile text: a token named `<img src=x onerror=alert(1)>`, a label
 * `=HYPERLINK("http://x","y")` and a `<script>` entity, through every output
 * of the bundle. Each format is checked the way its reader would see it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MultiDirectedGraph } from 'graphology'
import gexf from 'graphology-gexf'
import { afterAll, describe, expect, test } from 'vitest'
import {
  evmSampleReport,
  HOSTILE,
  NASTY,
} from '../../test/support/sample-report.js'
import { writeReportBundles } from './bundles.js'

const dir = await mkdtemp(join(tmpdir(), 'fundtrace-safety-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
// The EVM sample carries HOSTILE.*; NASTY.script is added as a venue name.
const report = evmSampleReport()
report.hits.push({
  ...structuredClone(report.hits[0] as (typeof report.hits)[number]),
  entity: NASTY.script,
  address: '0x6666666666666666666666666666666666666666',
})
report.graph.nodes.push({
  id: 'addr:0x6666666666666666666666666666666666666666',
  kind: 'address',
  address: '0x6666666666666666666666666666666666666666',
  hop: 2,
  role: 'exchange',
  entity: NASTY.script,
  category: 'exchange',
})
await writeReportBundles(report, { outDir: dir, redactVictim: true })
const read = (path: string) => readFile(join(dir, path), 'utf8')

const tagsOf = (markup: string) =>
  [...markup.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((m) => m[1]?.toLowerCase())

/** A minimal RFC 4180 reader, as a spreadsheet would split the cells. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  return rows
}

describe('HTML and inline SVG', async () => {
  const html = await read('report.html')
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6)
  test.each([
    ['html', html],
    ['svg', svg],
  ])('%s: only known, inert elements', (_name, markup) => {
    const tags = new Set(tagsOf(markup))
    for (const bad of ['script', 'img', 'iframe', 'object', 'embed'])
      expect(tags.has(bad)).toBe(false)
    const attrs = (markup.match(/<[^>]*>/g) ?? []).join('\n')
    expect(attrs).not.toMatch(/\son[a-z]+\s*=/i)
  })
  test('the hostile token name is shown as text in the tables and the graph', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
  test('the formula label is text (quotes escaped)', () => {
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)')
    expect(html).not.toMatch(/href="http:\/\/x/)
  })
})

describe('CSV', () => {
  test.each([
    'hits.csv',
    'hops.csv',
    'at-rest.csv',
    'unexplored.csv',
    'endpoints.csv',
  ])('%s: no cell starts a formula; hostile text survives', async (file) => {
    const rows = parseCsv(await read(file))
    expect(rows.length).toBeGreaterThan(0)
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })
  test.each(['hits.csv', 'endpoints.csv'])(
    '%s: the formula label is kept, neutralised with a leading quote',
    async (file) => {
      const cells = parseCsv(await read(file)).flat()
      expect(cells).toContain(`'${HOSTILE.label}`)
      expect(cells).not.toContain(HOSTILE.label)
    },
  )
  test.each(['hops.csv', 'at-rest.csv', 'endpoints.csv'])(
    '%s: the hostile token name is kept verbatim as data',
    async (file) => {
      expect(parseCsv(await read(file)).flat()).toContain(HOSTILE.token)
    },
  )
})

describe('graph exports', () => {
  test('GraphML: only GraphML elements; hostile text round-trips as data', async () => {
    const xml = await read('graph.graphml')
    expect(new Set(tagsOf(xml))).toEqual(
      new Set(['graphml', 'key', 'graph', 'node', 'data', 'edge']),
    )
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(xml).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)')
  })
  test('GEXF: parses back to the same hostile strings', async () => {
    const xml = await read('graph.gexf')
    expect(xml).not.toMatch(/<img|<script/i)
    const graph = gexf.parse(MultiDirectedGraph, xml)
    const assets = graph.mapEdges((_e, a) => a.asset)
    expect(assets).toContain(HOSTILE.token)
    const entities = graph.mapNodes((_n, a) => a.entity)
    expect(entities).toContain(HOSTILE.label)
    expect(entities).toContain(NASTY.script)
    expect(graph.order).toBe(report.graph.nodes.length)
    expect(graph.size).toBe(report.graph.edges.length)
  })
  test('DOT: every hostile string is inside a quoted, escaped string', async () => {
    const dot = await read('graph.dot')
    // Outside quoted strings only identifiers, numbers and punctuation remain.
    const bare = dot.replace(/"(?:[^"\\]|\\.)*"/g, '""')
    expect(bare.replaceAll('->', '')).not.toMatch(/[<>()]/)
    expect(bare).not.toContain('HYPERLINK')
    expect(dot).toContain('=HYPERLINK(\\"http://x\\",\\"y\\")')
  })
})

describe('freeze requests', () => {
  test('plain text: no markup characters, hostile names made inert', async () => {
    for (const file of [
      'freeze-requests/binance.txt',
      'freeze-requests/hyperlink-http-x-y.txt',
      'freeze-requests/script-alert-1-script.txt',
    ]) {
      const text = await read(file)
      expect(text).not.toMatch(/[<>]/)
      expect(text).toMatch(/Report id: [0-9a-f]{16}/)
    }
  })
})

describe('victim copy', () => {
  test('is as safe as the police copy', async () => {
    const html = await read('victim-copy/report.html')
    const tags = new Set(tagsOf(html))
    expect(tags.has('script') || tags.has('img')).toBe(false)
  })
})
