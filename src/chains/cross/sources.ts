/**
 * Sources per chain for a trace that crosses chains: the seed chain keeps
 * the bare flags, every other chain is named (`--rpc-url ethereum=URL`), and
 * Bitcoin's is always `--esplora-url`. A chain with none is not guessed at.
 */
import { UsageError } from '../../core/errors.js'
import { type ResolvedChain, resolveChain } from '../index.js'
import type { SourceOptions } from '../types.js'

/** What one non-seed account chain is read from. */
export type ChainSources = {
  explorerUrl?: string | undefined
  explorerKind?: 'etherscan' | 'blockscout' | undefined
  rpcUrls?: readonly string[] | undefined
}

/** Keyed by our chain name ('ethereum', 'bsc'). */
export type ChainSourceMap = Readonly<Record<string, ChainSources>>

/** `CHAIN=URL` values apart from bare URLs (a URL's own `?a=b` is not a chain). */
export function splitChainUrls(
  values: readonly string[],
  flag: string,
): { bare: string[]; byChain: [chain: string, url: string][] } {
  const bare: string[] = []
  const byChain: [string, string][] = []
  for (const value of values) {
    const match = /^([A-Za-z0-9_-]+)=(.+)$/.exec(value.trim())
    if (!match) {
      bare.push(value)
      continue
    }
    const [, name = '', url = ''] = match
    let chain: ResolvedChain
    try {
      chain = resolveChain(name)
    } catch (err) {
      throw new UsageError(`${flag} ${value}: ${(err as Error).message}`)
    }
    byChain.push([chain.name, url])
  }
  return { bare, byChain }
}

/** The flags that would give `chain` a source, for a `no-source` stop. */
export function sourceHint(chain: ResolvedChain): string {
  return chain.model === 'utxo'
    ? '--esplora-url URL'
    : `--explorer-url ${chain.name}=URL or --rpc-url ${chain.name}=URL`
}

/**
 * The source options for a chain the trace reached, or undefined when the
 * command line gave it none.
 */
export function sourcesFor(
  chain: ResolvedChain,
  seed: ResolvedChain,
  request: SourceOptions & { chains?: ChainSourceMap | undefined },
): SourceOptions | undefined {
  const shared = sharedOptions(request)
  if (chain.name === seed.name)
    return {
      ...shared,
      esploraUrl: request.esploraUrl,
      explorerUrl: request.explorerUrl,
      explorerKind: request.explorerKind,
      rpcUrls: request.rpcUrls,
      explorer: request.explorer,
    }
  if (chain.model === 'utxo')
    return request.esploraUrl
      ? { ...shared, esploraUrl: request.esploraUrl }
      : undefined
  const own = request.chains?.[chain.name]
  if (!own || (!own.explorerUrl && (own.rpcUrls ?? []).length === 0))
    return undefined
  return {
    ...shared,
    explorerUrl: own.explorerUrl,
    explorerKind: own.explorerKind,
    rpcUrls: own.rpcUrls ?? [],
    explorer: own.explorerUrl !== undefined,
  }
}

/** The client settings every chain shares (evidence, pacing, retries), no URLs. */
function sharedOptions(request: SourceOptions): SourceOptions {
  return {
    cache: request.cache,
    cacheDir: request.cacheDir,
    replay: request.replay,
    env: request.env,
    timeoutMs: request.timeoutMs,
    retries: request.retries,
    fetch: request.fetch,
    onEvent: request.onEvent,
    rps: request.rps,
    concurrency: request.concurrency,
    http: request.http,
  }
}
