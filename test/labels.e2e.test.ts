/**
 * Labels end to end: a real `fundtrace trace` over the peel-chain scenario
 * with our own labels, reaching a sanctioned address, a hack-labelled one, an
 * exchange that is also sanctioned and an address whose labels disagree.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../src/cli/main.js'
import type { Report } from '../src/report/types.js'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'

const DIR = 'fixtures/esplora/peel-chain'
const SEED = '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210'
const VICTIM = 'bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u'
// Peel outputs of the scenario (fixtures/esplora/peel-chain/case.json).
const BINANCE_DEPOSIT = 'bc1qq4jn4fgkvzm6652snagnaupjzwfhtqascr9ep0'
const KRAKEN_SANCTIONED = '3GmFFChPSQLU7xai2rkEcDzxipqqYmh7Mn'
const CONFLICTING = '14VR3fJxV14JeeJnedUKxmo9jkXoVGvPnm'
const SANCTIONED =
  'bc1p5lrgpz8rpp5g8jskjlefhnuhnltxw3n8lxcwplx6dh0ylgc7dt9qztxun4'
const HACKED = 'bc1qmqqucd6t8ausug9ljpfcg6cq8yqd36kzzxavpj'
const OFAC = 'https://home.treasury.gov/sdn-test'

// The scenario's own labels (the sweep destinations) plus ours.
const SCENARIO_LABELS = readFileSync(join(DIR, 'labels.csv'), 'utf8')
  .trimEnd()
  .split('\n')
  .slice(1)
  .map((row) => `${row},high,`)
const LABELS = [
  'chain,address,entity,category,source,confidence,retrieved',
  ...SCENARIO_LABELS,
  `bitcoin,${KRAKEN_SANCTIONED},Kraken,exchange,https://kraken.test/wallets,official,2024-01-02`,
  `bitcoin,${KRAKEN_SANCTIONED},OFAC SDN listed,sanctioned,${OFAC},official,2024-03-04`,
  `bitcoin,${CONFLICTING},Coinbase,exchange,repo-a/labels.csv,high,`,
  `bitcoin,${CONFLICTING},Bitfinex Cold Storage,exchange,repo-b/tags.yaml,medium,`,
  `bitcoin,${SANCTIONED},Lazarus Group,sanctioned,${OFAC},official,2024-03-04`,
  `bitcoin,${HACKED},Example exchange hack,hack,https://news.test/hack,medium,`,
].join('\n')

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(
  JSON.parse(readFileSync('schema/report.schema.json', 'utf8')),
)

let server: Awaited<ReturnType<typeof startEsploraServer>>
let tmp: string
let report: Report
let stdout = ''
let html = ''

beforeAll(async () => {
  server = await startEsploraServer(loadEsploraFixtures(DIR), {})
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-labels-e2e-'))
  const labels = join(tmp, 'labels.csv')
  writeFileSync(labels, `${LABELS}\n`)
  const out = join(tmp, 'out')
  let stderr = ''
  const code = await main(
    // biome-ignore format: one flag per line would hide the shape
    ['trace', '--tx', SEED, '--victim', VICTIM, '--labels', labels,
      '--no-bundled-labels', '--policy', 'haircut', '--out', out,
      '--no-cache', '--esplora-url', server.url, '--no-progress',
      '--rps', '500'],
    {
      stdout: (s) => {
        stdout += s
      },
      stderr: (s) => {
        stderr += s
      },
      env: { FUNDTRACE_LABEL_DB: join(tmp, 'none.db') },
      isTTY: false,
    },
  )
  expect(stderr).toBe('')
  expect(code).toBe(0)
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  html = readFileSync(join(out, 'report.html'), 'utf8')
  // A whole trace: on a loaded machine it outlasts the default 10 s hook timeout.
}, 60_000)

afterAll(async () => {
  await server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const hit = (address: string) => report.hits.find((h) => h.address === address)

describe('report.json', () => {
  test('is valid against the published schema', () => {
    validate(report)
    expect(validate.errors ?? []).toEqual([])
  })

  test('alerts list every sanctioned and hack address reached, sanctions first', () => {
    expect(
      report.alerts?.map((a) => [a.flag, a.address, a.where, a.amountBase]),
    ).toEqual([
      ['sanctioned', KRAKEN_SANCTIONED, 'hit', '20000000'],
      ['sanctioned', SANCTIONED, 'unexplored', '4000000'],
      ['hack', HACKED, 'unexplored', '60960000'],
    ])
    expect(report.alerts?.[1]).toMatchObject({
      entity: 'Lazarus Group',
      labels: [{ entity: 'Lazarus Group', source: OFAC }],
      message: expect.stringMatching(
        new RegExp(`^SANCTIONED: ${SANCTIONED} \\(Lazarus Group\\) reached`),
      ),
    })
  })

  test('a sanctioned service stop carries its flags and labels', () => {
    const stop = report.unexplored.find((u) => u.address === SANCTIONED)
    expect(stop).toMatchObject({
      reason: 'service',
      entity: 'Lazarus Group',
      flags: ['sanctioned'],
      confidence: 'official',
      labels: [{ category: 'sanctioned', source: OFAC }],
    })
    expect(stop?.detail).toContain('flagged sanctioned')
  })

  test('an exchange that is also sanctioned is a hit and flagged', () => {
    expect(hit(KRAKEN_SANCTIONED)).toMatchObject({
      entity: 'Kraken',
      attribution: 'label',
      confidence: 'official',
      flags: ['sanctioned'],
    })
    expect(hit(KRAKEN_SANCTIONED)?.conflict).toBeUndefined()
    expect(
      hit(KRAKEN_SANCTIONED)?.basis?.map((b) => [b.entity, b.source]),
    ).toEqual([
      ['Kraken', 'https://kraken.test/wallets'],
      ['OFAC SDN listed', OFAC],
    ])
  })

  test('conflicting labels are all kept and lower the confidence', () => {
    const h = hit(CONFLICTING)
    expect(h).toMatchObject({
      entity: 'Coinbase',
      confidence: 'medium',
      conflict: {
        entities: ['Coinbase', 'Bitfinex Cold Storage'],
        note: expect.stringContaining('conflicting labels'),
      },
    })
    expect(h?.labels.map((l) => [l.entity, l.source, l.confidence])).toEqual([
      ['Coinbase', 'repo-a/labels.csv', 'high'],
      ['Bitfinex Cold Storage', 'repo-b/tags.yaml', 'medium'],
    ])
  })

  test('a deposit-sweep hit lists the heuristic and the labels behind it', () => {
    const basis = hit(BINANCE_DEPOSIT)?.basis ?? []
    expect(basis[0]).toMatchObject({
      kind: 'heuristic',
      confidence: 'medium',
      source: expect.stringMatching(
        /^deposit-sweep heuristic, tx [0-9a-f]{64}$/,
      ),
    })
    expect(basis.slice(1)).toEqual([
      expect.objectContaining({ kind: 'label', entity: 'Binance' }),
    ])
    expect(basis[1]?.source).toContain('fixture:synthetic')
  })

  test('the reconciliation still balances', () => {
    expect(report.reconciliation.balanced).toBe(true)
    expect(report.reconciliation.atExchanges.amountBase).toBe('35000000')
  })
})

describe('stdout summary', () => {
  test('opens with the alerts, before the hits table', () => {
    // Alerts wrap at 100 columns with an indent, their addresses shortened.
    const lines = stdout
      .slice(0, stdout.indexOf('\n\n'))
      .replace(/\n {2}/g, ' ')
      .split('\n')
    const kraken = `${KRAKEN_SANCTIONED.slice(0, 10)}…${KRAKEN_SANCTIONED.slice(-8)}`
    expect(lines[0]).toBe(
      `!! SANCTIONED: ${kraken} (Kraken) reached: 0.2 BTC at hop 4 (exchange deposit, freeze request applies)`,
    )
    expect(lines[1]).toMatch(
      /^!! SANCTIONED: bc1p5lrg.* \(Lazarus Group\) reached/,
    )
    expect(lines[2]).toMatch(/^!! HACK \/ THEFT: bc1qmqqu/)
    expect(stdout.indexOf('!! SANCTIONED')).toBeLessThan(
      stdout.indexOf('Exchange hits'),
    )
  })

  test('shows every label with source and confidence, and the conflict', () => {
    expect(stdout).toContain(
      'conflicting labels: Coinbase | Bitfinex Cold Storage',
    )
    expect(stdout).toMatch(
      /high\s+label\s+Coinbase \(exchange\)\s+source: repo-a\/labels.csv/,
    )
    expect(stdout).toMatch(
      /medium\s+label\s+Bitfinex Cold Storage \(exchange\)\s+source: repo-b\/tags.yaml/,
    )
    expect(stdout).toMatch(
      /medium\s+heuristic Binance \(exchange-deposit\)\s+source: deposit-sweep heuristic/,
    )
    expect(stdout).toContain('Kraken [sanctioned]')
  })
})

describe('report.html', () => {
  test('page 1 carries a red alert banner naming each address', () => {
    const summary = html.slice(html.indexOf('<section id="summary">'))
    const banner = summary.slice(0, summary.indexOf('<h3>'))
    expect(banner).toContain('role="alert"')
    expect(banner).toContain('#b91c1c')
    for (const address of [KRAKEN_SANCTIONED, SANCTIONED, HACKED])
      expect(banner).toContain(address)
    expect(banner).toContain('SANCTIONED:')
    expect(banner).toContain('HACK / THEFT:')
    expect(banner).toContain(OFAC)
  })

  test('the hits table says when labels conflict', () => {
    expect(html).toContain(
      'conflicting labels: Coinbase | Bitfinex Cold Storage; confidence lowered one level',
    )
  })
})
