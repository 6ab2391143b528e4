/** Wires concrete sources together: the only place that knows HTTP, disk and the chain adapter meet. */

import type { UtxoChainAdapter } from '../../core/types.js'
import { isPrivateHost } from '../../sources/hosts.js'
import {
  type ClientOptions,
  createTraceClient,
  evidenceMode,
  recordedSourceUrl,
} from '../../sources/setup.js'
import type { HostLimit, HttpClient } from '../../sources/types.js'
import { createBitcoinAdapter } from './adapter.js'
import { createEsploraSource, type EsploraSource } from './esplora.js'

export const DEFAULT_ESPLORA_URL = 'https://mempool.space/api'

/** Public instances publish no limits; ~4 req/s is what they tolerate (see docs). */
const PUBLIC_HOST_LIMIT: HostLimit = { rps: 4, ceiling: 4, concurrency: 4 }
const OTHER_HOST_LIMIT: HostLimit = { rps: 10, concurrency: 4 }
const PRIVATE_HOST_LIMIT: HostLimit = { rps: 0, concurrency: 4 }
const PUBLIC_HOSTS = ['mempool.space', 'blockstream.info']
const RATE_MARGIN = 1.05
const COINGECKO_LIMIT: HostLimit = { rps: 0.4, concurrency: 1 }

export type StackOptions = ClientOptions & {
  esploraUrl?: string | undefined
  rps?: number | undefined
  concurrency?: number | undefined
  /** A shared client (one limiter per host, one store) for batch runs. */
  http?: HttpClient | undefined
}

export type BitcoinStack = {
  adapter: UtxoChainAdapter
  esplora: EsploraSource
  http: HttpClient
  esploraUrl: string
  evidenceDir: string | null
  mode: 'network' | 'cache' | 'replay'
}

export function createBitcoinStack(options: StackOptions): BitcoinStack {
  const esploraUrl = (
    options.esploraUrl ??
    (options.replay ? recordedSourceUrl(options.replay) : undefined) ??
    DEFAULT_ESPLORA_URL
  ).replace(/\/+$/, '')
  const evidence = evidenceMode(options)
  const limit = esploraHostLimit(esploraUrl, options)
  const http =
    options.http ??
    createTraceClient(options, evidence, {
      // CoinGecko's keyless tier allows roughly 10–30 calls a minute.
      limits: {
        [new URL(esploraUrl).host]: limit,
        'api.coingecko.com': COINGECKO_LIMIT,
      },
      defaultLimit: limit,
    })
  const esplora = createEsploraSource({ baseUrl: esploraUrl, http })
  return {
    adapter: createBitcoinAdapter({ esplora }),
    esplora,
    http,
    esploraUrl,
    ...evidence,
  }
}

/**
 * The pace for an Esplora host. Public instances publish no limits and ban
 * bursts: ~4 req/s, never more. One's own machine or network starts unpaced;
 * any other host starts at 10 req/s (at --rps, when given); both then follow the server (AIMD, or
 * its published limit). --rps is a hard ceiling everywhere. 5% under a stated
 * rate: requests spaced exactly 1000/rps apart can arrive closer together,
 * and a strict rolling-window limiter answers 429.
 */
export function esploraHostLimit(
  esploraUrl: string,
  options: { rps?: number | undefined; concurrency?: number | undefined },
): HostLimit {
  const { hostname } = new URL(esploraUrl)
  const base = PUBLIC_HOSTS.includes(hostname)
    ? PUBLIC_HOST_LIMIT
    : isPrivateHost(hostname)
      ? PRIVATE_HOST_LIMIT
      : OTHER_HOST_LIMIT
  // Given --rps, the user has said what the host allows: start there.
  const ceiling = (options.rps ?? base.ceiling ?? 0) / RATE_MARGIN
  return {
    rps: options.rps !== undefined ? ceiling : base.rps / RATE_MARGIN,
    ceiling: ceiling > 0 ? ceiling : undefined,
    adaptive: true,
    concurrency: options.concurrency ?? base.concurrency,
  }
}
