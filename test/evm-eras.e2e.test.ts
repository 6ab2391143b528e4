/**
 * The same theft in 2017 blocks and in 2024 blocks gives the same hits.
 * Before Byzantium (block 4,370,000) receipts carry a post-state root and no
 * status, explorers leave txreceipt_status empty, and receipts from older
 * clients have no effectiveGasPrice: none of that is a failed tx. The case is
 * test/support/evm-hidden-case.ts, moved 4,000,000 blocks back for 2017.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SimChain, startSimServer } from '../bench/evm-chain.js'
import {
  CHAIN,
  command,
  EXPECTED,
  NO_KEY,
  writeLabels,
} from './support/evm-hidden-case.js'
import { readReport, runCli } from './support/run-cli.js'

const BACK = 4_000_000

/** The hidden case with every block moved to `shift` (2017 when negative), answered as that era did. */
function era(shift: number): SimChain {
  return {
    ...CHAIN,
    tip: CHAIN.tip + shift,
    txs: CHAIN.txs.map((t) => ({ ...t, block: t.block + shift })),
    preByzantium: shift + CHAIN.tip < 4_370_000,
  }
}
const ERAS = {
  2017: era(BACK),
  2024: era(20_000_000),
}

let tmp: string
let labels: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-evm-eras-'))
  labels = writeLabels(tmp)
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const MODES = {
  'explorer and node': (s: { explorerUrl: string; rpcUrl: string }) => s,
  'node alone': (s: { explorerUrl: string; rpcUrl: string }) => ({
    rpcUrl: s.rpcUrl,
  }),
}

async function hits(year: keyof typeof ERAS, mode: keyof typeof MODES) {
  const server = await startSimServer(ERAS[year], {
    callTracer: true,
    traceFilter: 'union',
  })
  const out = join(tmp, `${year}-${mode.replace(/\W+/g, '-')}`)
  try {
    const run = await runCli(
      command(out, 'haircut', labels, MODES[mode](server)),
      { env: NO_KEY },
    )
    const report = readReport(out)
    return {
      code: run.code,
      hits: report.hits
        .map((h) => [h.address, h.asset, h.amount])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      blocks: report.graph.edges.map(
        (e) => e.block ?? Number.POSITIVE_INFINITY,
      ),
    }
  } finally {
    await server.close()
  }
}

const expected = [...EXPECTED.haircut].sort((a, b) => a[0].localeCompare(b[0]))

describe.each(Object.keys(MODES) as (keyof typeof MODES)[])('%s', (mode) => {
  test('2017 blocks, receipts without status: the 2024 hits', {
    timeout: 180_000,
  }, async () => {
    const [old, recent] = [await hits(2017, mode), await hits(2024, mode)]
    expect(recent.hits).toEqual(expected)
    expect(old.hits).toEqual(recent.hits)
    expect(old.code).toBe(recent.code)
    expect(Math.max(...old.blocks)).toBeLessThan(4_370_000)
  })
})
