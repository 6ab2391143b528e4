/**
 * Funds left at rest move on later: a plain re-run of trace and `watch` both
 * see it. The peel-chain scenario (genuine serialised txs) is served with its
 * third peel hidden (the output it spends shown unspent), then revealed.
 */
import { createHmac } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'
import {
  ROOT,
  readReport,
  runCli,
  spawnCli,
  traceArgv,
} from './support/run-cli.js'

const SCENARIO = {
  scenario: 'peel-chain',
  seedTxid: '3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210',
  victims: ['bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u'],
}
/** The peel whose change output 1 the next tx (to the Kraken deposit) spends. */
const PARENT =
  '09861054715fb75f63eed439d615d7a7e62627a8b0cc3675af0f2e8d1eca9203'
const KRAKEN_DEPOSIT = '3GmFFChPSQLU7xai2rkEcDzxipqqYmh7Mn'

/** Several CLI runs and bundle writes each; generous for a shared, loaded machine. */
const SLOW = 120_000

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-watch-'))
const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(tmp, { recursive: true, force: true })
})

/** The scenario before the thief moved on: output 1 of PARENT unspent. */
function heldFixtures() {
  const fixtures = loadEsploraFixtures(
    `${ROOT}fixtures/esplora/${SCENARIO.scenario}`,
  )
  const real = fixtures.outspends.get(PARENT)!
  fixtures.outspends.set(PARENT, [real[0], { spent: false }])
  // Out of the address histories too: the server has not seen it yet.
  const next = (real[1] as { txid: string }).txid
  const spender = fixtures.txs.get(next)!
  fixtures.txs.delete(next)
  const move = () => {
    fixtures.outspends.set(PARENT, real)
    fixtures.txs.set(next, spender)
    fixtures.tipHeight += 1
  }
  return { fixtures, move }
}

let n = 0
let dirs: { out: string; cache: string }
beforeEach(() => {
  n++
  dirs = { out: join(tmp, `out-${n}`), cache: join(tmp, `cache-${n}`) }
})

type Server = Awaited<ReturnType<typeof startEsploraServer>>

/** One trace; request counts are this run's alone. The server stays up: its URL is part of every cache key. */
async function traceOnce(server: Server, out: string) {
  const before = server.requestsByPath()
  const run = await runCli(
    traceArgv(SCENARIO, server.url, ['--out', out, '--cache-dir', dirs.cache]),
  )
  const byPath: Record<string, number> = {}
  for (const [path, count] of Object.entries(server.requestsByPath()))
    if (count > (before[path] ?? 0)) byPath[path] = count - (before[path] ?? 0)
  return { ...run, byPath }
}

test(
  'a re-run of trace with the persistent cache sees funds that moved on',
  async () => {
    const { fixtures, move } = heldFixtures()
    const server = await startEsploraServer(fixtures)
    servers.push(server)
    const first = await traceOnce(server, dirs.out)
    expect(first.code).toBe(0)
    const before = readReport(dirs.out)
    expect(before.hits.map((h) => h.entity)).toEqual(['Binance'])
    expect(before.atRest.map((r) => `${r.txHash}:${r.outputIndex}`)).toContain(
      `${PARENT}:1`,
    )

    move()
    const again = join(tmp, `again-${n}`)
    const second = await traceOnce(server, again)
    expect(second.code).toBe(0)
    // The raw txs come from the cache; the tip and the history that names
    // the change's spender are asked again.
    expect(second.byPath[`/tx/${SCENARIO.seedTxid}/hex`]).toBeUndefined()
    const change = fixtures.txs.get(PARENT)!.vout[1]!.scriptpubkey_address
    expect(second.byPath[`/address/${change}/txs`]).toBe(1)
    expect(second.byPath['/blocks/tip/height']).toBe(1)
    const after = readReport(again)
    expect(after.hits.map((h) => h.address)).toContain(KRAKEN_DEPOSIT)
    expect(
      after.atRest.map((r) => `${r.txHash}:${r.outputIndex}`),
    ).not.toContain(`${PARENT}:1`)
    expect(after.sources[0]?.tipHeight).toBe(before.sources[0]!.tipHeight! + 1)
    // The bundle keeps the earlier history answer beside the one it used.
    const shard = readdirNames(join(again, 'evidence'))
    expect(shard.some((name) => name.includes('.superseded-'))).toBe(true)
  },
  SLOW,
)

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String)
}

/** A webhook receiver that checks the HMAC like a real one would. */
async function startReceiver(secret: string) {
  const got: { id: string; valid: boolean; body: unknown }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8')
    })
    req.on('end', () => {
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
      got.push({
        id: String(req.headers['x-fundtrace-alert-id']),
        valid: req.headers['x-fundtrace-signature'] === expected,
        body: JSON.parse(body),
      })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

test(
  'watch: no movement twice with frontier-size requests, then one alert and a revision with the deposit',
  async () => {
    const { fixtures, move } = heldFixtures()
    const server = await startEsploraServer(fixtures)
    servers.push(server)
    expect((await traceOnce(server, dirs.out)).code).toBe(0)
    const frontierTxs = new Set(
      readReport(dirs.out).atRest.map((r) => r.txHash),
    ).size
    // The server answers batched outspends: 25 txs a request, one alone.
    const perRound = frontierTxs > 1 ? Math.ceil(frontierTxs / 25) : 1
    const receiver = await startReceiver('s3cret')
    const hitLog = join(tmp, `on-hit-${n}.jsonl`)
    const watchOnce = () =>
      runCli(
        [
          'watch',
          dirs.out,
          '--once',
          '--json',
          '--esplora-url',
          server.url,
          '--cache-dir',
          dirs.cache,
          // No --labels: the Kraken label (cited by nothing yet) comes from
          // the bundle's copy of the trace's label file.
          '--webhook',
          receiver.url,
          '--webhook-secret',
          's3cret',
          '--on-hit',
          `cat >> ${hitLog}`,
        ],
        { env: { PATH: process.env.PATH } },
      )
    try {
      const lines: unknown[] = []
      for (const round of [1, 2]) {
        const before = server.requestCount()
        const r = await watchOnce()
        expect(r.stderr).toBe('')
        expect(r.code).toBe(0)
        expect(server.requestCount() - before).toBe(perRound)
        const events = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
        expect(events).toEqual([
          { type: 'no-movement', round, frontier: 2, requests: perRound },
        ])
      }
      move()
      const r = await watchOnce()
      expect(r.code).toBe(0)
      for (const l of r.stdout.trim().split('\n')) lines.push(JSON.parse(l))
      const alerts = lines.filter(
        (e) => (e as { type: string }).type === 'alert',
      ) as {
        alert: {
          kind: string
          entity: string
          address: string
          amount: string
          freezeRequest: string
          id: string
        }
      }[]
      expect(alerts).toHaveLength(1)
      const alert = alerts[0]!.alert
      expect(alert).toMatchObject({
        kind: 'exchange-deposit',
        entity: 'Kraken',
        address: KRAKEN_DEPOSIT,
        amount: '0.2',
        freezeRequest: 'revisions/1/freeze-requests/kraken.txt',
      })
      expect(existsSync(join(dirs.out, alert.freezeRequest))).toBe(true)
      // The top level shows the latest revision; revision 0 is the first trace.
      expect(readReport(dirs.out).hits.map((h) => h.address)).toContain(
        KRAKEN_DEPOSIT,
      )
      expect(
        readReport(join(dirs.out, 'revisions/0')).hits.map((h) => h.entity),
      ).toEqual(['Binance'])
      expect(
        readReport(join(dirs.out, 'revisions/1')).hits.map((h) => h.address),
      ).toContain(KRAKEN_DEPOSIT)
      expect(receiver.got).toEqual([{ id: alert.id, valid: true, body: alert }])
      expect(
        readFileSync(hitLog, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ).toEqual([alert])
      // Both bundles still verify.
      expect((await runCli(['verify', dirs.out])).code).toBe(0)
      expect(
        (await runCli(['verify', join(dirs.out, 'revisions/1')])).code,
      ).toBe(0)

      // Nothing new: no second alert.
      const quiet = await watchOnce()
      expect(quiet.stdout).not.toContain('"alert"')
      expect(receiver.got).toHaveLength(1)
    } finally {
      await receiver.close()
    }
  },
  SLOW,
)

test(
  'kill -9 in the middle of a round, then a restart: the alert comes once, none is lost',
  async () => {
    const { fixtures, move } = heldFixtures()
    // Slow answers, so the kill lands while the round is tracing.
    const server = await startEsploraServer(fixtures, { latencyMs: 60 })
    servers.push(server)
    expect((await traceOnce(server, dirs.out)).code).toBe(0)
    move()
    const hitLog = join(tmp, `on-hit-${n}.jsonl`)
    const argv = [
      'watch',
      dirs.out,
      '--once',
      '--json',
      '--esplora-url',
      server.url,
      '--cache-dir',
      dirs.cache,
      '--labels',
      `${ROOT}fixtures/esplora/${SCENARIO.scenario}/labels.csv`,
      '--no-bundled-labels',
      '--on-hit',
      `cat >> ${hitLog}`,
    ]
    const before = server.requestCount()
    const killed = spawnCli(argv)
    // The frontier is 2 outspends; more requests mean the trace has begun.
    while (server.requestCount() < before + 4)
      await new Promise((r) => setTimeout(r, 20))
    killed.child.kill('SIGKILL')
    const dead = await killed.done
    expect(dead.signal).toBe('SIGKILL')
    expect(dead.stdout).not.toContain('"alert"')

    const resumed = await runCli(argv, { env: { PATH: process.env.PATH } })
    expect(resumed.stderr).toBe('')
    const alerts = resumed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
      .filter((e) => e.type === 'alert')
    expect(alerts).toHaveLength(1)
    expect(readFileSync(hitLog, 'utf8').trim().split('\n')).toHaveLength(1)
    const again = await runCli(argv, { env: { PATH: process.env.PATH } })
    expect(again.stdout).not.toContain('"alert"')
    expect(readFileSync(hitLog, 'utf8').trim().split('\n')).toHaveLength(1)
  },
  SLOW,
)

test(
  'batch: a re-run keeps the superseded answer and the label file in the case bundle; watch on the case folder needs no --labels',
  async () => {
    const { fixtures, move } = heldFixtures()
    const server = await startEsploraServer(fixtures)
    servers.push(server)
    const labels = `${ROOT}fixtures/esplora/${SCENARIO.scenario}/labels.csv`
    const cases = join(tmp, `cases-${n}.csv`)
    writeFileSync(
      cases,
      `case_id,chain,tx,victim\ncase-1,bitcoin,${SCENARIO.seedTxid},${SCENARIO.victims[0]}\n`,
    )
    const runBatch = (out: string) =>
      runCli([
        'batch',
        cases,
        '--out',
        out,
        '--cache-dir',
        dirs.cache,
        '--esplora-url',
        server.url,
        '--labels',
        labels,
        '--no-bundled-labels',
        '--min-amount',
        '0',
        '--no-progress',
      ])
    expect((await runBatch(join(tmp, `batch-a-${n}`))).code).toBe(0)
    move()
    const out = join(tmp, `batch-b-${n}`)
    const second = await runBatch(out)
    expect(second.code).toBe(0)
    const caseDir = join(out, 'case-1')
    expect(readReport(caseDir).hits.map((h) => h.address)).toContain(
      KRAKEN_DEPOSIT,
    )
    // The answers the first run cached that changed: kept beside the new ones.
    const superseded = readdirNames(join(caseDir, 'evidence'))
      .filter((f) => f.includes('.superseded-'))
      .map(
        (f) =>
          (
            JSON.parse(readFileSync(join(caseDir, 'evidence', f), 'utf8')) as {
              url: string
            }
          ).url,
      )
    // The parent's change is followed through its address history, which the move changed.
    const change = fixtures.txs.get(PARENT)!.vout[1]!.scriptpubkey_address
    expect(superseded.sort()).toEqual([
      `${server.url}/address/${change}/txs`,
      `${server.url}/blocks/tip/height`,
    ])
    expect(readFileSync(join(caseDir, 'labels/1-labels.csv'), 'utf8')).toBe(
      readFileSync(labels, 'utf8'),
    )

    // The first run's folder, watched with no label flags, finds the Kraken deposit.
    const watched = await runCli([
      'watch',
      join(tmp, `batch-a-${n}`, 'case-1'),
      '--once',
      '--cache-dir',
      dirs.cache,
    ])
    expect(watched.stderr).toBe('')
    expect(watched.stdout).toMatch(
      new RegExp(
        `^ALERT DEPOSIT at Kraken: ${KRAKEN_DEPOSIT} received 0\\.2 BTC; freeze request: revisions/1/freeze-requests/kraken\\.txt`,
        'm',
      ),
    )
  },
  SLOW,
)
