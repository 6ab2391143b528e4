import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { loadEsploraFixtures } from './esplora-fixtures.js'
import { type EsploraServer, startEsploraServer } from './esplora-server.js'
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultProxy,
  pickFault,
  startFaultProxy,
} from './fault-proxy.js'

const fixtures = loadEsploraFixtures(
  new URL('../../fixtures/esplora/peel-chain', import.meta.url).pathname,
)
const seed = (fixtures.case as { seedTxid: string }).seedTxid
let upstream: EsploraServer | undefined
let proxy: FaultProxy | undefined

afterEach(async () => {
  await proxy?.close()
  await upstream?.close()
  proxy = undefined
  upstream = undefined
})

async function through(
  options: Omit<Parameters<typeof startFaultProxy>[0], 'target'>,
) {
  upstream = await startEsploraServer(fixtures)
  proxy = await startFaultProxy({ target: upstream.url, ...options })
  return proxy
}

/** What the client observes: status and body, or the transport error. */
// Long enough for a loaded machine's answer; a hang is cut far sooner.
async function observe(url: string, timeoutMs = 5_000) {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    const body = await response.text()
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body,
    }
  } catch (err) {
    return { error: (err as Error).name }
  }
}

describe('pickFault', () => {
  test('is a pure function of (seed, path, visit)', () => {
    const picks = (s: number) =>
      Array.from({ length: 50 }, (_, i) =>
        pickFault(s, `/tx/${i}`, 0, 0.5, FAULT_KINDS),
      )
    expect(picks(7)).toEqual(picks(7))
    expect(picks(7)).not.toEqual(picks(8))
  })

  test.each([0, 0.2, 0.5, 1])('faults about %d of requests', (rate) => {
    const n = 4000
    let faulted = 0
    for (let i = 0; i < n; i++)
      if (pickFault(3, `/tx/${i}`, i % 3, rate, FAULT_KINDS)) faulted++
    expect(Math.abs(faulted / n - rate)).toBeLessThan(0.03)
  })

  test('uses every kind it is given, and only those', () => {
    const seen = new Set<FaultKind>()
    for (let i = 0; i < 2000; i++) {
      const fault = pickFault(1, `/p/${i}`, 0, 1, ['500', 'reset'])
      if (fault) seen.add(fault)
    }
    expect([...seen].sort()).toEqual(['500', 'reset'])
  })
})

describe('startFaultProxy', () => {
  test('rate 0 forwards every answer unchanged', async () => {
    const p = await through({ faultRate: 0 })
    for (const path of [`/tx/${seed}`, `/tx/${seed}/hex`, '/nope']) {
      const direct = await observe(`${upstream!.url}${path}`)
      expect(await observe(`${p.url}${path}`)).toEqual(direct)
    }
    expect(p.stats()).toMatchObject({ requests: 3, forwarded: 3, faults: {} })
  })

  test.each<[FaultKind, string, Record<string, unknown>]>([
    ['429-retry-after', '', { status: 429, retryAfter: '1' }],
    ['429', '', { status: 429, retryAfter: null }],
    ['500', '', { status: 500 }],
    ['502', '', { status: 502 }],
    ['503', '', { status: 503 }],
    ['schema-invalid', '', { status: 200, body: '{"txid":5}' }],
    // Not hex: whatever it is, a parser of raw txs must reject it.
    [
      'schema-invalid',
      '/hex',
      { status: 200, body: expect.not.stringMatching(/^[0-9a-f]+$/) },
    ],
    ['etherscan-rate-limit', '', { status: 200 }],
    ['hang', '', { error: 'TimeoutError' }],
    ['reset', '', { error: 'TypeError' }],
    ['truncated', '/hex', { error: 'TypeError' }],
  ])('%s on /tx/<seed>%s', async (kind, sub, expected) => {
    const p = await through({ faultRate: 1, faults: [kind], hangMs: 2000 })
    const seen = await observe(
      `${p.url}/tx/${seed}${sub}`,
      kind === 'hang' ? 500 : undefined,
    )
    expect(seen).toMatchObject(expected)
    expect(p.stats().faults).toEqual({ [kind]: 1 })
  })

  test('truncated JSON is a 200 with half the real body', async () => {
    const p = await through({ faultRate: 1, faults: ['truncated'] })
    const real = JSON.stringify(fixtures.txs.get(seed))
    const seen = await observe(`${p.url}/tx/${seed}`)
    expect(seen).toMatchObject({ status: 200 })
    const body = (seen as { body: string }).body
    expect(real.startsWith(body)).toBe(true)
    expect(body.length).toBe(Math.floor(real.length / 2))
    expect(() => JSON.parse(body)).toThrow()
  })

  test('a hang shorter than the timeout is only slow', async () => {
    const p = await through({ faultRate: 1, faults: ['hang'], hangMs: 50 })
    expect(await observe(`${p.url}/blocks/tip/height`, 2000)).toEqual({
      status: 200,
      retryAfter: null,
      body: '850020',
    })
  })

  test('outageAfter: N requests pass, then everything is 503', async () => {
    const p = await through({ outageAfter: 2 })
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push(
        ((await observe(`${p.url}/tx/${seed}`)) as { status: number }).status,
      )
    expect(statuses).toEqual([200, 200, 503, 503])
    expect(p.stats()).toMatchObject({
      requests: 4,
      forwarded: 2,
      faults: { outage: 2 },
    })
  })

  test("mode 'outage' answers everything with 503", async () => {
    const p = await through({ mode: 'outage' })
    expect(await observe(`${p.url}/blocks/tip/height`)).toMatchObject({
      status: 503,
    })
    expect(upstream!.requestCount()).toBe(0)
  })

  test('the same seed faults the same requests', async () => {
    const run = async () => {
      const p = await through({
        faultRate: 0.5,
        seed: 42,
        faults: ['500', '503'],
      })
      for (const path of ['/a', '/b', '/c', '/a', '/b', '/c', '/d', '/e'])
        await observe(`${p.url}${path}`)
      const log = p.stats().log
      await p.close()
      await upstream!.close()
      proxy = undefined
      upstream = undefined
      return log
    }
    const first = await run()
    expect(first.some((entry) => entry.fault)).toBe(true)
    expect(first.some((entry) => !entry.fault)).toBe(true)
    expect(await run()).toEqual(first)
  })
})

test('heal() ends an outage', async () => {
  upstream = await startEsploraServer(fixtures)
  proxy = await startFaultProxy({ target: upstream.url, mode: 'outage' })
  expect(await observe(`${proxy.url}/blocks/tip/height`)).toMatchObject({
    status: 503,
  })
  proxy.heal()
  expect(await observe(`${proxy.url}/blocks/tip/height`)).toMatchObject({
    status: 200,
    body: '850020',
  })
})

test('a POST reaches the server with its body and content type (JSON-RPC)', async () => {
  const echo = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          method: req.method,
          type: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  const target = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
  // A hang that ends before the client gives up still forwards the body.
  proxy = await startFaultProxy({
    target,
    faultRate: 1,
    faults: ['hang'],
    hangMs: 20,
  })
  try {
    const body = '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}'
    const response = await fetch(`${proxy.url}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    expect(await response.json()).toEqual({
      method: 'POST',
      type: 'application/json',
      body,
    })
  } finally {
    echo.closeAllConnections()
    await new Promise<void>((resolve) => echo.close(() => resolve()))
  }
})
