/**
 * The optional thornode cross-check (--thorchain-url) on the cross-chain
 * scenario of test/support/cross-scenario.ts. thornode's answers are
 * fixtures/thornode/<inbound hash>[.variant].json, TxStatusResponse as
 * thornode's openapi describes it. The chain data decides; thornode confirms,
 * disputes (both hashes reported, the chain-data match kept) or explains a
 * pending swap; unreachable, it is one limitation and the trace goes on.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  binance,
  bitcoinSide,
  E1,
  E4,
  ESPLORA,
  EXPLORER,
  ethereumSide,
  KEY,
  kraken,
  victim,
} from './support/cross-scenario.js'
import { esploraHandlers } from './support/esplora-server.js'
import { evmSimHandlers } from './support/evm-sim.js'
import { comparable, ROOT, readReport, runCli } from './support/run-cli.js'

const THORNODE = 'http://thornode.test'
const FIXTURES = join(ROOT, 'fixtures', 'thornode')
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as object

let tmp: string
const server = setupServer()
const asked: string[] = []
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url)
  if (url.host === 'thornode.test') asked.push(url.pathname)
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-thornode-'))
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

/** The chains with both payouts; thornode answers by `answer(hash)` (undefined: 404). */
function serve(answer: (hash: string) => object | 'down' | undefined) {
  const first = bitcoinSide(null)
  const btc = bitcoinSide(E4)
  server.resetHandlers(
    ...esploraHandlers(btc, ESPLORA),
    ...evmSimHandlers(ethereumSide(first.txid('inbound'), true), KEY, {
      explorer: EXPLORER,
    }),
    http.get(`${THORNODE}/thorchain/tx/status/:hash`, ({ params }) => {
      const body = answer(String(params.hash))
      if (body === 'down')
        return HttpResponse.text('bad gateway', { status: 502 })
      if (!body)
        return HttpResponse.json({ error: 'not found' }, { status: 404 })
      return HttpResponse.json(body as never)
    }),
  )
  asked.length = 0
  return btc
}

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

function argv(txid: string, out: string, extra: string[] = []): string[] {
  const labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source,confidence',
      `bitcoin,${binance.address},Binance,exchange,test,high`,
      `ethereum,${kraken},Kraken,exchange,test,high`,
    ].join('\n'),
  )
  return [
    'trace',
    '--tx',
    txid,
    '--victim',
    victim.address,
    '--labels',
    labels,
    '--no-bundled-labels',
    '--esplora-url',
    ESPLORA,
    '--explorer-url',
    `ethereum=${EXPLORER}`,
    '--out',
    out,
    '--no-progress',
    '--rps',
    '1000',
    '--full',
    ...extra,
  ]
}

const upper = (hash: string) => hash.replace(/^0x/, '').toUpperCase()

describe('--thorchain-url: thornode cross-checks THORChain swaps matched from chain data', () => {
  test('thornode names the same outbounds: both swap edges are confirmed, and replay needs no network', async () => {
    const btc = serve((hash) => {
      if (hash === upper(btc.txid('inbound'))) return fixture(hash)
      if (hash === upper(E4)) return fixture(hash)
      return undefined
    })
    const out = join(tmp, 'confirmed')
    const run = await runCli(
      argv(btc.txid('theft'), out, [
        '--cache-dir',
        join(tmp, 'confirmed-cache'),
        '--thorchain-url',
        THORNODE,
      ]),
      { env: ENV },
    )
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    // Asked once per inbound, by THORChain's form of the hash.
    expect(asked.sort()).toEqual(
      [
        `/thorchain/tx/status/${upper(btc.txid('inbound'))}`,
        `/thorchain/tx/status/${upper(E4)}`,
      ].sort(),
    )
    const report = readReport(out)
    expect(report.swaps?.map((s) => [s.outbound.txHash, s.crossCheck])).toEqual(
      [
        [
          E1,
          expect.objectContaining({ source: 'thornode', verdict: 'confirmed' }),
        ],
        [
          btc.txid('payout'),
          expect.objectContaining({ source: 'thornode', verdict: 'confirmed' }),
        ],
      ],
    )
    expect((report.limitations ?? []).join('\n')).not.toContain('thornode')
    expect(run.stdout).toContain(`${E4} → 0.15 BTC bitcoin`)
    expect(run.stdout).toContain('confirmed by thornode')
    expect(report.sources.map((s) => s.baseUrl)).toContain(THORNODE)
    // The bundle holds thornode's answers: a replay asks nobody and agrees.
    asked.length = 0
    const again = join(tmp, 'confirmed-replay')
    const replay = await runCli(
      argv(btc.txid('theft'), again, [
        '--thorchain-url',
        THORNODE,
        '--replay',
        out,
      ]),
      { env: ENV },
    )
    expect(replay.stderr).toBe('')
    expect(replay.code).toBe(0)
    expect(asked).toEqual([])
    expect(comparable(readReport(again))).toEqual(comparable(report))
  })

  test('thornode names another outbound: the chain-data match stays, the edge is disputed and a limitation names both hashes', async () => {
    const btc = serve((hash) =>
      hash === upper(btc.txid('inbound'))
        ? fixture(`${hash}.disputed`)
        : hash === upper(E4)
          ? fixture(hash)
          : undefined,
    )
    const out = join(tmp, 'disputed')
    const run = await runCli(
      argv(btc.txid('theft'), out, ['--no-cache', '--thorchain-url', THORNODE]),
      { env: ENV },
    )
    expect(run.code, run.stdout).toBe(0)
    const report = readReport(out)
    const first = report.swaps?.[0]
    expect(first?.outbound.txHash).toBe(E1)
    expect(first?.crossCheck?.verdict).toBe('disputed')
    const limitation = (report.limitations ?? []).find((l) =>
      l.includes('disputed'),
    )
    expect(limitation).toContain(`ethereum 0x${'f1'.repeat(32)}`)
    expect(limitation).toContain(`ethereum tx ${E1}`)
    expect(report.swaps?.[1]?.crossCheck?.verdict).toBe('confirmed')
    // The trace still follows the chain-data payout to Kraken.
    expect(report.hits.map((h) => h.entity).sort()).toEqual([
      'Binance',
      'Kraken',
    ])
    expect(run.stdout).toContain('DISPUTED by thornode')
    // report.json with its cross-checks still matches the published schema.
    const rerender = await runCli(['report', out], { env: ENV })
    expect(rerender.stderr).toBe('')
    expect(rerender.code).toBe(0)
  })

  test("a swap pending on chain data carries thornode's view in its swap-pending detail", async () => {
    const first = bitcoinSide(null)
    const hash = upper(first.txid('inbound'))
    server.resetHandlers(
      ...esploraHandlers(first, ESPLORA),
      ...evmSimHandlers(ethereumSide(first.txid('inbound'), false), KEY, {
        explorer: EXPLORER,
      }),
      http.get(`${THORNODE}/thorchain/tx/status/:hash`, ({ params }) =>
        params.hash === hash
          ? HttpResponse.json(fixture(`${hash}.pending`) as never)
          : HttpResponse.json({}, { status: 404 }),
      ),
    )
    const out = join(tmp, 'pending')
    const run = await runCli(
      argv(first.txid('theft'), out, [
        '--no-cache',
        '--thorchain-url',
        THORNODE,
      ]),
      { env: ENV },
    )
    expect(run.code).toBe(3)
    const pending = readReport(out).unexplored.find(
      (u) => u.reason === 'swap-pending',
    )
    expect(pending?.detail).toContain(
      'thornode: pending (swap pending), out hash not yet known',
    )
  })

  test('thornode unreachable: one limitation, the trace and its swaps as without it', async () => {
    const btc = serve(() => 'down')
    const out = join(tmp, 'down')
    const run = await runCli(
      argv(btc.txid('theft'), out, [
        '--no-cache',
        '--retries',
        '0',
        '--thorchain-url',
        THORNODE,
      ]),
      { env: ENV },
    )
    expect(run.code, run.stdout).toBe(0)
    const report = readReport(out)
    expect(report.swaps).toHaveLength(2)
    expect(report.swaps?.every((s) => s.crossCheck === undefined)).toBe(true)
    const notes = (report.limitations ?? []).filter((l) =>
      l.includes('thornode'),
    )
    expect(notes).toHaveLength(1)
    expect(notes[0]).toContain(
      'thornode http://thornode.test could not be read',
    )
    // Asked once, then left alone.
    expect(asked).toHaveLength(1)
  })

  test('a key in the thornode URL path reaches neither the report nor the evidence', async () => {
    const secret = 'k3y-0123456789abcdef'
    const btc = serve(() => undefined)
    server.use(
      http.get(
        `${THORNODE}/${secret}/thorchain/tx/status/:hash`,
        ({ params }) =>
          HttpResponse.json(fixture(String(params.hash)) as never),
      ),
    )
    const out = join(tmp, 'keyed')
    const run = await runCli(
      argv(btc.txid('theft'), out, [
        '--no-cache',
        '--thorchain-url',
        `${THORNODE}/${secret}`,
      ]),
      { env: ENV },
    )
    expect(run.code, run.stdout).toBe(0)
    expect(asked).toHaveLength(2)
    expect(readReport(out).swaps?.map((s) => s.crossCheck?.verdict)).toEqual([
      'confirmed',
      'confirmed',
    ])
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
    expect(written.some((f) => f.includes('evidence'))).toBe(true)
    for (const file of written)
      expect(readFileSync(file, 'utf8'), file).not.toContain(secret)
    expect(run.stdout + run.stderr).not.toContain(secret)
  })

  test('a chain without sources: its no-source cut names the outbound thornode knows', async () => {
    const btc = serve((hash) => fixture(hash))
    const out = join(tmp, 'nosource')
    const args = argv(btc.txid('theft'), out, [
      '--no-cache',
      '--thorchain-url',
      THORNODE,
    ]).filter((a) => a !== '--explorer-url' && a !== `ethereum=${EXPLORER}`)
    const run = await runCli(args, { env: ENV })
    expect(run.code).toBe(3)
    const cut = readReport(out).unexplored.find((u) => u.reason === 'no-source')
    expect(cut?.detail).toContain(`thornode: paid out in ethereum tx ${E1}`)
  })

  test('without --thorchain-url no thornode request is made', async () => {
    const btc = serve((hash) => fixture(hash))
    const out = join(tmp, 'without')
    const run = await runCli(argv(btc.txid('theft'), out, ['--no-cache']), {
      env: ENV,
    })
    expect(run.code).toBe(0)
    expect(asked).toEqual([])
    expect(readReport(out).swaps?.every((s) => !s.crossCheck)).toBe(true)
  })
})
