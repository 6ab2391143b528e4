/**
 * Etherscan v2 account API (txlist, txlistinternal, tokentx) and Blockscout's
 * Etherscan-compatible twin. One request per list unless the result fills the
 * row window; then the rest is fetched by block range, starting again at the
 * last block seen (its rows are re-read whole, so nothing is cut in half).
 */
import type { z } from 'zod'
import { BaseError } from '../core/errors.js'
import { ResponseValidationError } from './errors.js'
import {
  ERROR_MARK,
  type EtherscanInternal,
  type EtherscanToken,
  type EtherscanTx,
  etherscanInternalByHashSchema,
  etherscanInternalSchema,
  etherscanListSchema,
  etherscanTokenSchema,
  etherscanTxSchema,
  proxySchema,
  RATE_LIMIT_MARK,
} from './etherscan.schema.js'
import type { Sleep } from './limiter.js'
import { defaultSleep } from './retry.js'
import type { HttpClient } from './types.js'

export type { EtherscanInternal, EtherscanToken, EtherscanTx }

/** HTTP 200 with status "0" that is neither data nor a rate limit. */
export class EtherscanError extends BaseError {
  override name = 'EtherscanError'
  /** The explorer's own words, e.g. "Invalid API Key". */
  readonly reason: string
  constructor(reason: string, options: { url?: string; cause?: unknown } = {}) {
    super(`Explorer API error: ${reason}`, {
      details: options.url,
      cause: options.cause,
    })
    this.reason = reason
  }
}

/** Still rate limited (status "0") after every retry. */
export class EtherscanRateLimitError extends EtherscanError {
  override name = 'EtherscanRateLimitError'
  override readonly exitCode = 3
}

export type ListOptions = {
  startBlock?: number | undefined
  endBlock?: number | undefined
  signal?: AbortSignal | undefined
}

export type EtherscanSource = {
  readonly baseUrl: string
  txlist(address: string, options?: ListOptions): Promise<EtherscanTx[]>
  txlistinternal(
    address: string,
    options?: ListOptions,
  ): Promise<EtherscanInternal[]>
  /** Internal transfers of one tx (non-zero value only, per the API). */
  txlistinternalByHash(
    txHash: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<EtherscanInternal[]>
  tokentx(
    address: string,
    options?: ListOptions & { contractAddress?: string | undefined },
  ): Promise<EtherscanToken[]>
  /** module=proxy: a raw JSON-RPC result (eth_getTransactionByHash, ...). */
  proxy(
    action: string,
    params: Record<string, string>,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<unknown>
}

export type EtherscanSourceOptions = {
  /** Default https://api.etherscan.io/v2/api. */
  baseUrl?: string | undefined
  chainId: number
  /** Blockscout's per-instance API takes no chainid. Default true. */
  sendChainId?: boolean | undefined
  /** Give it to the HTTP client's `secrets` too, so it is redacted. */
  apiKey?: string | undefined
  http: HttpClient
  /** Rows per request; the API's page×offset cap. Default 10,000. */
  window?: number | undefined
  /** Retries of a status-"0" rate limit. Default 5. */
  retries?: number | undefined
  /** First backoff delay; doubles each retry. Default 1000 ms. */
  baseDelayMs?: number | undefined
  sleep?: Sleep | undefined
}

export const ETHERSCAN_V2_URL = 'https://api.etherscan.io/v2/api'

export function createEtherscanSource(
  options: EtherscanSourceOptions,
): EtherscanSource {
  const baseUrl = options.baseUrl ?? ETHERSCAN_V2_URL
  const window = options.window ?? 10_000
  const retries = options.retries ?? 5
  const baseDelayMs = options.baseDelayMs ?? 1000
  const sleep = options.sleep ?? defaultSleep

  const url = (params: Record<string, string | undefined>): string => {
    const target = new URL(baseUrl)
    if (options.sendChainId ?? true)
      target.searchParams.set('chainid', String(options.chainId))
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) target.searchParams.set(key, value)
    if (options.apiKey) target.searchParams.set('apikey', options.apiKey)
    return target.toString()
  }

  /** Retries status-"0" rate limits with doubling delays; maps other refusals. */
  async function get<T>(
    target: string,
    schema: z.ZodType<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await options.http.request({
          url: target,
          responseType: 'json',
          schema,
          signal,
        })
      } catch (err) {
        const reason = refusal(err)
        if (!reason) throw err
        if (reason.kind === 'error') throw new EtherscanError(reason.text)
        if (attempt >= retries)
          throw new EtherscanRateLimitError(reason.text, { cause: err })
        await sleep(baseDelayMs * 2 ** attempt, signal)
      }
    }
  }

  async function list<T extends { blockNumber: string }>(
    action: string,
    schema: z.ZodType<T>,
    address: string,
    opts: ListOptions & { contractAddress?: string | undefined },
  ): Promise<T[]> {
    const rows: T[] = []
    let start = opts.startBlock ?? 0
    for (;;) {
      const target = url({
        module: 'account',
        action,
        address,
        contractaddress: opts.contractAddress,
        startblock: String(start),
        endblock:
          opts.endBlock === undefined ? undefined : String(opts.endBlock),
        page: '1',
        offset: String(window),
        sort: 'asc',
      })
      const page = await get(target, etherscanListSchema(schema), opts.signal)
      if (page.length < window) return rows.concat(page)
      const last = Number(page.at(-1)?.blockNumber ?? start)
      if (last <= start)
        throw new EtherscanError(
          `${action}: block ${start} alone holds ${window} or more rows for ${address}; the API cannot page past them`,
        )
      // Rows of the last block may be cut off: drop them and read that block again.
      rows.push(...page.filter((row) => Number(row.blockNumber) < last))
      start = last
    }
  }

  return {
    baseUrl,
    txlist: (address, opts = {}) =>
      list('txlist', etherscanTxSchema, address, opts),
    txlistinternal: (address, opts = {}) =>
      list('txlistinternal', etherscanInternalSchema, address, opts),
    tokentx: (address, opts = {}) =>
      list('tokentx', etherscanTokenSchema, address, opts),
    txlistinternalByHash: (txHash, opts = {}) =>
      get(
        url({ module: 'account', action: 'txlistinternal', txhash: txHash }),
        etherscanListSchema(etherscanInternalByHashSchema(txHash)),
        opts.signal,
      ),
    async proxy(action, params, opts = {}) {
      const target = url({ module: 'proxy', action, ...params })
      const body = await get(target, proxySchema, opts.signal)
      if (body.error) throw new EtherscanError(body.error.message)
      return body.result ?? null
    },
  }
}

type Refusal = { kind: 'rate-limit' | 'error'; text: string }

/** Reads back the marked reason the envelope schema gave for a status "0". */
function refusal(err: unknown): Refusal | undefined {
  if (!(err instanceof ResponseValidationError)) return undefined
  for (const line of err.metaMessages) {
    const rate = line.indexOf(RATE_LIMIT_MARK)
    if (rate >= 0)
      return {
        kind: 'rate-limit',
        text: line.slice(rate + RATE_LIMIT_MARK.length).trim(),
      }
    const error = line.indexOf(ERROR_MARK)
    if (error >= 0)
      return {
        kind: 'error',
        text: line.slice(error + ERROR_MARK.length).trim(),
      }
  }
  return undefined
}
