/**
 * Wires an EVM trace: explorer API and JSON-RPC (viem over a custom
 * transport) both through the shared HTTP client: paced per origin,
 * redacted, stored as evidence, replayable.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { createEvmAdapter, type EvmAdapter } from '../chains/evm/adapter.js'
import { type EvmChain, resolveEvmChain } from '../chains/evm/chains.js'
import { UsageError } from '../core/errors.js'
import { createFileStore } from '../evidence/fileStore.js'
import type { SourceUse } from '../report/types.js'
import {
  createEtherscanSource,
  ETHERSCAN_V2_URL,
} from '../sources/etherscan.js'
import { createHttpClient } from '../sources/http.js'
import { createRpcSource } from '../sources/rpc.js'
import type { HostLimit, HttpClient } from '../sources/types.js'
import {
  defaultCacheDir,
  resolveReplayDir,
  type StackOptions,
} from './stack.js'

export type ExplorerKind = 'etherscan' | 'blockscout'

export type EvmStackOptions = StackOptions & {
  chain: string
  explorerUrl?: string | undefined
  explorerKind?: ExplorerKind | undefined
  rpcUrls?: readonly string[] | undefined
  /** false: RPC only (--no-explorer). */
  explorer?: boolean | undefined
}

export type EvmStack = {
  chain: EvmChain
  adapter: EvmAdapter
  http: HttpClient
  explorerUrl: string | null
  evidenceDir: string | null
  mode: 'network' | 'cache' | 'replay'
  /** What this wiring could not do (e.g. no key for the explorer). */
  limitations: string[]
  /** The --rpc-url values without path or query. */
  shownRpcUrls: string[]
  /** Explorer (from the HTTP client) and RPC request counts, for report.sources. */
  sources(tipHeight: number | null): SourceUse[]
}

/**
 * Etherscan's free tier allows 3 calls/s; Blockscout and other compatible
 * explorers ~5; hosted RPC 10. A node on loopback is the user's own.
 */
const LIMITS = {
  etherscan: { rps: 3, concurrency: 3 },
  explorer: { rps: 5, concurrency: 4 },
  rpc: { rps: 10, concurrency: 4 },
  loopback: { rps: 100, concurrency: 8 },
} satisfies Record<string, HostLimit>

/** What an EVM trace talks to, and the pace and secrets of each host. */
export type EvmWiring = {
  explorerUrl: string | null
  kind: ExplorerKind
  apiKey: string | undefined
  rpcUrls: readonly string[]
  mode: 'network' | 'cache' | 'replay'
  evidenceDir: string | null
  limitations: string[]
  /** Per origin; the explorer's is also the default. */
  limits: Record<string, HostLimit>
  defaultLimit: HostLimit
  /** The API key and the keys in RPC URLs: an HTTP client must scrub them. */
  secrets: string[]
}

/**
 * Resolves the explorer, key and host limits without any I/O but reading the
 * key: what a shared client (a batch) needs to know before any case runs.
 */
export function evmWiring(options: EvmStackOptions): EvmWiring {
  const env = options.env ?? {}
  const replayDir = options.replay ? resolveReplayDir(options.replay) : null
  const evidenceDir =
    replayDir ??
    (options.cache === false
      ? null
      : (options.cacheDir ?? defaultCacheDir(env)))
  const mode = replayDir ? 'replay' : evidenceDir ? 'cache' : 'network'
  const limitations: string[] = []
  const rpcUrls = options.rpcUrls ?? []
  let explorerUrl: string | null =
    options.explorer === false
      ? null
      : (options.explorerUrl ?? ETHERSCAN_V2_URL).replace(/\/+$/, '')
  const kind = explorerUrl
    ? (options.explorerKind ?? explorerKindOf(explorerUrl))
    : 'etherscan'
  // Replaying Etherscan needs no key: any key redacts to the *** recorded.
  const placeholder =
    mode === 'replay' && explorerUrl && isPublicEtherscan(explorerUrl)
      ? 'replay'
      : undefined
  let apiKey = resolveApiKey(env) ?? placeholder
  if (explorerUrl && !apiKey && isPublicEtherscan(explorerUrl)) {
    if (rpcUrls.length === 0) throw missingKey()
    limitations.push(
      'no Etherscan API key: the explorer was not used, so native flows rely on the node (set ETHERSCAN_API_KEY)',
    )
    explorerUrl = null
    apiKey = undefined
  }
  const limit = (base: HostLimit): HostLimit => ({
    rps: options.rps ?? base.rps,
    concurrency: options.concurrency ?? base.concurrency,
  })
  const explorerLimit = limit(
    explorerUrl && isPublicEtherscan(explorerUrl)
      ? LIMITS.etherscan
      : LIMITS.explorer,
  )
  const limits: Record<string, HostLimit> = {}
  for (const url of rpcUrls) {
    const { origin } = new URL(url)
    limits[origin] = limit(isLoopback(origin) ? LIMITS.loopback : LIMITS.rpc)
  }
  // An explorer and a node on one origin share the explorer's (lower) pace.
  if (explorerUrl) limits[new URL(explorerUrl).origin] = explorerLimit
  return {
    explorerUrl,
    kind,
    apiKey,
    rpcUrls,
    mode,
    evidenceDir,
    limitations,
    limits,
    defaultLimit: explorerLimit,
    secrets: [...(apiKey ? [apiKey] : []), ...rpcUrls.flatMap(urlSecrets)],
  }
}

export function createEvmStack(options: EvmStackOptions): EvmStack {
  const chain = resolveEvmChain(options.chain)
  const wiring = evmWiring(options)
  const { explorerUrl, kind, apiKey, rpcUrls, mode, evidenceDir } = wiring
  const http =
    options.http ??
    createHttpClient({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(evidenceDir ? { store: createFileStore({ dir: evidenceDir }) } : {}),
      mode,
      limits: wiring.limits,
      defaultLimit: wiring.defaultLimit,
      secrets: wiring.secrets,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    })
  const explorer = explorerUrl
    ? createEtherscanSource({
        baseUrl: explorerUrl,
        chainId: chain.chainId,
        sendChainId: kind === 'etherscan',
        apiKey,
        http,
      })
    : undefined
  const rpc =
    rpcUrls.length > 0 ? createRpcSource({ urls: rpcUrls, http }) : undefined
  const adapter = createEvmAdapter({ chain, explorer, rpc })
  return {
    chain,
    adapter,
    http,
    explorerUrl,
    evidenceDir,
    mode,
    limitations: wiring.limitations,
    shownRpcUrls: rpcUrls.map(shownUrl),
    sources: (tipHeight) =>
      http.stats().map((s) => ({
        baseUrl: s.baseUrl,
        requests: s.requests,
        cacheHits: s.cacheHits,
        tipHeight,
        firstRetrievedAt: s.firstRetrievedAt,
        lastRetrievedAt: s.lastRetrievedAt,
      })),
  }
}

/** Blockscout's per-instance API takes no chainid; anything else is treated as Etherscan v2. */
export function explorerKindOf(url: string): ExplorerKind {
  return /blockscout/i.test(new URL(url).hostname) ? 'blockscout' : 'etherscan'
}

function isLoopback(origin: string): boolean {
  const host = new URL(origin).hostname
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.')
}

function isPublicEtherscan(url: string): boolean {
  const host = new URL(url).hostname
  return host === 'etherscan.io' || host.endsWith('.etherscan.io')
}

function missingKey(): UsageError {
  return new UsageError(
    'the Etherscan API needs a key: set ETHERSCAN_API_KEY, or put {"etherscanApiKey": "..."} in ~/.config/fundtrace/config.json (or the file FUNDTRACE_CONFIG names); or trace through a node with --rpc-url',
  )
}

/** ETHERSCAN_API_KEY, else `etherscanApiKey` from the config file. */
export function resolveApiKey(
  env: Record<string, string | undefined>,
): string | undefined {
  const fromEnv = env.ETHERSCAN_API_KEY?.trim()
  if (fromEnv) return fromEnv
  const file =
    env.FUNDTRACE_CONFIG ??
    join(
      env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'),
      'fundtrace',
      'config.json',
    )
  if (!existsSync(file)) return undefined
  let config: unknown
  try {
    config = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // Never echo the file: it holds the key.
    throw new UsageError(`config file ${file} is not valid JSON`)
  }
  const key = (config as { etherscanApiKey?: unknown } | null)?.etherscanApiKey
  if (key === undefined) return undefined
  if (typeof key !== 'string')
    throw new UsageError(
      `config file ${file}: etherscanApiKey must be a string`,
    )
  return key.trim() || undefined
}

/** An RPC URL as reports and messages show it: hosted nodes put the key in the path. */
export function shownUrl(input: string): string {
  const url = new URL(input)
  return `${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}`
}

/**
 * Hosted nodes put the key in the path or query (…/v3/KEY, ?key=KEY): every
 * long token there is a secret, scrubbed from evidence, events and errors.
 */
export function urlSecrets(input: string): string[] {
  const url = new URL(input)
  const parts = [
    ...url.pathname.split('/'),
    ...[...url.searchParams.values()],
    decodeURIComponent(url.password),
  ]
  return parts.filter((part) => /^[\w-]{16,}$/.test(part))
}
