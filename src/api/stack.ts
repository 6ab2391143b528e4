/** Wires concrete sources together: the only place that knows HTTP, disk and the chain adapter meet. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import envPaths from 'env-paths'
import { createBitcoinAdapter } from '../chains/bitcoin/adapter.js'
import { createEsploraSource } from '../chains/bitcoin/esplora.js'
import { UsageError } from '../core/errors.js'
import type { UtxoChainAdapter } from '../core/types.js'
import { createFileStore } from '../evidence/fileStore.js'
import { createSpoolStore } from '../evidence/spoolStore.js'
import { createHttpClient } from '../sources/http.js'
import type { HostLimit, HttpClient, HttpEvent } from '../sources/types.js'

export const DEFAULT_ESPLORA_URL = 'https://mempool.space/api'

/** Public instances publish no limits; ~4 req/s is what they tolerate (see docs). */
const PUBLIC_HOST_LIMIT: HostLimit = { rps: 4, concurrency: 4 }
const OTHER_HOST_LIMIT: HostLimit = { rps: 10, concurrency: 4 }
const PUBLIC_HOSTS = ['mempool.space', 'blockstream.info']
const RATE_MARGIN = 1.05
const COINGECKO_LIMIT: HostLimit = { rps: 0.4, concurrency: 1 }

export type StackOptions = {
  esploraUrl?: string | undefined
  cache?: boolean | undefined
  cacheDir?: string | undefined
  replay?: string | undefined
  rps?: number | undefined
  concurrency?: number | undefined
  timeoutMs?: number | undefined
  retries?: number | undefined
  fetch?: typeof globalThis.fetch | undefined
  env?: Record<string, string | undefined> | undefined
  onEvent?: ((event: HttpEvent) => void) | undefined
  /** A shared client (one limiter per host, one store) for batch runs. */
  http?: HttpClient | undefined
}

export type BitcoinStack = {
  adapter: UtxoChainAdapter
  http: HttpClient
  esploraUrl: string
  evidenceDir: string | null
  mode: 'network' | 'cache' | 'replay'
}

export function createBitcoinStack(options: StackOptions): BitcoinStack {
  const replayDir = options.replay ? resolveReplayDir(options.replay) : null
  const esploraUrl = (
    options.esploraUrl ??
    (options.replay ? recordedEsploraUrl(options.replay) : undefined) ??
    DEFAULT_ESPLORA_URL
  ).replace(/\/+$/, '')
  const evidenceDir =
    replayDir ??
    (options.cache === false
      ? null
      : (options.cacheDir ?? defaultCacheDir(options.env)))
  const mode = replayDir ? 'replay' : evidenceDir ? 'cache' : 'network'
  const host = new URL(esploraUrl).host
  const limit = esploraHostLimit(esploraUrl, options)
  const http =
    options.http ??
    createHttpClient({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // --no-cache: the used responses wait for the bundle in a private temp dir, not the heap.
      ...(evidenceDir
        ? { store: createFileStore({ dir: evidenceDir }) }
        : { spool: createSpoolStore() }),
      mode,
      // CoinGecko's keyless tier allows roughly 10–30 calls a minute.
      limits: { [host]: limit, 'api.coingecko.com': COINGECKO_LIMIT },
      defaultLimit: limit,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    })
  const esplora = createEsploraSource({ baseUrl: esploraUrl, http })
  return {
    adapter: createBitcoinAdapter({ esplora }),
    http,
    esploraUrl,
    evidenceDir,
    mode,
  }
}

/**
 * The pace for an Esplora host: public instances publish no limits and ban
 * bursts (~4 req/s is tolerated), others 10 req/s; flags override. 5% under
 * the stated rate: requests spaced exactly 1000/rps apart can arrive closer
 * together, and a strict rolling-window limiter answers 429.
 */
/**
 * Runs a trace on its stack; when it fails there is no report and no bundle,
 * so a --no-cache run's spooled evidence is disposed of at once.
 */
export function closeOnFailure<T>(
  http: HttpClient,
  run: Promise<T>,
): Promise<T> {
  return run.catch((err: unknown) =>
    http.close().then(() => Promise.reject(err)),
  )
}

export function esploraHostLimit(
  esploraUrl: string,
  options: { rps?: number | undefined; concurrency?: number | undefined },
): HostLimit {
  const base = PUBLIC_HOSTS.includes(new URL(esploraUrl).hostname)
    ? PUBLIC_HOST_LIMIT
    : OTHER_HOST_LIMIT
  return {
    rps: (options.rps ?? base.rps) / RATE_MARGIN,
    concurrency: options.concurrency ?? base.concurrency,
  }
}

export function defaultCacheDir(
  env: Record<string, string | undefined> = {},
): string {
  return (
    env.FUNDTRACE_CACHE_DIR ??
    join(envPaths('fundtrace', { suffix: '' }).cache, 'evidence')
  )
}

/** Accepts a report bundle (with evidence/) or a bare evidence directory. */
export function resolveReplayDir(dir: string): string {
  if (!existsSync(dir))
    throw new UsageError(`--replay: no such directory "${dir}"`)
  const nested = join(dir, 'evidence')
  return existsSync(nested) ? nested : dir
}

/** A bundle remembers which Esplora it was recorded from, so replay needs no URL. */
function recordedEsploraUrl(dir: string): string | undefined {
  const file = join(dir, 'report.json')
  if (!existsSync(file)) return undefined
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      sources?: { baseUrl?: unknown }[]
    }
    const url = report.sources?.[0]?.baseUrl
    return typeof url === 'string' ? url : undefined
  } catch {
    return undefined
  }
}
