/**
 * An Esplora server of another network is refused before any trace work, and
 * evidence recorded before the check existed still replays, saying so.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { startEsploraServer } from './support/esplora-server.js'
import { readReport, runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-network-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const TESTNET4 =
  '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043'
const SEED =
  'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1'
const BUNDLE = 'fixtures/cases/satoshi-hal'
const noNetwork = () => Promise.reject(new Error('network used'))

test('a testnet4 Esplora: exit 2, one line naming both networks, one request', async () => {
  const fixtures = loadEsploraFixtures('fixtures/esplora/satoshi-hal')
  fixtures.genesisHash = TESTNET4
  const server = await startEsploraServer(fixtures)
  try {
    const out = join(tmp, 'testnet4')
    const { code, stdout, stderr } = await runCli([
      'trace',
      '--tx',
      SEED,
      '--esplora-url',
      server.url,
      '--no-cache',
      '--no-progress',
      '--out',
      out,
    ])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `fundtrace: ${server.url} serves Bitcoin testnet4, not Bitcoin mainnet (--chain bitcoin)\n`,
    )
    expect(server.requestsByPath()).toEqual({ '/block-height/0': 1 })
  } finally {
    await server.close()
  }
})

/** The bundle's evidence without its genesis answer: what an older fundtrace recorded. */
function evidenceWithoutGenesis(): string {
  const dir = join(tmp, 'old-evidence')
  cpSync(join(BUNDLE, 'evidence'), dir, { recursive: true })
  let removed = 0
  for (const sub of readdirSync(dir))
    for (const file of readdirSync(join(dir, sub))) {
      const path = join(dir, sub, file)
      const record = JSON.parse(readFileSync(path, 'utf8')) as { url: string }
      if (!record.url.endsWith('/block-height/0')) continue
      rmSync(path)
      removed++
    }
  expect(removed).toBe(1)
  return dir
}

test.each([
  { evidence: 'the bundle, which holds the answer', old: false },
  { evidence: 'evidence recorded without it', old: true },
])(
  'replay of $evidence: same trace, the report says whether the network was checked',
  async ({ old }) => {
    const replay = old ? evidenceWithoutGenesis() : BUNDLE
    const out = join(tmp, old ? 'replay-old' : 'replay-new')
    const { code, stdout, stderr } = await runCli(
      [
        'trace',
        '--replay',
        replay,
        '--tx',
        SEED,
        '--esplora-url',
        'http://localhost:3000',
        '--out',
        out,
        '--no-progress',
      ],
      { fetch: noNetwork },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = readReport(out)
    const recorded = readReport(BUNDLE)
    expect(report.status).toBe('complete')
    expect(report.atRest).toEqual(recorded.atRest)
    const note =
      'The network of http://localhost:3000 was not checked: this evidence holds no answer to GET /block-height/0 (it was recorded before fundtrace asked for the genesis block).'
    expect(report.limitations).toEqual(old ? [note] : undefined)
    // The summary wraps long lines to 100 columns.
    const flat = stdout.replace(/\s+/g, ' ')
    expect(flat.includes(`Limitation: ${note}`)).toBe(old)
  },
)
