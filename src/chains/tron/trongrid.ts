/**
 * One TronGrid-compatible host: the v1 REST lists and the FullNode HTTP API
 * (/wallet/…) on the same base URL, as TronGrid serves them. A base URL may
 * carry a path (providers put an access token there): endpoints are
 * appended to it, never put in its place.
 */
import { z } from 'zod'
import { BaseError } from '../../core/errors.js'
import type { HttpClient } from '../../sources/types.js'
import { urlSecrets } from '../evm/secrets.js'
import {
  nowBlockSchema,
  type Trc20Row,
  type TronTx,
  type TronTxInfo,
  trc20PageSchema,
  txByIdSchema,
  txInfoSchema,
  txPageSchema,
} from './trongrid.schema.js'

export const TRONGRID_URL = 'https://api.trongrid.io'

type Opts = { signal?: AbortSignal | undefined }

/** A v1 list row: the tx id and the result and fee the list states. */
export type ListedTx = {
  id: string
  contractRet: string | undefined
  fee: bigint | undefined
}

export type TronGridSource = {
  readonly baseUrl: string
  /** TRC-20 transfers into or out of `address` from `minTimestamp` (ms) on, oldest first. */
  trc20(address: string, minTimestamp: number, o?: Opts): Promise<Trc20Row[]>
  /** The txs touching `address` from `minTimestamp` (ms) on, oldest first: id and listed outcome. */
  txs(address: string, minTimestamp: number, o?: Opts): Promise<ListedTx[]>
  tx(txid: string, o?: Opts): Promise<TronTx>
  txInfo(txid: string, o?: Opts): Promise<TronTxInfo>
  tip(o?: Opts): Promise<number>
}

/** A tx id the node does not know: it answers `{}`. */
export class TronTxNotFoundError extends BaseError {
  override name = 'TronTxNotFoundError'
  constructor(txid: string, host: string) {
    super(`tx ${txid} not found on ${host}`)
  }
}

/** Pages are capped so a stalled cursor cannot loop forever. */
const MAX_PAGES = 500
const PAGE = 200

/** TronGrid's key header; keyless requests get a lower, dynamic rate. */
export const TRONGRID_KEY_HEADER = 'TRON-PRO-API-KEY'

export function createTronGridSource(options: {
  baseUrl?: string | undefined
  http: HttpClient
  apiKey?: string | undefined
}): TronGridSource {
  const baseUrl = (options.baseUrl ?? TRONGRID_URL).replace(/\/+$/, '')
  const { http } = options
  const host = new URL(baseUrl).host
  // A header, so the key stays out of every URL, evidence key and record;
  // a provider's token in the base URL's path is scrubbed the same way.
  const secrets = urlSecrets(baseUrl)
  const headers = {
    ...(options.apiKey
      ? { headers: { [TRONGRID_KEY_HEADER]: options.apiKey } }
      : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
  }

  async function pages<T>(
    path: string,
    minTimestamp: number,
    schema: z.ZodType<{
      data: T[]
      meta: { fingerprint?: string | undefined }
    }>,
    o: Opts,
  ): Promise<T[]> {
    const rows: T[] = []
    const seen = new Set<string>()
    let fingerprint: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        only_confirmed: 'true',
        limit: String(PAGE),
        min_timestamp: String(minTimestamp),
        order_by: 'block_timestamp,asc',
        ...(fingerprint ? { fingerprint } : {}),
      })
      const body = await http.request({
        url: `${baseUrl}${path}?${query}`,
        ...headers,
        responseType: 'json',
        schema,
        signal: o.signal,
      })
      rows.push(...body.data)
      fingerprint = body.meta.fingerprint
      if (!fingerprint) return rows
      if (seen.has(fingerprint))
        throw new BaseError(
          `${host} repeated a page of ${path}: the history would be cut short`,
        )
      seen.add(fingerprint)
    }
    throw new BaseError(`${host}: more than ${MAX_PAGES} pages of ${path}`)
  }

  const wallet = <T>(
    method: string,
    body: unknown,
    schema: z.ZodType<T>,
    o: Opts,
  ) =>
    http.request({
      url: `${baseUrl}/wallet/${method}`,
      method: 'POST',
      body: JSON.stringify(body),
      ...headers,
      responseType: 'json',
      schema,
      signal: o.signal,
    })

  const orEmpty = <T>(schema: z.ZodType<T>) =>
    z.union([
      schema,
      z
        .object({})
        .strict()
        .transform(() => undefined),
    ])

  return {
    baseUrl,
    trc20: (address, minTimestamp, o = {}) =>
      pages(
        `/v1/accounts/${address}/transactions/trc20`,
        minTimestamp,
        trc20PageSchema,
        o,
      ),
    txs: async (address, minTimestamp, o = {}) =>
      (
        await pages(
          `/v1/accounts/${address}/transactions`,
          minTimestamp,
          txPageSchema,
          o,
        )
      ).flatMap((row) => {
        const id = (row.txID ?? row.tx_id ?? '').toLowerCase()
        const ret = row.ret?.[0]
        if (!id) return []
        return [
          {
            id,
            contractRet: ret?.contractRet,
            fee: ret?.fee === undefined ? undefined : BigInt(ret.fee),
          },
        ]
      }),
    async tx(txid, o = {}) {
      const found = await wallet(
        'gettransactionbyid',
        { value: txid },
        orEmpty(txByIdSchema),
        o,
      )
      if (!found) throw new TronTxNotFoundError(txid, host)
      return found
    },
    async txInfo(txid, o = {}) {
      const found = await wallet(
        'gettransactioninfobyid',
        { value: txid },
        orEmpty(txInfoSchema),
        o,
      )
      if (!found) throw new TronTxNotFoundError(txid, host)
      return found
    },
    tip: async (o = {}) =>
      (await wallet('getnowblock', {}, nowBlockSchema, o)).block_header.raw_data
        .number,
  }
}
