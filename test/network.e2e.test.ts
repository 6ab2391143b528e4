/**
 * A live trace that cannot fetch its seed: one line naming the host, the
 * cause and the attempts, with the flags that get around it; exit 1 and
 * nothing written to --out. On a terminal, each retry is drawn as it waits.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo, createServer as createTcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { runCli } from './support/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-network-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0))
    await new Promise((resolve) => server.close(resolve))
})

const SEED =
  'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1'
// The path and query stand for an API key: they must never be printed.
const SECRET_PATH = '/SECRETPATH/api'

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A plain-HTTP server: https:// to it fails in the TLS handshake. */
async function httpServer(
  handler: (res: import('node:http').ServerResponse) => void,
): Promise<number> {
  const server = createServer((_req, res) => handler(res))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** What undici's fetch throws when the name does not resolve. */
const dnsFailure: typeof fetch = async () => {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND esplora.invalid'), {
      code: 'ENOTFOUND',
      hostname: 'esplora.invalid',
    }),
  })
}

function live(url: string, out: string, extra: string[] = []): string[] {
  return [
    'trace',
    '--tx',
    SEED,
    '--esplora-url',
    url,
    '--no-cache',
    '--retries',
    '1',
    '--out',
    out,
    ...extra,
  ]
}

const FIX =
  /nothing was traced\. Check the network.*, or give --esplora-url URL, or trace offline with --replay DIR\.$/

describe('the seed cannot be fetched: one line, exit 1, no bundle', () => {
  const cases = [
    {
      what: 'connection refused',
      url: async () => `http://127.0.0.1:${await closedPort()}${SECRET_PATH}`,
      line: /^fundtrace: cannot reach 127\.0\.0\.1:\d+: connection refused \(after 2 attempts\); /,
    },
    {
      what: 'DNS name did not resolve',
      url: async () => `https://esplora.invalid${SECRET_PATH}`,
      fetch: dnsFailure,
      line: /^fundtrace: cannot reach esplora\.invalid: DNS name did not resolve \(after 2 attempts\); /,
    },
    {
      what: 'TLS error',
      url: async () =>
        `https://127.0.0.1:${await httpServer((res) => res.end('{}'))}${SECRET_PATH}`,
      line: /^fundtrace: cannot reach 127\.0\.0\.1:\d+: TLS error \(ERR_SSL_WRONG_VERSION_NUMBER\) \(after 2 attempts\); /,
    },
    {
      what: 'timed out',
      url: async () =>
        `http://127.0.0.1:${await httpServer(() => {})}${SECRET_PATH}`,
      extra: ['--timeout', '300'],
      line: /^fundtrace: no answer from 127\.0\.0\.1:\d+ within 300 ms after 2 attempts; /,
    },
  ]
  test.each(cases)('$what', async (c) => {
    const out = join(tmp, c.what.replace(/\W+/g, '-'))
    const { code, stdout, stderr } = await runCli(
      live(await c.url(), out, [...(c.extra ?? []), '--no-progress']),
      { fetch: c.fetch },
    )
    expect(code, stderr).toBe(1)
    expect(stdout).toBe('')
    const lines = stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(c.line)
    expect(lines[0]).toMatch(FIX)
    expect(stderr).not.toContain('SECRETPATH')
    expect(stderr).not.toContain('/tx/')
    expect(existsSync(out)).toBe(false)
  })

  test('an earlier bundle at --out is left exactly as it was', async () => {
    const out = join(tmp, 'earlier')
    const replay = ['--replay', 'fixtures/cases/satoshi-hal', '--tx', SEED]
    const first = await runCli([
      'trace',
      ...replay,
      '--out',
      out,
      '--no-progress',
    ])
    expect(first.code, first.stderr).toBe(0)
    const before = snapshot(out)
    const url = `http://127.0.0.1:${await closedPort()}/api`
    const failed = await runCli(live(url, out, ['--no-progress']))
    expect(failed.code).toBe(1)
    expect(snapshot(out)).toEqual(before)
    // No temporary sibling folder is left behind either.
    expect(
      readdirSync(tmp).filter((name) => name.includes('fundtrace-')),
    ).toEqual([])
  })
})

describe('retries on a terminal', () => {
  test('each retry is drawn on one redrawn line, then cleared', async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}${SECRET_PATH}`
    const out = join(tmp, 'tty')
    const tty = await runCli(live(url, out), { isTTY: true })
    expect(tty.code).toBe(1)
    // The seed's requests run side by side: one redraw for each retry.
    const retry = `\\r\\u001b\\[2Kretrying 127\\.0\\.0\\.1:${port}: connection refused \\(attempt 2 of 2, next in (<1|\\d+) s\\)`
    expect(tty.stderr).toMatch(
      new RegExp(`^(${retry})+\\r\\u001b\\[2Kfundtrace: cannot reach`),
    )
    expect(tty.stderr).not.toContain('SECRETPATH')
    // Not a terminal: no retry line, just the error.
    const pipe = await runCli(live(url, out))
    expect(pipe.stderr).not.toContain('retrying')
    expect(pipe.stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

/** Every file under dir with its SHA-256. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name)
      if (entry.isDirectory()) walk(rel)
      else
        files[rel] = createHash('sha256')
          .update(readFileSync(join(dir, rel)))
          .digest('hex')
    }
  }
  walk('')
  return files
}
