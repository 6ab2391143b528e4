/**
 * Credentials given in the Esplora URL or the environment never reach
 * report files, evidence, the cache, stdout or stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { esploraRoute } from './support/esplora-server.js'
import { runCli, type ScenarioCase, traceArgv } from './support/run-cli.js'

const USER = 'caseofficer'
const PASSWORD = 'SECRETPASS-9f3k2'
const API_KEY = 'SECRETKEY123-zq81'
const ENV_KEY = 'ENVSECRET-77x0q'
const SECRETS = [PASSWORD, API_KEY, ENV_KEY]
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64')

const fixtures = loadEsploraFixtures(
  new URL('../fixtures/esplora/peel-chain', import.meta.url).pathname,
)
const scenario: ScenarioCase = {
  scenario: 'peel-chain',
  ...(fixtures.case as { seedTxid: string; victims: string[] }),
}
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-secrets-'))
let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Esplora under /api that insists on the credentials, as a paid host would. */
async function startAuthServer(): Promise<{
  port: number
  seen: () => string[]
}> {
  const seen: string[] = []
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    seen.push(req.url ?? '')
    const keyOk =
      !url.searchParams.has('apikey') ||
      url.searchParams.get('apikey') === API_KEY
    if (req.headers.authorization !== expected || !keyOk) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized')
      return
    }
    const answer = url.pathname.startsWith('/api/')
      ? esploraRoute(fixtures, url.pathname.slice('/api'.length))
      : { status: 404, contentType: 'text/plain', body: 'Not Found' }
    res
      .writeHead(answer.status, { 'content-type': answer.contentType })
      .end(answer.body)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, seen: () => seen }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {
    recursive: true,
    encoding: 'utf8',
    withFileTypes: false,
  })
    .map((name) => join(dir, name))
    .filter((path) => {
      try {
        readFileSync(path)
        return true
      } catch {
        return false
      }
    })
}

/** Every place a secret could leak to, with its text. */
function outputs(dirs: string[], stdout: string, stderr: string) {
  const places: [string, string][] = [
    ['stdout', stdout],
    ['stderr', stderr],
  ]
  for (const dir of dirs)
    for (const file of filesUnder(dir)) {
      places.push([file, readFileSync(file, 'latin1')])
      // File names too: a cache key must not be derived from a visible secret.
      places.push([`name of ${file}`, file])
    }
  return places
}

function leaks(places: [string, string][]): string[] {
  const found: string[] = []
  for (const [where, text] of places)
    for (const secret of SECRETS)
      for (const form of new Set([secret, encodeURIComponent(secret), BASIC]))
        if (text.includes(form)) found.push(`${where} contains ${form}`)
  return found
}

describe('secrets', () => {
  test('user:password in --esplora-url, key in the environment', async () => {
    const { port, seen } = await startAuthServer()
    const out = join(tmp, 'out-userinfo')
    const cacheDir = join(tmp, 'cache-userinfo')
    const url = `http://${USER}:${PASSWORD}@127.0.0.1:${port}/api`
    const result = await runCli(
      traceArgv(scenario, url, [
        '--out',
        out,
        '--cache-dir',
        cacheDir,
        '--rps',
        '1000',
      ]),
      {
        env: { FUNDTRACE_ESPLORA_API_KEY: ENV_KEY, ETHERSCAN_API_KEY: ENV_KEY },
      },
    )
    // The credentials did reach the server (the trace worked)...
    expect(result.code, result.stderr).toBe(0)
    expect(seen().length).toBeGreaterThan(5)
    // ...and nowhere else.
    const places = outputs([out, cacheDir], result.stdout, result.stderr)
    expect(places.length).toBeGreaterThan(10)
    expect(leaks(places)).toEqual([])
  })

  test('?apikey= in --esplora-url', async () => {
    const { port, seen } = await startAuthServer()
    const out = join(tmp, 'out-apikey')
    const cacheDir = join(tmp, 'cache-apikey')
    const url = `http://${USER}:${PASSWORD}@127.0.0.1:${port}/api?apikey=${API_KEY}`
    const result = await runCli(
      traceArgv(scenario, url, [
        '--out',
        out,
        '--cache-dir',
        cacheDir,
        '--rps',
        '1000',
        '--retries',
        '0',
      ]),
      { env: { FUNDTRACE_ESPLORA_API_KEY: ENV_KEY } },
    )
    // Hosted Esplora APIs take the key as a query parameter: it must reach
    // every request (the server answers 401 otherwise) and nothing else.
    expect(result.code, result.stderr).toBe(0)
    const dirs = [out, cacheDir].filter((dir) => {
      try {
        readdirSync(dir)
        return true
      } catch {
        return false
      }
    })
    expect(leaks(outputs(dirs, result.stdout, result.stderr))).toEqual([])
    expect(result.stderr).not.toContain('    at ')
    // Last in the query, after a batch's own txids= where there is one.
    expect(
      seen().every((path) =>
        new URL(path, 'http://x').search.endsWith(`apikey=${API_KEY}`),
      ),
    ).toBe(true)
  })

  test('a failing request names the host, not the password', async () => {
    const { port } = await startAuthServer()
    const url = `http://${USER}:wrong-${PASSWORD}@127.0.0.1:${port}/api`
    const result = await runCli(
      traceArgv(scenario, url, [
        '--no-cache',
        '--rps',
        '1000',
        '--retries',
        '0',
      ]),
    )
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(`127.0.0.1:${port}`)
    expect(
      leaks([
        ['stderr', result.stderr],
        ['stdout', result.stdout],
      ]),
    ).toEqual([])
  })
})
