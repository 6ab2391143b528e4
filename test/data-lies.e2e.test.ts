/**
 * Data that lies is detected and reported, never used: JSON that disagrees
 * with the raw bytes, and a spend the source names but then cannot produce.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  type EsploraFixtures,
  loadEsploraFixtures,
  padHistory,
} from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'
import { readReport, runCli } from './support/run-cli.js'

type Case = { seedTxid: string; victims: string[] }
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function traceScenario(
  fixtures: EsploraFixtures,
  scenario: string,
  extra: readonly string[] = [],
) {
  const server = await startEsploraServer(fixtures, {})
  const out = mkdtempSync(join(tmpdir(), 'fundtrace-lies-'))
  dirs.push(out)
  const kase = fixtures.case as Case
  try {
    const result = await runCli([
      'trace',
      '--tx',
      kase.seedTxid,
      ...kase.victims.flatMap((v) => ['--victim', v]),
      '--labels',
      join('fixtures/esplora', scenario, 'labels.csv'),
      '--no-bundled-labels',
      '--no-cache',
      '--no-progress',
      '--rps',
      '500',
      '--retries',
      '0',
      '--esplora-url',
      server.url,
      '--out',
      out,
      ...extra,
    ])
    return { ...result, out }
  } finally {
    await server.close()
  }
}

/** The merge tx of merge-outside is fetched as JSON + hex (it has an outside input). */
const MERGE = '2838bfc9055abc842810adfb6c5acec9cb747edaf2213a34938ad487d46f4674'

describe('data that lies', () => {
  test('a seed whose JSON disagrees with its raw hex: one-line error naming the tx', async () => {
    const fixtures = loadEsploraFixtures('fixtures/esplora/peel-chain')
    const seed = (fixtures.case as Case).seedTxid
    const tx = fixtures.txs.get(seed)!
    tx.vout[0]!.value += 1
    const { code, stderr } = await traceScenario(fixtures, 'peel-chain')
    expect(code).toBe(1)
    expect(stderr.split('\n')[0]).toContain(seed)
    expect(stderr).toContain('output 0 value')
  })

  test('a hop whose JSON disagrees with its raw hex is unexplored, not used', async () => {
    const fixtures = loadEsploraFixtures('fixtures/esplora/merge-outside')
    fixtures.txs.get(MERGE)!.vout[0]!.value -= 5
    const { code, out } = await traceScenario(fixtures, 'merge-outside')
    expect(code).toBe(3)
    const report = readReport(out)
    expect(report.status).toBe('incomplete')
    const failed = report.unexplored.filter((u) => u.reason === 'fetch-failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.detail).toContain('disagrees with its raw bytes')
    expect(report.hits).toEqual([])
    expect(report.reconciliation.balanced).toBe(true)
  })

  // The merge's JSON moves 10,000,000 sat from its tainted input (whose parent,
  // the seed, is verified) to its outside input: totals and fee unchanged.
  test.each(['haircut', 'poison', 'fifo'])(
    'a hop whose JSON moves value between its inputs (%s): unexplored, named',
    async (policy) => {
      const fixtures = loadEsploraFixtures('fixtures/esplora/merge-outside')
      const seed = (fixtures.case as Case).seedTxid
      const [outside, tainted] = fixtures.txs.get(MERGE)!.vin
      expect(tainted!.txid).toBe(seed)
      tainted!.prevout!.value -= 10_000_000
      outside!.prevout!.value += 10_000_000
      const { code, stderr, out } = await traceScenario(
        fixtures,
        'merge-outside',
        ['--policy', policy],
      )
      expect(code, stderr).toBe(3)
      const report = readReport(out)
      expect(report.status).toBe('incomplete')
      expect(report.unexplored).toEqual([
        expect.objectContaining({
          reason: 'fetch-failed',
          txHash: seed,
          amountBase: '40000003',
          detail: `${MERGE} contradicts its verified parents: input 1 claims 0.30000003 BTC but ${seed}:0 holds 0.40000003 BTC — its JSON is not used`,
        }),
      ])
      expect(report.hits).toEqual([])
      expect(report.reconciliation.balanced).toBe(true)
    },
  )

  test('a spender that disappears (reorg or dropped) is unexplored with the reason', async () => {
    const fixtures = loadEsploraFixtures('fixtures/esplora/peel-chain')
    const seed = (fixtures.case as Case).seedTxid
    const spends = fixtures.outspends.get(seed) as { txid?: string }[]
    const child = spends[0]!.txid!
    // A history long enough to need paging: its spender is asked by outspends,
    // which still name the child the server no longer knows.
    const paid = fixtures.txs.get(seed)!.vout[0]!.scriptpubkey_address!
    padHistory(fixtures, paid)
    fixtures.txs.delete(child)
    fixtures.hex.delete(child)
    const { code, out } = await traceScenario(fixtures, 'peel-chain')
    expect(code).toBe(3)
    const report = readReport(out)
    const failed = report.unexplored.find((u) => u.reason === 'fetch-failed')
    expect(failed?.txHash).toBe(seed)
    expect(failed?.detail).toContain('reorganised out')
    expect(failed?.amountBase).toBe('100000000')
    expect(report.reconciliation.balanced).toBe(true)
  })
})
