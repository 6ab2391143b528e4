/**
 * RPC only, no explorer: the hidden EVM case (test/support/evm-hidden-case.ts)
 * traced through a loopback node alone. Native flows need an address index:
 * trace_filter where the node has it, whichever way it combines fromAddress
 * with toAddress, else a block-by-block scan, else the report says which
 * flows were not followed. Tokens come from eth_getLogs. The hits must be
 * the hand-derived ones each time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SimServerOptions, startSimServer } from '../bench/evm-chain.js'
import {
  CHAIN,
  command,
  D2,
  EXPECTED,
  NO_KEY,
  USDT,
  writeLabels,
} from './support/evm-hidden-case.js'
import { readReport, runCli } from './support/run-cli.js'

let tmp: string
let labels: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-evm-rpc-only-'))
  labels = writeLabels(tmp)
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function traceRpcOnly(
  name: string,
  opts: SimServerOptions,
  tip = CHAIN.tip,
  extra: string[] = [],
) {
  const server = await startSimServer(
    { ...CHAIN, tip },
    { callTracer: true, ...opts },
  )
  const out = join(tmp, name)
  try {
    const result = await runCli(
      [...command(out, 'haircut', labels, { rpcUrl: server.rpcUrl }), ...extra],
      { env: NO_KEY },
    )
    return {
      ...result,
      report: readReport(out),
      methods: { ...server.rpcMethods },
    }
  } finally {
    await server.close()
  }
}

const hitsOf = (report: ReturnType<typeof readReport>) =>
  report.hits
    .map((h) => [h.address, h.asset, h.amount])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
const expected = [...EXPECTED.haircut].sort((a, b) => a[0].localeCompare(b[0]))

describe('EVM trace through a JSON-RPC node alone', () => {
  test.each([
    ['trace_filter, union (Erigon, reth)', { traceFilter: 'union' }],
    [
      'trace_filter, intersection (OpenEthereum, Nethermind, Besu)',
      { traceFilter: 'intersection' },
    ],
    [
      'trace_filter and eth_getLogs refusing ranges over 16 blocks',
      { traceFilter: 'union', maxRange: 16 },
    ],
  ] as [string, SimServerOptions][])(
    '%s: the exact hits, no block scan',
    async (name, opts) => {
      const run = await traceRpcOnly(name.replace(/\W+/g, '-'), opts)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(hitsOf(run.report)).toEqual(expected)
      expect(run.report.hits.find((h) => h.address === D2)?.contract).toBe(USDT)
      expect(run.report.status).toBe('complete')
      expect(run.report.reconciliations?.every((r) => r.balanced)).toBe(true)
      expect(run.methods.trace_filter).toBeGreaterThan(0)
      // The index answered: only the blocks of txs actually read were fetched.
      const txBlocks = new Set(CHAIN.txs.map((t) => t.block)).size
      expect(run.methods.eth_getBlockByNumber ?? 0).toBeLessThanOrEqual(
        txBlocks,
      )
    },
  )

  test('no trace_filter, a short range: scanned block by block, the same hits', async () => {
    const run = await traceRpcOnly('scan', {})
    expect(run.code).toBe(0)
    expect(hitsOf(run.report)).toEqual(expected)
    expect(run.methods.trace_filter).toBe(1) // asked once, then remembered
    expect(run.methods.eth_getBlockByNumber).toBeGreaterThan(50)
  })

  test('no trace_filter, a range too long to scan: the report says which flows were not followed', async () => {
    const run = await traceRpcOnly('unscannable', {}, 5000)
    const limits = run.report.limitations ?? []
    expect(limits.join('\n')).toMatch(
      /native and internal flows of 0x[0-9a-f]{40} after block \d+ were not followed: the node has no trace_filter/,
    )
    // Tokens still follow through logs.
    expect(hitsOf(run.report)).toContainEqual([D2, 'USDT', '900'])
    expect(run.methods.eth_getBlockByNumber ?? 0).toBeLessThan(50)
  })

  test('a busy address (over --service-threshold) stops as a likely service before its txs are read', async () => {
    const full = await traceRpcOnly('threshold-off', { traceFilter: 'union' })
    const run = await traceRpcOnly(
      'threshold-2',
      { traceFilter: 'union' },
      CHAIN.tip,
      ['--service-threshold', '2'],
    )
    const stops = run.report.unexplored.filter((u) => u.reason === 'service')
    expect(stops.length).toBeGreaterThan(0)
    // Counterparties of value-bearing transfers count, not log lines.
    expect(stops[0]?.detail).toContain('counterparties, over the 2 threshold')
    expect(run.report.hits).toEqual([])
    expect(run.report.reconciliations?.every((r) => r.balanced)).toBe(true)
    expect(run.methods.eth_getTransactionReceipt ?? 0).toBeLessThan(
      full.methods.eth_getTransactionReceipt ?? 0,
    )
  })
})
