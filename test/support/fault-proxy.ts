/**
 * A fault-injecting HTTP proxy for end-to-end tests: sits between the tracer
 * and a fixture server and answers a seeded share of requests with the
 * failures public APIs really produce (rate limits, 5xx, broken or lying
 * bodies, hangs, resets), or with a permanent outage.
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

export const FAULT_KINDS = [
  '429-retry-after',
  '429',
  '500',
  '502',
  '503',
  'truncated',
  'schema-invalid',
  'hang',
  'reset',
] as const

/** The defaults above, plus Etherscan's HTTP-200 "Max rate limit reached". */
export type FaultKind = (typeof FAULT_KINDS)[number] | 'etherscan-rate-limit'

export type FaultProxyOptions = {
  /** Base URL of the real server, e.g. http://127.0.0.1:1234 */
  target: string
  /** Share of requests (0..1) answered with a fault. */
  faultRate?: number | undefined
  faults?: readonly FaultKind[] | undefined
  /** Fault choices depend only on (seed, path, how often the path was seen). */
  seed?: number | undefined
  /** How long a 'hang' holds the request before answering normally. */
  hangMs?: number | undefined
  /** Retry-After value sent with '429-retry-after' (seconds, as text). */
  retryAfter?: string | undefined
  /** 'outage': every request gets 503 (same as outageAfter: 0). */
  mode?: 'faults' | 'outage' | undefined
  /** After this many requests, every further request gets 503. */
  outageAfter?: number | undefined
  /**
   * A node that lies: gets each forwarded request's body and the upstream's
   * 200 body, returns the body sent instead (or the upstream's, unchanged).
   */
  rewrite?:
    | ((request: string | undefined, upstream: string) => string)
    | undefined
}

export type FaultProxyStats = {
  requests: number
  forwarded: number
  faults: Partial<Record<FaultKind | 'outage', number>>
  byPath: Record<string, number>
  /** Every request in arrival order, with the fault it got (or null). */
  log: { path: string; fault: FaultKind | 'outage' | null }[]
}

export type FaultProxy = {
  url: string
  close(): Promise<void>
  stats(): FaultProxyStats
  /** The outage (or fault storm) ends: from now on every request is forwarded. */
  heal(): void
}

type Settings = {
  target: string
  rewrite: FaultProxyOptions['rewrite']
  hangMs: number
  retryAfter: string
  onForward: () => void
  wait: (ms: number) => Promise<void>
}

type Upstream = { status: number; contentType: string; body: string }

/** mulberry32: a tiny, good-enough seeded PRNG. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a, to fold (seed, path, visit) into one PRNG seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The fault (or null) for the `visit`-th request of `path`: order-independent. */
export function pickFault(
  seed: number,
  path: string,
  visit: number,
  rate: number,
  faults: readonly FaultKind[],
): FaultKind | null {
  const random = createPrng(hash32(`${seed}\n${path}\n${visit}`))
  if (faults.length === 0 || random() >= rate) return null
  return faults[Math.floor(random() * faults.length)] ?? null
}

/** The request body (a JSON-RPC call is a POST); undefined for GET and HEAD. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function forward(
  target: string,
  req: IncomingMessage,
  body: string | undefined,
): Promise<Upstream> {
  const headers: Record<string, string> = {}
  if (req.headers.authorization)
    headers.authorization = req.headers.authorization
  if (req.headers.accept) headers.accept = req.headers.accept
  if (req.headers['content-type'])
    headers['content-type'] = req.headers['content-type']
  const response = await fetch(`${target.replace(/\/+$/, '')}${req.url}`, {
    method: req.method ?? 'GET',
    headers,
    ...(body !== undefined ? { body } : {}),
  })
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'text/plain',
    body: await response.text(),
  }
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

const isJson = (u: Upstream) => u.contentType.includes('json')

/** A 200 whose body parses but is not what the API promised. */
function lyingBody(upstream: Upstream): string {
  return isJson(upstream)
    ? JSON.stringify({ txid: 5 })
    : '<html><body>Checking your browser…</body></html>'
}

/** JSON cut in half (a broken body with an honest length); text bodies are cut mid-transfer. */
function sendTruncated(res: ServerResponse, upstream: Upstream): void {
  const half = upstream.body.slice(0, Math.floor(upstream.body.length / 2))
  if (isJson(upstream)) {
    send(res, 200, upstream.contentType, half)
    return
  }
  res.writeHead(200, {
    'content-type': upstream.contentType,
    'content-length': Buffer.byteLength(upstream.body),
  })
  res.write(half, () => res.destroy())
}

async function answer(
  fault: FaultKind | 'outage' | null,
  options: Settings,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const plain = (status: number, body: string) =>
    send(res, status, 'text/plain', body)
  switch (fault) {
    case 'outage':
    case '503':
      return plain(503, 'Service Unavailable')
    case '429-retry-after':
      res.setHeader('retry-after', options.retryAfter)
      return plain(429, 'Too Many Requests')
    case '429':
      return plain(429, 'Too Many Requests')
    case '500':
      return plain(500, 'Internal Server Error')
    case '502':
      return plain(502, 'Bad Gateway')
    case 'reset':
      req.socket.destroy()
      return
    case 'etherscan-rate-limit':
      return send(
        res,
        200,
        'application/json',
        '{"status":"0","message":"NOTOK","result":"Max rate limit reached"}',
      )
    default:
  }
  // Read before any wait: the body is the request, whatever becomes of it.
  const body = await readBody(req)
  if (fault === 'hang') await options.wait(options.hangMs)
  if (res.destroyed || req.socket.destroyed) return
  options.onForward()
  const answered = await forward(options.target, req, body)
  const upstream =
    options.rewrite && answered.status === 200
      ? { ...answered, body: options.rewrite(body, answered.body) }
      : answered
  if (fault === 'truncated' && upstream.status === 200)
    return sendTruncated(res, upstream)
  if (fault === 'schema-invalid' && upstream.status === 200)
    return send(res, 200, upstream.contentType, lyingBody(upstream))
  send(res, upstream.status, upstream.contentType, upstream.body)
}

export async function startFaultProxy(
  options: FaultProxyOptions,
): Promise<FaultProxy> {
  const kinds = options.faults ?? FAULT_KINDS
  const seed = options.seed ?? 1
  let outageAfter = options.mode === 'outage' ? 0 : options.outageAfter
  let rate = options.faultRate ?? 0
  const timers = new Set<NodeJS.Timeout>()
  const settings: Settings = {
    target: options.target,
    rewrite: options.rewrite,
    hangMs: options.hangMs ?? 5_000,
    retryAfter: options.retryAfter ?? '1',
    onForward: () => {
      stats.forwarded++
    },
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer)
          resolve()
        }, ms)
        timers.add(timer)
      }),
  }
  const stats: FaultProxyStats = {
    requests: 0,
    forwarded: 0,
    faults: {},
    byPath: {},
    log: [],
  }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const visit = stats.byPath[path] ?? 0
    stats.byPath[path] = visit + 1
    const outage = outageAfter !== undefined && stats.requests >= outageAfter
    stats.requests++
    const fault = outage ? 'outage' : pickFault(seed, path, visit, rate, kinds)
    stats.log.push({ path, fault })
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1
    answer(fault, settings, req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, 502, 'text/plain', '')
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer)
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
    stats: () => structuredClone(stats),
    heal: () => {
      outageAfter = undefined
      rate = 0
    },
  }
}
