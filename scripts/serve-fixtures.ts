/** Dev helper: serves a fixtures/esplora/<scenario> directory as a loopback Esplora API. */
import { loadEsploraFixtures } from '../test/support/esplora-fixtures.js'
import { startEsploraServer } from '../test/support/esplora-server.js'

async function run(): Promise<void> {
  const [dir, latency, rps] = process.argv.slice(2)
  if (!dir) throw new Error('usage: serve-fixtures.ts DIR [latencyMs] [rps]')
  const server = await startEsploraServer(loadEsploraFixtures(dir), {
    ...(latency ? { latencyMs: Number(latency) } : {}),
    ...(rps ? { rps: Number(rps) } : {}),
  })
  process.stdout.write(`${server.url}\n`)
}

void run()
