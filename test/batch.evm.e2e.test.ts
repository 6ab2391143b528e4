/**
 * Batch on EVM: three victims of one scam on a loopback explorer + node
 * (bench/evm-chain.ts, real node:http). Each attacker forwards part of the
 * loot to one Binance deposit address D, swept to the hot wallet H.
 *
 * Hand-derived hits (haircut; every attacker holds stolen ETH only, so each
 * forwarded wei is stolen): case-1 5 ETH, case-2 3 ETH, case-3 2 ETH, all at D.
 *
 * Case 3 names its own explorer (a second server on the same chain) and a
 * node in its row: the row wins over the batch flags. Every case shares the
 * batch's one client: D's look-ups are made once for cases 1 and 2, and the
 * network requests equal the distinct look-ups. The API key reaches the
 * explorer but never the evidence, reports or summaries.
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
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type SimChain,
  type SimServer,
  type SimTx,
  startSimServer,
} from '../bench/evm-chain.js'
import { parseCases } from '../src/batch/cases.js'
import { batch } from '../src/batch/run.js'
import { runCli } from './support/run-cli.js'

const addr = (n: string) => `0x${n.repeat(40)}`.slice(0, 42)
const [V1, V2, V3] = [addr('1'), addr('2'), addr('3')]
const [A1, A2, A3] = [addr('a'), addr('b'), addr('c')]
const D = addr('d') // the shared Binance deposit address
const H = addr('e') // Binance hot wallet
const ETH = 10n ** 18n
const GWEI = 10n ** 9n
const hash = (n: number) =>
  `0x${'ab'.repeat(31)}${n.toString(16).padStart(2, '0')}`
const tx = (
  n: number,
  block: number,
  from: string,
  to: string,
  value: bigint,
): SimTx => ({
  hash: hash(n),
  block,
  index: 0,
  from,
  to,
  value,
  gasUsed: 21_000n,
  gasPrice: 20n * GWEI,
})

const CHAIN: SimChain = {
  chainId: 1,
  tip: 200,
  txs: [
    tx(1, 101, V1, A1, 10n * ETH), // seed, case-1
    tx(2, 102, V2, A2, 6n * ETH), // seed, case-2
    tx(3, 103, V3, A3, 4n * ETH), // seed, case-3
    tx(4, 110, A1, D, 5n * ETH),
    tx(5, 111, A2, D, 3n * ETH),
    tx(6, 112, A3, D, 2n * ETH),
    tx(7, 120, D, H, 10n * ETH - 21_000n * 20n * GWEI), // the sweep
  ],
}

const TRUTH: Record<string, [string, string, string][]> = {
  'case-1': [[D, 'ETH', '5']],
  'case-2': [[D, 'ETH', '3']],
  'case-3': [[D, 'ETH', '2']],
}

const KEY = 'batchsecretkey0123456789'
const ENV = {
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
  ETHERSCAN_API_KEY: KEY,
}

let tmp: string
let labels: string
let main: SimServer
let other: SimServer
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-batch-evm-'))
  labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    `chain,address,entity,category,source\nethereum,${H},Binance,exchange,test\n`,
  )
  main = await startSimServer(CHAIN)
  other = await startSimServer(CHAIN)
})
afterAll(async () => {
  await Promise.all([main.close(), other.close()])
  rmSync(tmp, { recursive: true, force: true })
})

const networkRequests = (s: SimServer) =>
  Object.values(s.served).reduce((a, n) => a + n, 0) + s.rpcCalls()

function casesCsv(): string {
  return [
    'case_id,chain,tx,victim,explorer_url,rpc_url',
    `case-1,ethereum,${hash(1)},${V1},,`,
    `case-2,ethereum,${hash(2)},${V2},,`,
    `case-3,ethereum,${hash(3)},${V3},${other.explorerUrl},${other.rpcUrl}`,
  ].join('\n')
}

type Summary = {
  cases: { id: string; status: string; hits: { address: string }[] }[]
  sharedAddresses: { address: string; kind: string; cases: string[] }[]
  exchanges: { entity: string; totalBase: string; cases: string[] }[]
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))

describe('fundtrace batch, EVM cases', () => {
  test('per-case hits, the shared deposit, one request per distinct look-up', async () => {
    const file = join(tmp, 'cases.csv')
    writeFileSync(file, casesCsv())
    const out = join(tmp, 'out')
    const cache = join(tmp, 'cache')
    const before = [networkRequests(main), networkRequests(other)]
    const r = await runCli(
      [
        'batch',
        file,
        '--out',
        out,
        '--cache-dir',
        cache,
        '--explorer-url',
        main.explorerUrl,
        '--labels',
        labels,
        '--no-bundled-labels',
        '--concurrency',
        '3',
        '--rps',
        '1000',
        '--no-progress',
      ],
      { env: ENV },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(
      readFileSync(join(out, 'summary.json'), 'utf8'),
    ) as Summary
    for (const [id, want] of Object.entries(TRUTH)) {
      const report = JSON.parse(
        readFileSync(join(out, id, 'report.json'), 'utf8'),
      ) as {
        status: string
        hits: { address: string; asset: string; amount: string }[]
      }
      expect(report.status, id).toBe('complete')
      expect(
        report.hits.map((h) => [h.address, h.asset, h.amount]),
        id,
      ).toEqual(want)
      expect(summary.cases.find((c) => c.id === id)?.status).toBe('complete')
    }
    expect(summary.sharedAddresses.find((s) => s.address === D)).toMatchObject({
      kind: 'deposit',
      cases: ['case-1', 'case-2', 'case-3'],
    })
    expect(summary.exchanges.map((x) => [x.entity, x.totalBase])).toEqual([
      ['Binance', String(10n * ETH)],
    ])
    // The row's explorer and node were used for case 3, the flag's for the rest.
    const used = [
      networkRequests(main) - (before[0] ?? 0),
      networkRequests(other) - (before[1] ?? 0),
    ]
    expect(used[0]).toBeGreaterThan(0)
    expect(used[1]).toBeGreaterThan(0)
    expect(other.rpcCalls()).toBeGreaterThan(0)
    expect(main.rpcCalls()).toBe(0)
    const m = /(\d+) requests for (\d+) distinct look-ups/.exec(r.stdout)
    expect(m?.[1]).toBe(m?.[2])
    expect(Number(m?.[1])).toBe((used[0] ?? 0) + (used[1] ?? 0))
    // Nothing of the key in anything written.
    for (const path of [...filesUnder(out), ...filesUnder(cache)])
      expect(readFileSync(path, 'utf8'), path).not.toContain(KEY)
  })

  test("progress: JSON lines on stderr carry each EVM case's addresses read", async () => {
    const file = join(tmp, 'cases-progress.csv')
    writeFileSync(file, casesCsv())
    const out = join(tmp, 'out-progress')
    const r = await runCli(
      [
        'batch',
        file,
        '--out',
        out,
        '--no-cache',
        '--explorer-url',
        main.explorerUrl,
        '--labels',
        labels,
        '--no-bundled-labels',
        '--rps',
        '1000',
      ],
      { env: ENV },
    )
    expect(r.code).toBe(0)
    const events = r.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    // Throttled to one line per case a second: each case shows at least one.
    const progress = events.filter((e) => e.type === 'case-progress')
    for (const id of Object.keys(TRUTH))
      expect(
        progress.find((e) => e.id === id),
        id,
      ).toMatchObject({
        txs: expect.any(Number),
        hops: expect.any(Number),
        hits: expect.any(Number),
        lookups: expect.any(Number),
      })
  })

  test('library: cases 1 and 2 share every look-up of D; a re-run asks only as-of questions', async () => {
    const { cases } = parseCases(casesCsv(), { file: 'cases.csv' })
    const two = cases.filter((c) => c.id !== 'case-3')
    const cache = join(tmp, 'cache-lib')
    const before = networkRequests(main)
    const options = {
      outDir: join(tmp, 'out-lib'),
      cacheDir: cache,
      explorerUrl: main.explorerUrl,
      labelFiles: [labels],
      bundledLabels: false,
      concurrency: 2,
      rps: 1000,
      env: ENV,
    }
    const result = await batch(two, options)
    expect(result.complete).toBe(true)
    expect(
      result.cases.map((c) => c.report?.hits.map((h) => h.amount)),
    ).toEqual([['5'], ['3']])
    expect(result.requests).toBe(result.distinctRequests)
    expect(result.requests).toBe(networkRequests(main) - before)
    // Each case looked D up; the batch fetched those look-ups once.
    const lookups = result.cases.reduce((a, c) => a + c.lookups, 0)
    expect(lookups).toBeGreaterThan(result.distinctRequests)
    expect(result.cases.reduce((a, c) => a + c.fetched, 0)).toBe(
      result.requests,
    )
    // A fresh output folder over the same store: the txs, receipts and
    // blocks come from the store; only the tip and the address lists (as-of
    // answers) are asked again.
    const again = await batch(two, { ...options, outDir: join(tmp, 'out-2') })
    expect(again.complete).toBe(true)
    expect(again.requests).toBeGreaterThan(0)
    expect(again.requests).toBeLessThan(result.requests)
    expect(again.cases.map((c) => c.report?.hits.map((h) => h.amount))).toEqual(
      [['5'], ['3']],
    )
  })

  test('an Etherscan case with no key and no node fails before any request', async () => {
    const { cases } = parseCases(casesCsv(), { file: 'cases.csv' })
    const before = networkRequests(main) + networkRequests(other)
    await expect(
      batch(cases, {
        outDir: join(tmp, 'out-nokey'),
        cache: false,
        env: { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' },
        bundledLabels: false,
      }),
    ).rejects.toMatchObject({
      name: 'UsageError',
      shortMessage: expect.stringMatching(/^case "case-1" \(line 2\): .*key/),
    })
    expect(networkRequests(main) + networkRequests(other)).toBe(before)
  })
})
