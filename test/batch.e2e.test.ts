/**
 * A batch of six victims of one perpetrator, served over real HTTP.
 * Each case's hits match the hand-worked truth, the cross-case links are the
 * shared addresses, and no URL is ever fetched twice within a run; across a
 * run interrupted half way and its re-run, only as-of answers are asked again.
 */
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError } from 'commander'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { parseCases } from '../src/batch/cases.js'
import { batch } from '../src/batch/run.js'
import type { BatchResult } from '../src/batch/types.js'
import { registerBatchCommand } from '../src/cli/commands/batch.js'
import type { CliIo } from '../src/cli/io.js'
import { BaseError } from '../src/core/errors.js'
import { classifyRequest } from '../src/sources/freshness.js'
import { sixCaseScenario } from './support/batch-scenario.js'
import {
  type EsploraServer,
  startEsploraServer,
} from './support/esplora-server.js'

const scenario = sixCaseScenario()
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-batch-'))
const labels = join(tmp, 'labels.csv')
writeFileSync(labels, scenario.fixtures.labelsCsv)
let n = 0
const fresh = (name: string) => join(tmp, `${name}-${++n}`)
let server: EsploraServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function casesCsv(ids = scenario.cases.map((c) => c.id)): string {
  const rows = scenario.cases.map(
    (c, i) => `"${ids[i]?.replace(/"/g, '""')}",bitcoin,${c.tx},${c.victim}`,
  )
  return `${['case_id,chain,tx,victim', ...rows].join('\n')}\n`
}

async function runBatchCli(argv: string[], signal?: AbortSignal) {
  let stdout = ''
  let stderr = ''
  let code = 0
  const io: CliIo = {
    stdout: (t) => {
      stdout += t
    },
    stderr: (t) => {
      stderr += t
    },
    env: {},
    isTTY: false,
    signal,
  }
  const program = new Command('fundtrace')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  registerBatchCommand(program, io, (c) => {
    code = c
  })
  try {
    await program.parseAsync(['batch', ...argv], { from: 'user' })
  } catch (err) {
    if (err instanceof BaseError) {
      stderr += err.message
      code = err.exitCode
    } else if (err instanceof CommanderError) code = 2
    else throw err
  }
  return { code, stdout, stderr }
}

const flags = (url: string, out: string, cache: string) => [
  '--out',
  out,
  '--cache-dir',
  cache,
  '--esplora-url',
  url,
  '--labels',
  labels,
  '--no-bundled-labels',
  '--min-amount',
  '0',
  '--rps',
  '1000',
  '--concurrency',
  '3',
]

type Summary = {
  cases: {
    id: string
    status: string
    hits: { entity: string; address: string; amountBase: string }[]
  }[]
  sharedAddresses: { address: string; kind: string; cases: string[] }[]
  exchanges: { entity: string; totalBase: string; cases: string[] }[]
}
const readSummary = (out: string) =>
  JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary

function expectTruth(summary: Summary, ids: Record<string, string> = {}) {
  for (const c of scenario.cases) {
    const got = summary.cases.find((s) => s.id === (ids[c.id] ?? c.id))
    expect(got?.status, c.id).toBe('complete')
    const hits = (got?.hits ?? []).map((h) => [
      h.entity,
      h.address,
      BigInt(h.amountBase),
    ])
    const want = (scenario.expected[c.id] ?? []).map((h) => [
      h.entity,
      h.address,
      h.amountBase,
    ])
    expect(hits, c.id).toEqual(want)
  }
  const shared = Object.fromEntries(
    summary.sharedAddresses.map((s) => [s.address, s.cases]),
  )
  const want = Object.fromEntries(
    Object.entries(scenario.shared).map(([a, cs]) => [
      a,
      cs.map((c) => ids[c] ?? c),
    ]),
  )
  expect(shared).toEqual(want)
  const { D, K } = scenario.wallets
  expect(
    summary.sharedAddresses
      .filter((s) => s.kind === 'deposit')
      .map((s) => s.address)
      .sort(),
  ).toEqual([D?.address, K?.address].sort())
  expect(summary.exchanges.map((x) => [x.entity, x.totalBase])).toEqual([
    ['Binance', String(49_990_000n + 12_000_000n + 29_995_000n + 29_995_000n)],
    ['Kraken', String(7_980_000n + 14_990_000n)],
  ])
}

const BATCH_ENTRY = fileURLToPath(
  new URL('./support/batch-cli-entry.ts', import.meta.url),
)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

function spawnBatch(argv: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', BATCH_ENTRY, ...argv],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const done = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    stdout: string
    stderr: string
  }>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr }),
    )
  })
  return { child, done }
}

const everyPathOnce = (s: EsploraServer) =>
  Object.entries(s.requestsByPath()).filter(([, k]) => k !== 1)
/**
 * Across runs only answers about the settled past are reused: a re-run asks
 * the tip, outspends and histories again, once each.
 */
const settledPathsTwice = (s: EsploraServer) =>
  Object.entries(s.requestsByPath()).filter(
    ([path, k]) =>
      k >
      (classifyRequest({ method: 'GET', url: `${s.url}${path}` }).kind ===
      'as-of'
        ? 2
        : 1),
  )

describe('fundtrace batch', () => {
  test('six cases: hits, cross-case links, one request per distinct look-up', async () => {
    server = await startEsploraServer(scenario.fixtures)
    const file = `${fresh('cases')}.csv`
    writeFileSync(file, casesCsv())
    const out = fresh('out')
    const r = await runBatchCli([
      file,
      ...flags(server.url, out, fresh('cache')),
    ])
    expect(r.code, r.stderr).toBe(0)
    expectTruth(readSummary(out))
    expect(everyPathOnce(server)).toEqual([])
    const distinct = Object.keys(server.requestsByPath()).length
    expect(server.requestCount()).toBe(distinct)
    expect(r.stdout).toContain(
      `${distinct} requests for ${distinct} distinct look-ups`,
    )
    for (const f of [
      'index.html',
      'summary.csv',
      'freeze-requests/binance.txt',
      'freeze-requests/kraken.txt',
      'c1/done',
      'c1/report.html',
    ])
      expect(existsSync(join(out, f)), f).toBe(true)
    const binance = readFileSync(
      join(out, 'freeze-requests/binance.txt'),
      'utf8',
    )
    for (const id of ['c1', 'c2', 'c3', 'c4'])
      expect(binance).toContain(`Case: ${id} `)
    // Each case bundle carries its own evidence, shared look-ups included.
    const evidence = (id: string) =>
      readdirSync(join(out, id, 'evidence'), { recursive: true }).length
    expect(evidence('c3')).toBeGreaterThan(0)
    expect(evidence('c4')).toBeGreaterThan(0)
    // One explorer over every case, each node tagged with its case folder.
    const explore = readFileSync(join(out, 'explore.html'), 'utf8')
    const block = explore.slice(
      explore.indexOf('<script type="application/json"'),
      explore.indexOf('</script>'),
    )
    const data = JSON.parse(block.slice(block.indexOf('>') + 1)) as {
      nodes: { id: string; caseId: string; evidence: string[] }[]
      edges: { txHash: string; caseId: string; evidence: string[] }[]
      cases: { id: string; reportHref: string }[]
    }
    expect(data.cases.map((c) => c.id).sort()).toEqual(
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].filter((id) =>
        existsSync(join(out, id, 'report.json')),
      ),
    )
    expect(data.cases.length).toBeGreaterThan(1)
    for (const n of data.nodes)
      expect(n.id.startsWith(`${n.caseId}/`)).toBe(true)
    // Each transfer links to the files in its case's folder that fetched its
    // tx, as the single-case explorer does; addresses link to theirs.
    expect(data.edges.length).toBeGreaterThan(0)
    for (const e of data.edges) {
      expect(e.evidence.length, e.txHash).toBeGreaterThan(0)
      for (const path of e.evidence) {
        expect(path.startsWith(`${e.caseId}/evidence/`), path).toBe(true)
        expect(readFileSync(join(out, path), 'utf8')).toContain(e.txHash)
      }
    }
    expect(data.nodes.some((n) => n.evidence.length > 0)).toBe(true)
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      'href="explore.html"',
    )

    // A re-run skips every finished case and fetches nothing.
    const before = server.requestCount()
    const again = await runBatchCli([
      file,
      ...flags(server.url, out, fresh('cache-unused')),
    ])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain('6 complete (6 from an earlier run)')
    expect(server.requestCount()).toBe(before)
  })

  test('aborted half way, then re-run: same results, no settled answer fetched twice across both runs', async () => {
    server = await startEsploraServer(scenario.fixtures, { latencyMs: 25 })
    const { cases } = parseCases(casesCsv(), { file: 'cases.csv' })
    const out = fresh('out')
    const cacheDir = fresh('cache')
    const options = {
      outDir: out,
      cacheDir,
      esploraUrl: server.url,
      rps: 1000,
      concurrency: 2,
      labelFiles: [labels],
      bundledLabels: false,
      minAmount: '0',
    }
    const controller = new AbortController()
    const first = batch(cases, { ...options, signal: controller.signal })
    const s = server
    while (s.requestCount() < 14) await new Promise((r) => setTimeout(r, 2))
    controller.abort(new Error('interrupted by SIGINT'))
    const stopped: BatchResult = await first
    expect(stopped.interrupted).toBe(true)
    expect(stopped.complete).toBe(false)
    const unfinished = stopped.cases.filter((c) => c.status !== 'complete')
    expect(unfinished.length).toBeGreaterThan(0)
    for (const c of unfinished)
      expect(existsSync(join(out, c.dir, 'done')), c.id).toBe(false)
    expect(existsSync(join(out, 'index.html'))).toBe(true)
    const firstRun = server.requestCount()
    expect(firstRun).toBeLessThan(36)

    const second = await batch(cases, options)
    expect(second.complete).toBe(true)
    expect(second.cases.filter((c) => c.resumed).map((c) => c.id)).toEqual(
      stopped.cases.filter((c) => c.status === 'complete').map((c) => c.id),
    )
    expectTruth(readSummary(out))
    // Raw txs and confirmed txs once across both runs; as-of answers at most once per run.
    expect(settledPathsTwice(server)).toEqual([])
    expect(stopped.requests + second.requests).toBe(server.requestCount())
  })

  test('bad rows: every one reported with its line, nothing fetched, exit 2', async () => {
    server = await startEsploraServer(scenario.fixtures)
    const [c1, c2] = scenario.cases
    const file = join(tmp, 'bad.csv')
    writeFileSync(
      file,
      [
        'case_id,chain,tx,victim',
        `good,bitcoin,${c1?.tx},${c1?.victim}`,
        `bad-tx,bitcoin,xyz,${c1?.victim}`,
        `bad-victim,bitcoin,${c2?.tx},1NotAnAddress`,
        `good,bitcoin,${c2?.tx},`,
      ].join('\n'),
    )
    const r = await runBatchCli([
      file,
      ...flags(server.url, fresh('out'), fresh('cache')),
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('3 problems in 3 rows')
    expect(r.stderr).toContain('line 3: tx: invalid txid "xyz"')
    expect(r.stderr).toContain(
      'line 4: victim: invalid bitcoin address "1NotAnAddress"',
    )
    expect(r.stderr).toContain('line 5: case_id: duplicate of line 2')
    expect(server.requestCount()).toBe(0)
  })

  test('a source that cannot be reached: each case says the host and cause in one line, never the URL', async () => {
    const [c1] = scenario.cases
    const file = join(tmp, 'unreachable.csv')
    writeFileSync(
      file,
      ['case_id,chain,tx,victim', `c1,bitcoin,${c1?.tx},${c1?.victim}`].join(
        '\n',
      ),
    )
    const out = fresh('out')
    const r = await runBatchCli([
      file,
      ...flags('http://127.0.0.1:9/secret-key-path', out, fresh('cache')),
      '--retries',
      '0',
    ])
    // Any case not complete makes the batch incomplete.
    expect(r.code).toBe(3)
    const summary = readSummary(out) as Summary & {
      cases: { error?: string }[]
    }
    const error = summary.cases[0]?.error ?? ''
    expect(error).toMatch(/^cannot reach 127\.0\.0\.1:9: /)
    expect(error).not.toContain('\n')
    expect(`${r.stdout}${r.stderr}${JSON.stringify(summary)}`).not.toContain(
      'secret-key-path',
    )
  })

  test('hostile case ids stay inside --out, each in its own folder', async () => {
    server = await startEsploraServer(scenario.fixtures)
    const hostile = [
      '../../etc',
      'a/b',
      'a\\b',
      'a-b',
      '..',
      '<img src=x onerror=alert(1)>',
    ]
    const root = fresh('root')
    const out = join(root, 'out')
    const file = join(tmp, `hostile-${n}.csv`)
    writeFileSync(file, casesCsv(hostile))
    const r = await runBatchCli([
      file,
      ...flags(server.url, out, join(root, 'cache')),
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(readdirSync(root).sort()).toEqual(['cache', 'out'])
    const dirs = readdirSync(out).filter((d) =>
      existsSync(join(out, d, 'done')),
    )
    expect(dirs).toHaveLength(hostile.length)
    for (const d of dirs) expect(d).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    expect(dirs).toContain('a-b')
    const ids = Object.fromEntries(
      scenario.cases.map((c, i) => [c.id, hostile[i] ?? '']),
    )
    expectTruth(readSummary(out), ids)
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('a real process, killed and re-run', () => {
  test.each(['SIGINT', 'SIGKILL'] as const)(
    '%s half way, then re-run',
    async (signal) => {
      server = await startEsploraServer(scenario.fixtures, { latencyMs: 40 })
      const file = `${fresh('cases')}.csv`
      writeFileSync(file, casesCsv())
      const out = fresh('out')
      const argv = ['batch', file, ...flags(server.url, out, fresh('cache'))]
      // Two requests in flight at most: what a SIGKILL can lose.
      argv.push('--concurrency', '2')
      const first = spawnBatch(argv)
      const s = server
      // Half way is counted in requests, not time: a loaded machine can take
      // any while to start the child, and a kill before its first request
      // would test nothing.
      let exited = false
      const ended = () => {
        exited = true
      }
      void first.done.then(ended, ended)
      while (s.requestCount() < 12 && !exited)
        await new Promise((r) => setTimeout(r, 5))
      expect(exited, 'the batch ended before it could be killed').toBe(false)
      first.child.kill(signal)
      const killed = await first.done
      if (signal === 'SIGINT') {
        expect(killed.code, killed.stderr).toBe(3)
        expect(killed.stdout).toContain('interrupted')
        expect(existsSync(join(out, 'index.html'))).toBe(true)
      } else expect(killed.signal).toBe('SIGKILL')
      const firstRun = server.requestsByPath()
      const again = await runBatchCli(argv.slice(1))
      expect(again.code, again.stderr).toBe(0)
      expectTruth(readSummary(out))
      const twice = settledPathsTwice(server).map(([path]) => path)
      if (signal === 'SIGINT') expect(twice).toEqual([])
      // A SIGKILL loses only what was on the wire.
      else expect(twice.length).toBeLessThanOrEqual(4)
      expect(Object.keys(firstRun).length).toBeGreaterThan(0)
    },
    // Two real batch processes, one after the other.
    120_000,
  )
})
