/**
 * A simulated Tron host in the shapes TronGrid serves on one base URL: the
 * v1 REST lists (paged by `meta.fingerprint`) and the FullNode HTTP API
 * under /wallet (41-hex addresses, logs in bare hex). Field names follow
 * developers.tron.network. Use it as the `fetch` of an in-process CLI run;
 * any other request fails the test.
 */
import { hexToTron, tronToHex } from '../../src/chains/tron/address.js'

export type TronSimTx = {
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
}

export type TronSim = {
  txs: TronSimTx[]
  tip: number
  tokens: Record<string, { symbol: string; decimals: number; name: string }>
  /** Rows per page of the v1 lists (TronGrid's is up to 200). */
  pageSize: number
}

const TIME0 = 1_719_000_000_000
export const blockTime = (block: number) => TIME0 + block * 3000
const hex41 = (address: string) => `41${tronToHex(address).slice(2)}`
const word = (value: bigint) => value.toString(16).padStart(64, '0')
const topic = (address: string) => tronToHex(address).slice(2).padStart(64, '0')
const TRANSFER =
  'ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

/** A valid `T…` address from a one-character seed. */
export const tronAddress = (c: string) => hexToTron(`41${c.repeat(40)}`)

function txById(t: TronSimTx) {
  const value = t.contractCall
    ? {
        owner_address: hex41(t.from),
        contract_address: hex41(t.to),
        data: 'a9059cbb',
        ...(t.trx ? { call_value: Number(t.trx) } : {}),
      }
    : {
        owner_address: hex41(t.from),
        to_address: hex41(t.to),
        amount: Number(t.trx ?? 0n),
      }
  return {
    ret: [{ contractRet: t.failed ? 'REVERT' : 'SUCCESS' }],
    txID: t.id,
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
    id: t.id,
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
            hash: `${t.id.slice(0, 60)}${n.toString().padStart(4, '0')}`,
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
            transaction_id: t.id,
            token_info: { ...sim.tokens[k.contract], address: k.contract },
            block_timestamp: blockTime(t.block),
            from: k.from,
            to: k.to,
            type: 'Transfer',
            value: k.value.toString(),
          })),
      ),
      url,
      sim.pageSize,
    )
  return page(
    txs
      .filter((t) => touches(t, who))
      .map((t) => ({ ...txById(t), blockNumber: t.block })),
    url,
    sim.pageSize,
  )
}

/**
 * Requests answered, by path, for request-count assertions, and the
 * TRON-PRO-API-KEY header of each request (null when absent).
 */
export function createTronSim(sim: TronSim) {
  const asked: Record<string, number> = {}
  const keys: (string | null)[] = []
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
    asked[url.pathname] = (asked[url.pathname] ?? 0) + 1
    keys.push(new Headers(init?.headers).get('tron-pro-api-key'))
    if (url.pathname.startsWith('/v1/accounts/'))
      return json(listAnswer(sim, url))
    const body = JSON.parse(String(init?.body ?? '{}')) as { value?: string }
    const t = sim.txs.find((x) => x.id === body.value && x.block <= sim.tip)
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
  return { fetch: fetch as typeof globalThis.fetch, asked, keys }
}
