/**
 * Etherscan v2 account API (txlist, txlistinternal, tokentx) and Blockscout's
 * Etherscan-compatible twin. Paging, retries and refusals are the
 * requester's (etherscan.request.ts).
 */

import type { Sleep } from '../../sources/limiter.js'
import { defaultSleep } from '../../sources/retry.js'
import type { HttpClient } from '../../sources/types.js'
import { EtherscanError } from './etherscan.errors.js'
import { createRequester, type ListOptions } from './etherscan.request.js'
import {
  type EtherscanInternal,
  type EtherscanToken,
  type EtherscanTx,
  type EtherscanTxStatus,
  etherscanBalanceSchema,
  etherscanInternalByHashSchema,
  etherscanInternalSchema,
  etherscanListSchema,
  etherscanTokenSchema,
  etherscanTxSchema,
  proxySchema,
  txStatusSchema,
} from './etherscan.schema.js'

export type { EtherscanInternal, EtherscanToken, EtherscanTx }

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
  /**
   * The current balance (tag=latest; the API has no other block) of the
   * native coin, or of an ERC-20 token when `contract` is given.
   */
  balance(
    address: string,
    contract: string | null,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<bigint>
  /** module=transaction&action=getstatus: whether the tx's execution failed, from the explorer's trace. */
  txStatus(
    txHash: string,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<EtherscanTxStatus>
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
  /**
   * Rows per request. Default 1,000: since 2026-07-01 Etherscan's free tier
   * returns at most 1,000 records per request whatever `offset` asks, and a
   * short page reads as a complete one, so asking for more would silently
   * drop rows. Paid plans and Blockscout serve up to 10,000 (page×offset).
   */
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
  const { url, get, list } = createRequester({
    ...options,
    baseUrl,
    window: options.window ?? 1000,
    retries: options.retries ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1000,
    sleep: options.sleep ?? defaultSleep,
  })
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
    async balance(address, contract, opts = {}) {
      const target = url({
        module: 'account',
        action: contract ? 'tokenbalance' : 'balance',
        contractaddress: contract ?? undefined,
        address,
        tag: 'latest',
      })
      return BigInt(await get(target, etherscanBalanceSchema, opts.signal))
    },
    txStatus: async (txHash, opts = {}) =>
      (
        await get(
          url({ module: 'transaction', action: 'getstatus', txhash: txHash }),
          txStatusSchema,
          opts.signal,
        )
      ).result,
    async proxy(action, params, opts = {}) {
      const target = url({ module: 'proxy', action, ...params })
      const body = await get(target, proxySchema, opts.signal)
      if (body.error) throw new EtherscanError(body.error.message)
      return body.result ?? null
    },
  }
}
