/**
 * Explorer requests: URLs with chain id and key, status-"0" rate limits
 * retried, and account lists paged by block range. One request per list
 * unless the result fills the row window; then the rest is fetched starting
 * again at the last block seen (its rows are re-read whole, so nothing is cut
 * in half).
 */
import type { z } from 'zod'
import { TooManyTransfersError } from '../../core/errors.js'
import type { Sleep } from '../../sources/limiter.js'
import { StalledPagingError } from '../../sources/paging.js'
import type { HttpClient } from '../../sources/types.js'
import {
  EtherscanError,
  EtherscanRateLimitError,
  refusal,
} from './etherscan.errors.js'
import { etherscanListSchema } from './etherscan.schema.js'

export type ListOptions = {
  startBlock?: number | undefined
  endBlock?: number | undefined
  signal?: AbortSignal | undefined
  /** Stop paging past this many rows: throws TooManyTransfersError. */
  maxRows?: number | undefined
}

/** The source's options with every default filled in. */
type RequestSettings = {
  baseUrl: string
  chainId: number
  sendChainId?: boolean | undefined
  apiKey?: string | undefined
  http: HttpClient
  window: number
  retries: number
  baseDelayMs: number
  sleep: Sleep
}

type Requester = {
  url(params: Record<string, string | undefined>): string
  get<T>(
    target: string,
    schema: z.ZodType<T>,
    signal: AbortSignal | undefined,
  ): Promise<T>
  list<T extends { blockNumber: string }>(
    action: string,
    schema: z.ZodType<T>,
    address: string,
    opts: ListOptions & { contractAddress?: string | undefined },
  ): Promise<T[]>
}

export function createRequester(settings: RequestSettings): Requester {
  const { baseUrl, window, retries, baseDelayMs, sleep } = settings

  const url = (params: Record<string, string | undefined>): string => {
    const target = new URL(baseUrl)
    if (settings.sendChainId ?? true)
      target.searchParams.set('chainid', String(settings.chainId))
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) target.searchParams.set(key, value)
    if (settings.apiKey) target.searchParams.set('apikey', settings.apiKey)
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
        return await settings.http.request({
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
      assertFromStart(page, start, `${action} of ${address}`, address)
      if (page.length < window) return rows.concat(page)
      if (
        opts.maxRows !== undefined &&
        rows.length + page.length > opts.maxRows
      )
        throw new TooManyTransfersError(opts.maxRows, `${action} of ${address}`)
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

  return { url, get, list }
}

/**
 * Rows before `startblock` mean the explorer ignored it and sent an earlier
 * page again: read on, the history would repeat or end short.
 */
function assertFromStart(
  page: readonly { blockNumber: string }[],
  start: number,
  what: string,
  address: string,
): void {
  const early = page.find((row) => Number(row.blockNumber) < start)
  if (early)
    throw new StalledPagingError({
      address,
      source: 'the explorer',
      detail: `${what} from block ${start} returned a row of block ${early.blockNumber}`,
    })
}
