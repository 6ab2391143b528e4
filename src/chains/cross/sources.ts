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

/** Repeated `--explorer-url` / `--rpc-url` values: the bare ones, and each named chain's. */
export type ChainSourceFlags = {
  explorerUrl: string | undefined
  rpcUrls: string[]
  chains: ChainSourceMap
}

/**
 * `CHAIN=URL` values name other chains' sources; bare ones (and, for a trace,
 * those naming its seed chain) stay the default. Bitcoin's source is never
 * one of these: it is always `--esplora-url`.
 */
export function parseChainSourceFlags(
  explorerValues: readonly string[],
  rpcValues: readonly string[],
  seed?: string | undefined,
): ChainSourceFlags {
  const explorers = splitChainUrls(explorerValues, '--explorer-url')
  const rpcs = splitChainUrls(rpcValues, '--rpc-url')
  const chains: Record<string, ChainSources> = {}
  const bareExplorers = [...explorers.bare]
  const bareRpcs = [...rpcs.bare]
  for (const [chain, url] of explorers.byChain) {
    if (chain === seed) bareExplorers.push(url)
    else if (chains[chain]?.explorerUrl)
      throw new UsageError(`--explorer-url ${chain}= is given twice`)
    else chains[chain] = { ...chains[chain], explorerUrl: url }
  }
  for (const [chain, url] of rpcs.byChain) {
    if (chain === seed) bareRpcs.push(url)
    else {
      const own = chains[chain] ?? {}
      chains[chain] = { ...own, rpcUrls: [...(own.rpcUrls ?? []), url] }
    }
  }
  if (bareExplorers.length > 1)
    throw new UsageError(
      `--explorer-url is given ${bareExplorers.length} times${seed ? ` for ${seed}` : ''}: name the other chains (--explorer-url CHAIN=URL)`,
    )
  for (const chain of Object.keys(chains))
    if (resolveChain(chain).model === 'utxo')
      throw new UsageError(
        `${chain} is read from --esplora-url, not --explorer-url/--rpc-url`,
      )
  return { explorerUrl: bareExplorers[0], rpcUrls: bareRpcs, chains }
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
