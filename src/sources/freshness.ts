/**
 * Which answers can change. A cached answer is evidence about the moment it
 * was retrieved; only answers about the settled past may stand in for a new
 * question. One rule table for every source, so a new request is classified
 * by its shape, not by the code that sends it.
 */

/**
 * immutable: the same answer forever (a tx by hash, its raw bytes).
 * once-confirmed: immutable once the answer shows the tx in a block.
 * up-to: about blocks up to `block`; immutable once that block is final.
 * as-of: about the present (tips, histories, outspends, balances).
 */
export type Freshness =
  | { kind: 'immutable' }
  | { kind: 'once-confirmed' }
  | { kind: 'up-to'; block: number }
  | { kind: 'as-of'; tip?: true | undefined }

export type RequestShape = {
  method: 'GET' | 'POST'
  url: string
  body?: string | undefined
}

const AS_OF: Freshness = { kind: 'as-of' }
const TIP: Freshness = { kind: 'as-of', tip: true }
const IMMUTABLE: Freshness = { kind: 'immutable' }
const ONCE_CONFIRMED: Freshness = { kind: 'once-confirmed' }
const TXID = /^(0x)?[0-9a-f]{64}$/i

export function classifyRequest(request: RequestShape): Freshness {
  if (request.method === 'POST' && request.body !== undefined)
    return classifyJsonRpcBody(request.body)
  const url = new URL(request.url)
  if (url.searchParams.has('module')) return classifyExplorer(url.searchParams)
  if (url.hostname === 'api.coingecko.com') return classifyPrice(url)
  return classifyEsploraPath(url.pathname)
}

/** Esplora REST: matched on the path's tail, whatever prefix the instance has. */
function classifyEsploraPath(pathname: string): Freshness {
  const parts = pathname.split('/').filter(Boolean)
  const tail = (n: number) => parts.slice(-n)
  // The last two and three segments, so an instance at the root ("/tx/ID")
  // reads like one under a prefix ("/api/tx/ID").
  const [x, y] = tail(2)
  const [a, b, c] = tail(3)
  if (x === 'tx' && y !== undefined && TXID.test(y)) return ONCE_CONFIRMED
  if (a === 'tx' && b !== undefined && TXID.test(b) && c === 'hex')
    return IMMUTABLE
  if (a === 'tx' && b !== undefined && TXID.test(b) && c === 'status')
    return ONCE_CONFIRMED
  if (x === 'block' && y !== undefined && TXID.test(y)) return IMMUTABLE
  if (a === 'block' && b !== undefined && TXID.test(b)) return IMMUTABLE
  if (tail(3).join('/') === 'blocks/tip/height') return TIP
  return AS_OF
}

const RPC_IMMUTABLE = new Set([
  'eth_chainId',
  'net_version',
  'eth_getBlockByHash',
  'debug_traceTransaction',
  'trace_transaction',
])
const RPC_ONCE_CONFIRMED = new Set([
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
])
/** Methods whose last parameter is a block tag or number. */
const RPC_AT_BLOCK = new Set([
  'eth_getBlockByNumber',
  'eth_getBalance',
  'eth_call',
  'eth_getCode',
  'eth_getTransactionCount',
])
const RPC_RANGE = new Set(['eth_getLogs', 'trace_filter'])

function classifyJsonRpcBody(body: string): Freshness {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return AS_OF
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed]
  const each = calls.map(classifyRpcCall)
  return each.length === 0 ? AS_OF : each.reduce(weakest)
}

function classifyRpcCall(call: unknown): Freshness {
  if (typeof call !== 'object' || call === null) return AS_OF
  const { method, params } = call as { method?: unknown; params?: unknown }
  if (typeof method !== 'string') return AS_OF
  const list = Array.isArray(params) ? params : []
  if (method === 'eth_blockNumber') return TIP
  if (RPC_IMMUTABLE.has(method)) return IMMUTABLE
  if (RPC_ONCE_CONFIRMED.has(method)) return ONCE_CONFIRMED
  if (RPC_AT_BLOCK.has(method)) {
    const at = method === 'eth_getBlockByNumber' ? list[0] : list.at(-1)
    return upTo(at)
  }
  if (RPC_RANGE.has(method)) {
    const filter = list[0] as { toBlock?: unknown; blockHash?: unknown }
    if (typeof filter?.blockHash === 'string') return IMMUTABLE
    return upTo(filter?.toBlock)
  }
  return AS_OF
}

/** Etherscan-v2 and Blockscout's Etherscan-compatible API. */
function classifyExplorer(params: URLSearchParams): Freshness {
  const module = params.get('module')
  const action = params.get('action') ?? ''
  if (module === 'proxy') {
    if (action === 'eth_blockNumber') return TIP
    if (RPC_ONCE_CONFIRMED.has(action)) return ONCE_CONFIRMED
    if (action === 'eth_getBlockByNumber') return upTo(params.get('tag'))
    return AS_OF
  }
  if (module === 'account') {
    if (params.has('txhash')) return ONCE_CONFIRMED
    return upTo(params.get('endblock'))
  }
  return AS_OF
}

/** A price for a past day does not change; anything else might. */
function classifyPrice(url: URL): Freshness {
  const date = url.searchParams.get('date')
  return url.pathname.endsWith('/history') && date ? IMMUTABLE : AS_OF
}

/** A numeric block (hex or decimal) bounds the answer; a tag like latest does not. */
function upTo(at: unknown): Freshness {
  if (typeof at !== 'string' && typeof at !== 'number') return AS_OF
  const text = String(at)
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return AS_OF
  const block = Number(text.startsWith('0x') ? BigInt(text) : BigInt(text))
  return Number.isSafeInteger(block) ? { kind: 'up-to', block } : AS_OF
}

const RANK = { immutable: 0, 'once-confirmed': 1, 'up-to': 2, 'as-of': 3 }

/** A batch is as changeable as its most changeable call. */
function weakest(a: Freshness, b: Freshness): Freshness {
  if (a.kind === 'up-to' && b.kind === 'up-to')
    return a.block >= b.block ? a : b
  return RANK[a.kind] >= RANK[b.kind] ? a : b
}

/**
 * Whether a stored answer to a once-confirmed request shows the tx in a
 * block: Esplora's `status.confirmed`, or a JSON-RPC/proxy result with a
 * blockNumber. A pending tx, a null result or a 404 can still change.
 */
export function answerIsConfirmed(status: number, body: string): boolean {
  if (status !== 200) return false
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return false
  }
  return isConfirmedValue(value)
}

function isConfirmedValue(value: unknown): boolean {
  if (Array.isArray(value))
    return value.length > 0 && value.every(isConfirmedValue)
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  // A JSON-RPC envelope or an explorer's {status, message, result}.
  if ('result' in v) return isConfirmedValue(v.result)
  const status = v.status as { confirmed?: unknown } | undefined
  if (typeof status === 'object' && status !== null && 'confirmed' in status)
    return status.confirmed === true
  return typeof v.blockNumber === 'string' && v.blockNumber.length > 0
}

/** The height a tip request answered, or undefined when the body is not one. */
export function tipHeightOf(body: string): number | undefined {
  const text = body.trim()
  if (/^\d+$/.test(text)) return Number(text)
  try {
    const value = JSON.parse(text) as { result?: unknown }
    const hex = value?.result
    return typeof hex === 'string' && /^0x[0-9a-f]+$/i.test(hex)
      ? Number(BigInt(hex))
      : undefined
  } catch {
    return undefined
  }
}
