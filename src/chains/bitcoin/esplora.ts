/** The Esplora REST API (Blockstream esplora, mempool.space, self-hosted electrs). */
import type { CallOptions } from '../../core/types.js'
import type { HttpClient } from '../../sources/types.js'
import {
  type EsploraOutspend,
  type EsploraTx,
  esploraAddressTxsSchema,
  esploraBlockHashSchema,
  esploraOutspendsBatchSchema,
  esploraOutspendsSchema,
  esploraTipHeightSchema,
  esploraTxHexSchema,
  esploraTxSchema,
} from './esplora.schema.js'

const DEFAULT_ESPLORA_BASE_URL = 'https://mempool.space/api'

/** electrs CHAIN_TXS_PER_PAGE: a shorter page is the last one. */
export const ESPLORA_CHAIN_PAGE_SIZE = 25

export type EsploraSourceOptions = {
  /** Without a trailing slash; a trailing slash is tolerated and removed. */
  baseUrl?: string | undefined
  http: HttpClient
}

export type EsploraSource = {
  readonly baseUrl: string
  getTx(txid: string, options?: CallOptions): Promise<EsploraTx>
  getTxHex(txid: string, options?: CallOptions): Promise<string>
  getOutspends(txid: string, options?: CallOptions): Promise<EsploraOutspend[]>
  /** mempool/electrs only: outspends of up to 50 txs, an array per txid in order ([] for an unknown tx). */
  getOutspendsBatch(
    txids: readonly string[],
    options?: CallOptions,
  ): Promise<EsploraOutspend[][]>
  /** Mempool txs (up to 50) then the newest confirmed (25, or up to 50 in all on mempool/electrs). */
  getAddressTxs(address: string, options?: CallOptions): Promise<EsploraTx[]>
  /** One page (25, newest first) of confirmed txs; page on with the last txid. */
  getAddressTxsChain(
    address: string,
    lastSeenTxid?: string | undefined,
    options?: CallOptions,
  ): Promise<EsploraTx[]>
  /** Unconfirmed txs touching the address (Esplora lists up to 50, newest first). */
  getAddressTxsMempool(
    address: string,
    options?: CallOptions,
  ): Promise<EsploraTx[]>
  getTipHeight(options?: CallOptions): Promise<number>
  /** The hash of the block at `height` in the server's best chain. */
  getBlockHash(height: number, options?: CallOptions): Promise<string>
}

export function createEsploraSource(
  options: EsploraSourceOptions,
): EsploraSource {
  const baseUrl = (options.baseUrl ?? DEFAULT_ESPLORA_BASE_URL).replace(
    /\/+$/,
    '',
  )
  const { http } = options
  // Paths go before any query a self-hosted instance needs (e.g. ?apikey=).
  const url = (...parts: string[]) => {
    const target = new URL(baseUrl)
    const path = parts.map(encodeURIComponent).join('/')
    target.pathname = `${target.pathname.replace(/\/+$/, '')}/${path}`
    return target.toString()
  }
  // Commas stay literal: the server splits the list on them. The instance's
  // own query (?apikey=) keeps its place at the end.
  const withTxids = (target: string, txids: readonly string[]) => {
    const u = new URL(target)
    const list = `txids=${txids.join(',')}`
    u.search = u.search ? `?${list}&${u.search.slice(1)}` : `?${list}`
    return u.toString()
  }
  const signal = (o?: CallOptions) => (o?.signal ? { signal: o.signal } : {})

  return {
    baseUrl,
    getTx: (txid, o) =>
      http.request({
        url: url('tx', txid),
        responseType: 'json',
        schema: esploraTxSchema,
        ...signal(o),
      }),
    getTxHex: (txid, o) =>
      http.request({
        url: url('tx', txid, 'hex'),
        responseType: 'text',
        schema: esploraTxHexSchema,
        ...signal(o),
      }),
    getOutspends: (txid, o) =>
      http.request({
        url: url('tx', txid, 'outspends'),
        responseType: 'json',
        schema: esploraOutspendsSchema,
        ...signal(o),
      }),
    getOutspendsBatch: (txids, o) =>
      http.request({
        url: withTxids(url('txs', 'outspends'), txids),
        responseType: 'json',
        schema: esploraOutspendsBatchSchema,
        ...signal(o),
      }),
    getAddressTxs: (address, o) =>
      http.request({
        url: url('address', address, 'txs'),
        responseType: 'json',
        schema: esploraAddressTxsSchema,
        ...signal(o),
      }),
    // Path-form paging: `?after_txid=` is ignored on /txs/chain by both hosts.
    getAddressTxsChain: (address, lastSeenTxid, o) =>
      http.request({
        url: lastSeenTxid
          ? url('address', address, 'txs', 'chain', lastSeenTxid)
          : url('address', address, 'txs', 'chain'),
        responseType: 'json',
        schema: esploraAddressTxsSchema,
        ...signal(o),
      }),
    getAddressTxsMempool: (address, o) =>
      http.request({
        url: url('address', address, 'txs', 'mempool'),
        responseType: 'json',
        schema: esploraAddressTxsSchema,
        ...signal(o),
      }),
    getTipHeight: (o) =>
      http.request({
        url: url('blocks', 'tip', 'height'),
        responseType: 'text',
        schema: esploraTipHeightSchema,
        ...signal(o),
      }),
    getBlockHash: (height, o) =>
      http.request({
        url: url('block-height', String(height)),
        responseType: 'text',
        schema: esploraBlockHashSchema,
        ...signal(o),
      }),
  }
}
