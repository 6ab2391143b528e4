/**
 * A simulated Tron host in the shapes TronGrid serves on one base URL: the
 * v1 REST lists (paged by `meta.fingerprint`) and the FullNode HTTP API
 * under /wallet (41-hex addresses, logs in bare hex). Field names follow
 * developers.tron.network. Use it as the `fetch` of an in-process CLI run;
 * any other request fails the test.
 */
import { createHash } from 'node:crypto'
import { hexToTron, tronToHex } from '../../src/chains/tron/address.js'

export type TronSimTx = {
  /** A label: the real tx id is the hash of the raw bytes (simTxid). */
  id: string
  block: number
  from: string
  /** TransferContract recipient, or the contract a TriggerSmartContract calls. */
  to: string
  trx?: bigint
  contractCall?: boolean
  fee?: bigint
  failed?: boolean
  internal?: { from: string; to: string; value: bigint }[]
  trc20?: { contract: string; from: string; to: string; value: bigint }[]
  /**
   * A source that lies about this tx: its JSON amount differs from its raw
   * bytes, its raw bytes hash to another id, or the REST list states
   * another fee than its info, or another token amount than its logs; or
   * the JSON-RPC receipt states another token amount than the FullNode.
   */
  lie?:
    | 'json-amount'
    | 'raw-bytes'
    | 'list-fee'
    | 'list-token-amount'
    | 'rpc-log-amount'
}

export type TronSim = {
  txs: TronSimTx[]
  tip: number
  tokens: Record<string, { symbol: string; decimals: number; name: string }>
  /** Rows per page of the v1 lists (TronGrid's is up to 200). */
  pageSize: number
  /** eth_chainId of the JSON-RPC endpoint (default Tron mainnet's). */
  rpcChainId?: string
}

const TIME0 = 1_719_000_000_000
export const blockTime = (block: number) => TIME0 + block * 3000
const hex41 = (address: string) => `41${tronToHex(address).slice(2)}`
const word = (value: bigint) => value.toString(16).padStart(64, '0')
const topic = (address: string) => tronToHex(address).slice(2).padStart(64, '0')
const TRANSFER =
  'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

/** Protobuf: a varint, and a field of either wire type. */
const varint = (n: bigint): number[] => {
  const out: number[] = []
  let v = n
  do {
    out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0))
    v >>= 7n
  } while (v > 0n)
  return out
}
const intField = (no: number, n: bigint) => [
  ...varint(BigInt(no << 3)),
  ...varint(n),
]
const bytesField = (no: number, bytes: number[] | Buffer) => [
  ...varint(BigInt((no << 3) | 2)),
  ...varint(BigInt(bytes.length)),
  ...bytes,
]

/**
 * The protobuf `Transaction.raw` of a sim tx, as java-tron serialises it:
 * ref block, expiration, the contract (type, Any{type_url, value}), the
 * label as `data` (so every tx hashes apart), timestamp.
 */
export function simRawHex(t: TronSimTx): string {
  const addr = (a: string) => Buffer.from(hex41(a), 'hex')
  const call = t.contractCall
    ? [
        ...bytesField(1, addr(t.from)),
        ...bytesField(2, addr(t.to)),
        ...(t.trx ? intField(3, t.trx) : []),
        ...bytesField(4, Buffer.from('a9059cbb', 'hex')),
      ]
    : [
        ...bytesField(1, addr(t.from)),
        ...bytesField(2, addr(t.to)),
        ...(t.trx ? intField(3, t.trx) : []),
      ]
  const kind = t.contractCall ? 'TriggerSmartContract' : 'TransferContract'
  const any = [
    ...bytesField(1, Buffer.from(`type.googleapis.com/protocol.${kind}`)),
    ...bytesField(2, call),
  ]
  const contract = [
    ...intField(1, t.contractCall ? 31n : 1n),
    ...bytesField(2, any),
  ]
  const raw = [
    ...bytesField(1, Buffer.from('0000', 'hex')),
    ...bytesField(4, Buffer.from('00'.repeat(8), 'hex')),
    ...intField(8, BigInt(blockTime(t.block) + 60_000)),
    ...bytesField(10, Buffer.from(t.id)),
    ...bytesField(11, contract),
    ...intField(14, BigInt(blockTime(t.block))),
  ]
  return Buffer.from(raw).toString('hex')
}

/** The tx id: SHA-256 of the raw bytes. */
export const simTxid = (t: TronSimTx) =>
  createHash('sha256')
    .update(Buffer.from(simRawHex(t), 'hex'))
    .digest('hex')

/** A valid `T…` address from a one-character seed. */
export const tronAddress = (c: string) => hexToTron(`41${c.repeat(40)}`)

function txById(t: TronSimTx) {
  const value = t.contractCall
    ? {
        owner_address: hex41(t.from),
        contract_address: hex41(t.to),
        data: 'a9059cbb',
        ...(t.trx
          ? { call_value: Number(t.trx) * (t.lie === 'json-amount' ? 2 : 1) }
          : {}),
      }
    : {
        owner_address: hex41(t.from),
        to_address: hex41(t.to),
        amount: Number(t.trx ?? 0n) * (t.lie === 'json-amount' ? 2 : 1),
      }
  const raw = simRawHex(t)
  // Toggling the last nibble keeps the bytes parseable but changes their hash.
  const toggled = `${raw.slice(0, -1)}${raw.endsWith('0') ? '1' : '0'}`
  return {
    ret: [{ contractRet: t.failed ? 'REVERT' : 'SUCCESS' }],
    txID: simTxid(t),
    raw_data_hex: t.lie === 'raw-bytes' ? toggled : raw,
    raw_data: {
      contract: [
        {
          parameter: { value, type_url: 'type.googleapis.com/protocol.X' },
          type: t.contractCall ? 'TriggerSmartContract' : 'TransferContract',
        },
      ],
      timestamp: blockTime(t.block),
    },
  }
}

function txInfo(t: TronSimTx) {
  return {
    id: simTxid(t),
    ...(t.fee ? { fee: Number(t.fee) } : {}),
    blockNumber: t.block,
    blockTimeStamp: blockTime(t.block),
    contractResult: [''],
    ...(t.failed ? { result: 'FAILED', resMessage: '5245564552540000' } : {}),
    receipt: {
      net_usage: 345,
      ...(t.contractCall ? { result: t.failed ? 'REVERT' : 'SUCCESS' } : {}),
    },
    ...(t.failed
      ? {}
      : {
          log: (t.trc20 ?? []).map((k) => ({
            address: tronToHex(k.contract).slice(2),
            topics: [TRANSFER, topic(k.from), topic(k.to)],
            data: word(k.value),
          })),
          internal_transactions: (t.internal ?? []).map((i, n) => ({
            hash: `${simTxid(t).slice(0, 60)}${n.toString().padStart(4, '0')}`,
            caller_address: hex41(i.from),
            transferTo_address: hex41(i.to),
            callValueInfo: [{ callValue: Number(i.value) }],
            note: '63616c6c',
          })),
        }),
  }
}

function touches(t: TronSimTx, who: string): boolean {
  return (
    t.from === who ||
    t.to === who ||
    (t.internal ?? []).some((i) => i.from === who || i.to === who) ||
    (t.trc20 ?? []).some((k) => k.from === who || k.to === who)
  )
}

function page<T>(rows: T[], url: URL, size: number) {
  const start = Number(url.searchParams.get('fingerprint') ?? 0)
  const next = start + size
  return {
    data: rows.slice(start, next),
    success: true,
    meta: {
      at: TIME0,
      page_size: Math.min(size, rows.length - start),
      ...(next < rows.length ? { fingerprint: String(next) } : {}),
    },
  }
}

function listAnswer(sim: TronSim, url: URL) {
  const [, , who = '', , kind] = url.pathname.split('/').filter(Boolean)
  const since = Number(url.searchParams.get('min_timestamp') ?? 0)
  const txs = sim.txs.filter(
    (t) => t.block <= sim.tip && blockTime(t.block) >= since,
  )
  if (kind === 'trc20')
    return page(
      txs.flatMap((t) =>
        (t.failed ? [] : (t.trc20 ?? []))
          .filter((k) => k.from === who || k.to === who)
          .map((k) => ({
            transaction_id: simTxid(t),
            token_info: { ...sim.tokens[k.contract], address: k.contract },
            block_timestamp: blockTime(t.block),
            from: k.from,
            to: k.to,
            type: 'Transfer',
            value: (
              k.value + (t.lie === 'list-token-amount' ? 1n : 0n)
            ).toString(),
          })),
      ),
      url,
      sim.pageSize,
    )
  return page(
    txs
      .filter((t) => touches(t, who))
      .map((t) => ({
        ...txById(t),
        ret: [
          {
            contractRet: t.failed ? 'REVERT' : 'SUCCESS',
            fee: Number(t.fee ?? 0n) + (t.lie === 'list-fee' ? 1_000_000 : 0),
          },
        ],
        blockNumber: t.block,
      })),
    url,
    sim.pageSize,
  )
}

/** java-tron's JSON-RPC: eth_chainId and eth_getTransactionReceipt (0x hex, 20-byte addresses). */
function rpcAnswer(
  sim: TronSim,
  req: { id?: number; method?: string; params?: string[] },
) {
  const answer = (result: unknown) => ({ jsonrpc: '2.0', id: req.id, result })
  if (req.method === 'eth_chainId')
    return answer(sim.rpcChainId ?? '0x2b6653dc')
  if (req.method !== 'eth_getTransactionReceipt')
    throw new Error(`tron sim: unexpected JSON-RPC ${req.method}`)
  const hash = (req.params?.[0] ?? '').replace(/^0x/, '')
  const t = sim.txs.find((x) => simTxid(x) === hash && x.block <= sim.tip)
  if (!t) return answer(null)
  const extra = t.lie === 'rpc-log-amount' ? 1n : 0n
  return answer({
    transactionHash: `0x${hash}`,
    blockNumber: `0x${t.block.toString(16)}`,
    status: t.failed ? '0x0' : '0x1',
    logs: (t.failed ? [] : (t.trc20 ?? [])).map((k, i) => ({
      address: tronToHex(k.contract),
      topics: [TRANSFER, topic(k.from), topic(k.to)].map((x) => `0x${x}`),
      data: `0x${word(k.value + extra)}`,
      logIndex: `0x${i.toString(16)}`,
      removed: false,
    })),
  })
}

/**
 * Requests answered, by path, for request-count assertions, the
 * TRON-PRO-API-KEY header of each request (null when absent), and the base
 * paths requests came under.
 */
export function createTronSim(sim: TronSim) {
  const asked: Record<string, number> = {}
  const keys: (string | null)[] = []
  const prefixes = new Set<string>()
  /** "host key" of each JSON-RPC request: which node got which key. */
  const rpcHosts = new Set<string>()
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    })
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string'
        ? input
        : 'url' in input
          ? input.url
          : input.href,
    )
    // A provider's base URL may carry a path (its access token): kept by prefix.
    const prefix =
      /^(.*?)(?=\/(v1\/|wallet\/|jsonrpc$))/.exec(url.pathname)?.[1] ?? ''
    prefixes.add(prefix)
    url.pathname = url.pathname.slice(prefix.length)
    asked[url.pathname] = (asked[url.pathname] ?? 0) + 1
    keys.push(new Headers(init?.headers).get('tron-pro-api-key'))
    if (url.pathname.startsWith('/v1/accounts/'))
      return json(listAnswer(sim, url))
    if (url.pathname === '/jsonrpc') {
      rpcHosts.add(`${url.host} ${keys.at(-1)}`)
      return json(rpcAnswer(sim, JSON.parse(String(init?.body ?? '{}'))))
    }
    const body = JSON.parse(String(init?.body ?? '{}')) as { value?: string }
    const t = sim.txs.find(
      (x) => simTxid(x) === body.value && x.block <= sim.tip,
    )
    switch (url.pathname) {
      case '/wallet/gettransactionbyid':
        return json(t ? txById(t) : {})
      case '/wallet/gettransactioninfobyid':
        return json(t ? txInfo(t) : {})
      case '/wallet/getnowblock':
        return json({
          blockID: '00'.repeat(32),
          block_header: {
            raw_data: { number: sim.tip, timestamp: blockTime(sim.tip) },
          },
        })
    }
    throw new Error(`tron sim: unexpected ${init?.method ?? 'GET'} ${url}`)
  }
  return {
    fetch: fetch as typeof globalThis.fetch,
    asked,
    keys,
    prefixes,
    rpcHosts,
  }
}
