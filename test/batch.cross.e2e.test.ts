/**
 * Batch rows of several chains sharing the per-chain sources given once on
 * the batch command line: a Bitcoin row, an Ethereum row, and a Bitcoin row
 * whose theft crosses to Ethereum through THORChain and back (the scenario of
 * test/support/cross-scenario.ts). The crossing case follows across as
 * `trace` does; every look-up goes on the wire once, whichever case asks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import {
  binance,
  binanceDeposit,
  bitcoinSide,
  deposit,
  E2,
  E4,
  ESPLORA,
  ETH,
  EXPLORER,
  ethereumSide,
  ethThief,
  KEY,
  kraken,
  thief,
  victim,
} from './support/cross-scenario.js'
import { esploraHandlers } from './support/esplora-server.js'
import { evmSimHandlers } from './support/evm-sim.js'
import { ROOT, runCli } from './support/run-cli.js'

const THORNODE = 'http://thornode.test'

let tmp: string
const server = setupServer()
/** Network requests by host, each keyed by method, URL and body. */
const wire = new Map<string, string[]>()
server.events.on('request:start', async ({ request }) => {
  const url = new URL(request.url)
  const body = request.method === 'POST' ? await request.clone().text() : ''
  const seen = wire.get(url.host) ?? []
  seen.push(`${request.method} ${url.pathname}${url.search} ${body}`)
  wire.set(url.host, seen)
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-batch-cross-'))
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report

const hitsOf = (report: Report) =>
  report.hits
    .map((h) => [h.chain, h.entity, h.address, h.amountBase])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('fundtrace batch across chains', () => {
  test('Bitcoin, Ethereum and a crossing case share the per-chain sources; no host sees a request twice', async () => {
    const first = bitcoinSide(null)
    const btc = bitcoinSide(E4)
    const inbound = btc.txid('inbound').toUpperCase()
    server.resetHandlers(
      ...esploraHandlers(btc, ESPLORA),
      ...evmSimHandlers(ethereumSide(first.txid('inbound'), true), KEY, {
        explorer: EXPLORER,
      }),
      http.get(`${THORNODE}/thorchain/tx/status/:hash`, ({ params }) => {
        const name = String(params.hash)
        if (name !== inbound && name !== E4.slice(2).toUpperCase())
          return HttpResponse.json({}, { status: 404 })
        const file = join(ROOT, 'fixtures', 'thornode', `${name}.json`)
        return HttpResponse.json(JSON.parse(readFileSync(file, 'utf8')))
      }),
    )
    wire.clear()
    const labels = join(tmp, 'labels.csv')
    writeFileSync(
      labels,
      [
        'chain,address,entity,category,source,confidence',
        `bitcoin,${binance.address},Binance,exchange,test,high`,
        `ethereum,${kraken},Kraken,exchange,test,high`,
      ].join('\n'),
    )
    const cases = join(tmp, 'cases.csv')
    writeFileSync(
      cases,
      [
        'case_id,chain,tx,victim',
        `crossing,bitcoin,${btc.txid('theft')},${victim.address}`,
        `btc-only,bitcoin,${btc.txid('binance')},${thief.address}`,
        `eth-only,ethereum,${E2},${ethThief}`,
      ].join('\n'),
    )
    const out = join(tmp, 'out')
    const cache = join(tmp, 'cache')
    const args = (dir: string, store: string[]) => [
      'batch',
      cases,
      '--out',
      dir,
      ...store,
      '--esplora-url',
      ESPLORA,
      '--explorer-url',
      `ethereum=${EXPLORER}`,
      '--thorchain-url',
      THORNODE,
      '--labels',
      labels,
      '--no-bundled-labels',
      '--concurrency',
      '3',
      '--rps',
      '1000',
      '--no-progress',
    ]
    const run = await runCli(args(out, ['--cache-dir', cache]), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)

    // The crossing case reaches exchanges on both chains, as `trace` does.
    const crossing = readReport(join(out, 'crossing'))
    expect(crossing.status).toBe('complete')
    expect(crossing.chains).toEqual(['bitcoin', 'ethereum'])
    expect(hitsOf(crossing)).toEqual([
      ['bitcoin', 'Binance', binanceDeposit.address, '39980000'],
      ['ethereum', 'Kraken', deposit, String(6n * ETH)],
    ])
    expect(crossing.swaps?.map((s) => s.crossCheck?.verdict)).toEqual([
      'confirmed',
      'confirmed',
    ])
    // The single-chain rows, each on its own chain's shared source.
    expect(hitsOf(readReport(join(out, 'btc-only')))).toEqual([
      ['bitcoin', 'Binance', binance.address, expect.any(String)],
    ])
    expect(hitsOf(readReport(join(out, 'eth-only')))).toEqual([
      ['ethereum', 'Kraken', deposit, String(6n * ETH)],
    ])

    // Each host saw every look-up once, however many cases asked.
    expect([...wire.keys()].sort()).toEqual(
      ['api.etherscan.io', 'esplora.test', 'thornode.test'].sort(),
    )
    for (const [host, seen] of wire) {
      const twice = seen.filter((key, i) => seen.indexOf(key) !== i)
      expect(twice, host).toEqual([])
    }
    const m = /(\d+) requests for (\d+) distinct look-ups/.exec(run.stdout)
    expect(m?.[1]).toBe(m?.[2])
    // The API key never reaches what is written.
    expect(JSON.stringify(crossing)).not.toContain(KEY)

    // Replayed from the store: no network, no key, the same crossing case.
    wire.clear()
    const again = join(tmp, 'replayed')
    const replay = await runCli(args(again, ['--replay', cache]), {
      env: { FUNDTRACE_CONFIG: ENV.FUNDTRACE_CONFIG },
    })
    expect(replay.stderr).toBe('')
    expect(replay.code, replay.stdout).toBe(0)
    expect([...wire.keys()]).toEqual([])
    const replayed = readReport(join(again, 'crossing'))
    expect(hitsOf(replayed)).toEqual(hitsOf(crossing))
    expect(replayed.swaps).toEqual(crossing.swaps)
  })
})
