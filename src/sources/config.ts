/** Client configuration with defaults, and the per-request description. */
import { BaseError } from '../core/errors.js'
import { evidenceKey } from '../evidence/key.js'
import type { EvidenceStore } from '../evidence/types.js'
import type { Sleep } from './limiter.js'
import { redactText, redactUrl } from './redact.js'
import { defaultSleep } from './retry.js'
import type { SlotBook } from './slots.js'
import type {
  FetchFn,
  HostLimit,
  HostStats,
  HttpEvent,
  RequestSpec,
} from './types.js'

export type HttpMode = 'network' | 'cache' | 'replay'

export type HttpClientOptions = {
  fetch?: FetchFn | undefined
  store?: EvidenceStore | undefined
  /** Default: 'cache' when a store is given, else 'network'. */
  mode?: HttpMode | undefined
  /**
   * Network mode: where the bodies of used records wait for the bundle
   * (e.g. createSpoolStore()); default in memory. close() disposes it.
   */
  spool?: (EvidenceStore & { dispose?(): Promise<void> }) | undefined
  /** Keyed by origin (https://host:port), host (host:port) or hostname. */
  limits?: Record<string, HostLimit> | undefined
  defaultLimit?: HostLimit | undefined
  retries?: number | undefined
  baseDelayMs?: number | undefined
  maxDelayMs?: number | undefined
  timeoutMs?: number | undefined
  maxBodyBytes?: number | undefined
  /** API keys: scrubbed from every URL, message, event and record. */
  secrets?: readonly string[] | undefined
  onEvent?: ((event: HttpEvent) => void) | undefined
  /** Blocks below the tip after which an answer about a block range is final (default 6). */
  finalityDepth?: number | undefined
  /** Request slots shared with other processes on the same cache (slots.ts). */
  slotBook?: SlotBook | undefined
  now?: (() => Date) | undefined
  sleep?: Sleep | undefined
  random?: (() => number) | undefined
}

export function resolveConfig(options: HttpClientOptions) {
  const mode = options.mode ?? (options.store ? 'cache' : 'network')
  if (mode !== 'network' && !options.store) {
    throw new BaseError(`HTTP mode '${mode}' needs an evidence store`)
  }
  // Late-bound so a fetch patched after creation (msw, proxies) is used.
  const fetch: FetchFn =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  return {
    fetch,
    store: options.store,
    mode,
    spool: options.spool,
    limits: options.limits ?? {},
    defaultLimit: options.defaultLimit ?? { rps: 4, concurrency: 4 },
    retries: options.retries ?? 5,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    secrets: (options.secrets ?? []).filter((secret) => secret.length > 0),
    onEvent: options.onEvent ?? (() => {}),
    finalityDepth: options.finalityDepth ?? 6,
    slotBook: options.slotBook,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
  }
}

/** A request as the client sees it: real URL for the wire, shown URL for everything else. */
export type Call = {
  method: 'GET' | 'POST'
  /** The URL fetched: credentials moved out of it into `headers`. */
  url: string
  body: string | undefined
  headers: Record<string, string>
  /** The client's secrets plus this request's own and its header values. */
  secrets: readonly string[]
  shownUrl: string
  shownBody: string | undefined
  origin: string
  responseType: 'json' | 'text'
  key: string
}

export function describeCall<T>(
  spec: RequestSpec<T>,
  clientSecrets: readonly string[],
): Call {
  const method = spec.method ?? 'GET'
  const extra = Object.values(spec.headers ?? {}).filter((v) => v.length > 0)
  const secrets = [
    ...clientSecrets,
    ...(spec.secrets ?? []).filter((v) => v.length > 0),
    ...extra,
  ]
  const shownUrl = redactUrl(spec.url, secrets)
  let url: URL
  try {
    url = new URL(spec.url)
  } catch {
    throw new BaseError(`Invalid URL: ${shownUrl}`)
  }
  const headers: Record<string, string> = {
    accept: spec.responseType === 'json' ? 'application/json' : '*/*',
  }
  if (spec.body !== undefined) headers['content-type'] = 'application/json'
  Object.assign(headers, spec.headers)
  // fetch refuses user:pass@ URLs; send them the way a browser would.
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`
    url.username = ''
    url.password = ''
  }
  const shownBody =
    spec.body === undefined ? undefined : redactText(spec.body, secrets)
  return {
    method,
    url: headers.authorization ? url.href : spec.url,
    body: spec.body,
    headers,
    secrets,
    shownUrl,
    shownBody,
    origin: redactText(url.origin, secrets),
    responseType: spec.responseType,
    key: evidenceKey({ method, url: shownUrl, body: shownBody }),
  }
}

export function limitFor(
  limits: Record<string, HostLimit>,
  url: string,
  fallback: HostLimit,
): HostLimit {
  const { origin, host, hostname } = new URL(url)
  return limits[origin] ?? limits[host] ?? limits[hostname] ?? fallback
}

export function emptyStats(baseUrl: string): HostStats {
  return {
    baseUrl,
    requests: 0,
    cacheHits: 0,
    retries: 0,
    failures: 0,
    firstRetrievedAt: null,
    lastRetrievedAt: null,
  }
}
