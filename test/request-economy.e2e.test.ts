/**
 * A peel chain traced through address histories and batched outspends, then
 * replayed offline: the replay asks exactly the URLs the live run recorded.
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
import { afterAll, expect, test } from 'vitest'
import { buildPeelChain } from '../bench/peel.js'
import type { Report } from '../src/report/types.js'
import { startEsploraServer } from './support/esplora-server.js'
import { comparable, runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-economy-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The URL of every evidence record in a bundle, sorted. */
function evidenceUrls(bundle: string): string[] {
  const dir = join(bundle, 'evidence')
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) =>
        (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { url: string }).url,
    )
    .sort()
}

test.each([
  { server: 'mempool-compatible', batch: true },
  { server: 'plain Esplora', batch: false },
])(
  '$server: a replay of the recorded run asks the same URLs and gives the same report',
  async ({ batch }) => {
    const peel = buildPeelChain(60)
    const labels = join(tmp, 'labels.csv')
    writeFileSync(labels, peel.labelsCsv)
    const server = await startEsploraServer(peel.fixtures, { batch })
    const live = join(tmp, `live-${batch}`)
    const replay = join(tmp, `replay-${batch}`)
    const argv = ['trace', '--tx', peel.seedTxid, '--labels', labels]
    const common = ['--no-bundled-labels', '--no-progress', '--max-hops', '80']
    try {
      const first = await runCli([
        ...argv,
        ...common,
        '--esplora-url',
        server.url,
        '--out',
        live,
      ])
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
    } finally {
      await server.close()
    }
    const recorded = evidenceUrls(live)
    const paths = recorded.map((url) => new URL(url).pathname)
    // One per hop, or on a plain server those asked before its batch probe.
    expect(paths.filter((p) => p.endsWith('/txs')).length).toBe(batch ? 60 : 25)
    // Batches answered (200) are evidence; a plain server's 404 is too.
    expect(paths.filter((p) => p === '/txs/outspends').length).toBe(
      batch ? 3 : 1,
    )
    const failingFetch = () => Promise.reject(new Error('network used'))
    const second = await runCli(
      [...argv, ...common, '--replay', live, '--out', replay],
      { fetch: failingFetch },
    )
    expect(second.stderr).toBe('')
    expect(second.code).toBe(0)
    expect(evidenceUrls(replay)).toEqual(recorded)
    const read = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report
    expect(comparable(read(replay))).toEqual(comparable(read(live)))
    expect(read(live).hits.length).toBe(2)
  },
)
