/**
 * An `--address` seed reads the victim's whole history. A server whose paging
 * stalls (page 2 is page 1 again) must not cut it to the first 25 thefts and
 * call the trace complete: it is an error naming the address.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, test } from 'vitest'
import { createScenarioBuilder, wallet } from './support/batch-scenario.js'
import type { EsploraFixtures } from './support/esplora-fixtures.js'
import { esploraRoute } from './support/esplora-server.js'
import { readReport, runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-paging-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const THEFTS = 60
const victim = wallet('paging/victim')
const thief = wallet('paging/thief')

/** 60 genuine txs, each moving one 100,000-sat coin of the victim to the thief (fee 10,000). */
function sixtyThefts(): EsploraFixtures {
  const b = createScenarioBuilder()
  for (let i = 0; i < THEFTS; i++)
    b.tx(
      [[b.outside(`paging/coin${i}`, victim, 100_000n), 0]],
      [[thief, 90_000n]],
    )
  return b.fixtures()
}

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** The fixture Esplora; with `stall`, every later page of the history is page 1 again. */
async function serve(fixtures: EsploraFixtures, stall: boolean) {
  const history = `/address/${victim.address}/txs/chain`
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const answer = esploraRoute(
      fixtures,
      stall && path.startsWith(`${history}/`) ? history : path,
    )
    res
      .writeHead(answer.status, { 'content-type': answer.contentType })
      .end(answer.body)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

test.each([
  { pager: 'honest', stall: false },
  { pager: 'stalled', stall: true },
])(
  '60 thefts, $pager pager',
  async ({ stall }) => {
    const url = await serve(sixtyThefts(), stall)
    const out = join(tmp, stall ? 'stalled' : 'honest')
    const { code, stderr } = await runCli([
      'trace',
      '--address',
      victim.address,
      '--since',
      '2024-01-01T00:00:00Z',
      '--no-bundled-labels',
      '--no-cache',
      '--no-progress',
      '--rps',
      '1000',
      '--esplora-url',
      url,
      '--out',
      out,
    ])
    if (!stall) {
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const report = readReport(out)
      expect(report.status).toBe('complete')
      expect(report.atRest).toHaveLength(THEFTS)
      expect(report.reconciliation.stolen.amount).toBe('0.054')
      return
    }
    expect(code).toBe(1)
    expect(stderr.split('\n')[0]).toBe(
      `fundtrace: paging stalled reading the history of ${victim.address} from Esplora: the page after ${firstPageLast()} holds only txs already read`,
    )
    expect(existsSync(join(out, 'report.json'))).toBe(false)
  },
  60_000,
)

/** The oldest tx of page 1 (25 newest first): the cursor of page 2. */
function firstPageLast(): string {
  const fixtures = sixtyThefts()
  const path = `/address/${victim.address}/txs/chain`
  const page = JSON.parse(esploraRoute(fixtures, path).body) as {
    txid: string
  }[]
  expect(page).toHaveLength(25)
  return page.at(-1)!.txid
}
