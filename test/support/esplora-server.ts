/**
 * Serves Esplora fixtures: as msw handlers (unit tests) or as a real HTTP
 * server on 127.0.0.1 (CLI end-to-end tests and the benchmark).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpResponse, http } from 'msw'
import { MAINNET_GENESIS } from '../../src/chains/bitcoin/network.js'
import {
  addressHistory,
  addressMempool,
  type EsploraFixtures,
} from './esplora-fixtures.js'

export type FixtureResponse = {
  status: number
  contentType: 'application/json' | 'text/plain'
  body: string
}

const PAGE = 25
const text = (status: number, body: string): FixtureResponse => ({
  status,
  contentType: 'text/plain',
  body,
})
const json = (value: unknown): FixtureResponse => ({
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(value),
})
const TX_NOT_FOUND = text(404, 'Transaction not found')

function chainPage(
  fixtures: EsploraFixtures,
  address: string,
  last: string | undefined,
): FixtureResponse {
  const history = addressHistory(fixtures, address)
  // electrs: skip up to and including the last seen txid; unknown → empty.
  const start = last ? history.findIndex((tx) => tx.txid === last) + 1 : 0
  if (last && start === 0) return json([])
  return json(history.slice(start, start + PAGE))
}

/** What the server offers beyond Blockstream's Esplora. */
export type EsploraRouteOptions = {
  /** mempool/electrs' `GET /txs/outspends?txids=` (default on); off answers 404 as plain electrs does. */
  batch?: boolean | undefined
}

const outspendsOf = (fixtures: EsploraFixtures, txid: string) => {
  const tx = fixtures.txs.get(txid)
  if (!tx) return undefined
  return fixtures.outspends.get(txid) ?? tx.vout.map(() => ({ spent: false }))
}

/** mempool/electrs: up to 50 txids, an array each in order, [] for an unknown tx. */
function batchOutspends(
  fixtures: EsploraFixtures,
  query: URLSearchParams,
): FixtureResponse {
  const list = query.get('txids')
  if (!list) return text(400, 'No txids specified')
  const txids = list.split(',')
  if (txids.length > 50) return text(400, 'Too many txids requested')
  return json(txids.map((txid) => outspendsOf(fixtures, txid) ?? []))
}

/** Blockstream's shape: up to 50 mempool txs, then the 25 newest confirmed. */
const addressTxs = (fixtures: EsploraFixtures, address: string) =>
  json([
    ...addressMempool(fixtures, address).slice(0, 50),
    ...addressHistory(fixtures, address).slice(0, PAGE),
  ])

/** The fixture answer to one Esplora path (without the base URL's path). */
export function esploraRoute(
  fixtures: EsploraFixtures,
  path: string,
  query: URLSearchParams = new URLSearchParams(),
  options: EsploraRouteOptions = {},
): FixtureResponse {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  const [head, id = '', sub, last, extra] = parts
  if (head === 'tx' && parts.length <= 3) {
    const tx = fixtures.txs.get(id)
    if (!tx) return TX_NOT_FOUND
    if (sub === undefined) return json(tx)
    if (sub === 'hex') {
      const hex = fixtures.hex.get(id)
      return hex ? text(200, hex) : TX_NOT_FOUND
    }
    if (sub === 'outspends') return json(outspendsOf(fixtures, id))
  }
  if (head === 'txs' && id === 'outspends' && parts.length === 2)
    return options.batch === false
      ? text(404, 'Not Found')
      : batchOutspends(fixtures, query)
  if (head === 'address' && sub === 'txs' && parts.length === 3)
    return addressTxs(fixtures, id)
  if (head === 'address' && sub === 'txs' && last === 'chain')
    return extra === undefined || parts.length === 5
      ? chainPage(fixtures, id, extra)
      : text(404, 'Not Found')
  if (head === 'address' && sub === 'txs' && last === 'mempool')
    return extra === undefined
      ? json(addressMempool(fixtures, id))
      : text(404, 'Not Found')
  if (head === 'block-height' && parts.length === 2)
    return id === '0'
      ? text(200, fixtures.genesisHash ?? MAINNET_GENESIS)
      : text(404, 'Block not found')
  if (path.replace(/\/+$/, '') === '/blocks/tip/height')
    return text(200, String(fixtures.tipHeight))
  return text(404, 'Not Found')
}

function reply(r: FixtureResponse): HttpResponse<string> {
  return new HttpResponse(r.body, {
    status: r.status,
    headers: { 'content-type': r.contentType },
  })
}

/** msw handlers for the Esplora routes under `baseUrl` (no trailing slash). */
export function esploraHandlers(
  fixtures: EsploraFixtures,
  baseUrl: string,
  options: EsploraRouteOptions = {},
) {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '')
  const handle = ({ request }: { request: Request }) => {
    const url = new URL(request.url)
    return reply(
      esploraRoute(
        fixtures,
        url.pathname.slice(basePath.length),
        url.searchParams,
        options,
      ),
    )
  }
  return [
    http.get(`${baseUrl}/txs/outspends`, handle),
    http.get(`${baseUrl}/address/:address/txs`, handle),
    http.get(`${baseUrl}/tx/:txid`, handle),
    http.get(`${baseUrl}/tx/:txid/hex`, handle),
    http.get(`${baseUrl}/tx/:txid/outspends`, handle),
    http.get(`${baseUrl}/address/:address/txs/chain`, handle),
    http.get(`${baseUrl}/address/:address/txs/chain/:last`, handle),
    http.get(`${baseUrl}/address/:address/txs/mempool`, handle),
    http.get(`${baseUrl}/blocks/tip/height`, handle),
    http.get(`${baseUrl}/block-height/:height`, handle),
  ]
}

export type EsploraServer = {
  /** http://127.0.0.1:<port> — use as the Esplora base URL. */
  url: string
  close(): Promise<void>
  requestCount(): number
  requestsByPath(): Record<string, number>
  /** Answers refused with 429 by the `rps` limit. */
  rateLimited(): number
}

export type EsploraServerOptions = {
  /** Delay before every answer. */
  latencyMs?: number | undefined
  /** Requests allowed per rolling second; more get 429. */
  rps?: number | undefined
} & EsploraRouteOptions

/** A real HTTP server on 127.0.0.1:0 serving the fixture routes. */
export async function startEsploraServer(
  fixtures: EsploraFixtures,
  options: EsploraServerOptions = {},
): Promise<EsploraServer> {
  const byPath: Record<string, number> = {}
  const recent: number[] = []
  let count = 0
  let refused = 0
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname
    count++
    // A batch is told apart from another by its query.
    const asked = `${path}${url.search}`
    byPath[asked] = (byPath[asked] ?? 0) + 1
    const now = Date.now()
    while (recent.length && recent[0]! <= now - 1000) recent.shift()
    recent.push(now)
    const limited = options.rps !== undefined && recent.length > options.rps
    if (limited) refused++
    const answer = limited
      ? text(429, '429 Too Many Requests')
      : req.method === 'GET'
        ? esploraRoute(fixtures, path, url.searchParams, options)
        : text(405, 'Method Not Allowed')
    const send = () =>
      res
        .writeHead(answer.status, { 'content-type': answer.contentType })
        .end(answer.body)
    if (options.latencyMs) setTimeout(send, options.latencyMs)
    else send()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
    requestCount: () => count,
    requestsByPath: () => ({ ...byPath }),
    rateLimited: () => refused,
  }
}
