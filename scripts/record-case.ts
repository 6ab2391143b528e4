/**
 * Records a bundled evidence case: serves a fixtures/esplora scenario at the
 * address a self-hosted electrs listens on by default, runs a real trace with
 * --out, and leaves a bundle that `fundtrace trace --replay` reproduces offline.
 *
 *   npx tsx scripts/record-case.ts <scenario> <out-dir> [extra trace flags...]
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { main } from '../src/cli/main.js'
import { loadEsploraFixtures } from '../test/support/esplora-fixtures.js'
import { esploraHandlers } from '../test/support/esplora-server.js'

const ELECTRS = 'http://localhost:3000'

async function record(): Promise<void> {
  const [scenario, out, ...extra] = process.argv.slice(2)
  if (!scenario || !out)
    throw new Error('usage: record-case.ts SCENARIO OUT [flags]')
  const dir = join('fixtures/esplora', scenario)
  const fixtures = loadEsploraFixtures(dir)
  const kase = fixtures.case as { seedTxid: string; victims: string[] }
  const server = setupServer(...esploraHandlers(fixtures, ELECTRS))
  server.listen({ onUnhandledRequest: 'error' })
  rmSync(out, { recursive: true, force: true })
  const code = await main([
    'trace',
    '--tx',
    process.env.SEED ?? kase.seedTxid,
    ...kase.victims.flatMap((v) => ['--victim', v]),
    '--esplora-url',
    ELECTRS,
    '--no-cache',
    '--no-progress',
    '--out',
    out,
    ...extra,
  ])
  server.close()
  process.exitCode = code
}

void record()
