/**
 * What an EVM trace talks to, resolved before any I/O but reading the key:
 * the explorer and its dialect, the evidence mode, and each host's pace.
 */

import { evidenceMode } from '../../sources/setup.js'
import type { HostLimit } from '../../sources/types.js'
import type { StackOptions } from '../bitcoin/sources.js'
import { ETHERSCAN_V2_URL } from './etherscan.js'
import { missingKey, resolveApiKey, urlSecrets } from './secrets.js'

export type ExplorerKind = 'etherscan' | 'blockscout'

export type EvmStackOptions = StackOptions & {
  chain: string
  explorerUrl?: string | undefined
  explorerKind?: ExplorerKind | undefined
  rpcUrls?: readonly string[] | undefined
  /** false: RPC only (--no-explorer). */
  explorer?: boolean | undefined
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
  const { mode, evidenceDir } = evidenceMode(options)
  const rpcUrls = options.rpcUrls ?? []
  const { explorerUrl, kind, apiKey, limitations } = explorerOf(
    options,
    mode,
    rpcUrls,
  )
  const { limits, defaultLimit } = hostLimits(options, explorerUrl, rpcUrls)
  return {
    explorerUrl,
    kind,
    apiKey,
    rpcUrls,
    mode,
    evidenceDir,
    limitations,
    limits,
    defaultLimit,
    secrets: [...(apiKey ? [apiKey] : []), ...rpcUrls.flatMap(urlSecrets)],
  }
}

/** The explorer and its key; without a key public Etherscan is left out, if a node can stand in. */
function explorerOf(
  options: EvmStackOptions,
  mode: EvmWiring['mode'],
  rpcUrls: readonly string[],
): Pick<EvmWiring, 'explorerUrl' | 'kind' | 'apiKey' | 'limitations'> {
  const limitations: string[] = []
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
  let apiKey = resolveApiKey(options.env ?? {}) ?? placeholder
  if (explorerUrl && !apiKey && isPublicEtherscan(explorerUrl)) {
    if (rpcUrls.length === 0) throw missingKey()
    limitations.push(
      'no Etherscan API key: the explorer was not used, so native flows rely on the node (set ETHERSCAN_API_KEY)',
    )
    explorerUrl = null
    apiKey = undefined
  }
  return { explorerUrl, kind, apiKey, limitations }
}

function hostLimits(
  options: EvmStackOptions,
  explorerUrl: string | null,
  rpcUrls: readonly string[],
): Pick<EvmWiring, 'limits' | 'defaultLimit'> {
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
  return { limits, defaultLimit: explorerLimit }
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
