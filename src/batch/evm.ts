/**
 * EVM cases in a batch: each row's explorer and nodes (its own columns over
 * the batch flags), resolved before any network work so the batch's one
 * client knows every host's pace and every key it must scrub.
 */

import type { TraceOptions } from '../api/trace.js'
import type { ChainSourceMap, ChainSources } from '../chains/cross/sources.js'
import { evmChain } from '../chains/evm/chain.js'
import { urlSecrets } from '../chains/evm/secrets.js'
import { evmWiring } from '../chains/evm/wiring.js'
import { findChain, resolveChain } from '../chains/index.js'
import { thornodeHostLimit } from '../chains/thorchain/thornode.js'
import { UsageError } from '../core/errors.js'
import type { HostLimit } from '../sources/types.js'
import type { BatchCase } from './cases.js'

export type EvmSources = Pick<
  TraceOptions,
  'explorerUrl' | 'explorerKind' | 'rpcUrls' | 'explorer'
>

type EvmPlanOptions = EvmSources & {
  /** Named chains' sources: their rows' default, and any case's crossing to them. */
  chains?: ChainSourceMap | undefined
  thorchainUrl?: string | undefined
  env?: Record<string, string | undefined> | undefined
  replay?: string | undefined
  rps?: number | undefined
  hostConcurrency?: number | undefined
}

type EvmPlan = {
  /** By case id; cases of other chains are absent. */
  sources: ReadonlyMap<string, EvmSources>
  /** Per origin, the lowest pace any case's wiring asks for. */
  limits: Record<string, HostLimit>
  secrets: string[]
}

/** A named chain's sources as a row's defaults. */
function namedSources(named: ChainSources): EvmSources {
  return {
    explorerUrl: named.explorerUrl,
    explorerKind: named.explorerKind,
    rpcUrls: named.rpcUrls ?? [],
    explorer: named.explorerUrl !== undefined,
  }
}

/**
 * A row's explorer_url / explorer_kind / rpc_url win over the flags naming
 * its chain (`--rpc-url CHAIN=URL`), which win over the bare batch flags.
 */
function caseEvmSources(c: BatchCase, flags: EvmPlanOptions): EvmSources {
  const named = flags.chains?.[resolveChain(c.chain).name]
  const batch = named ? namedSources(named) : flags
  const own = c.explorerUrl !== undefined
  return {
    explorerUrl: c.explorerUrl ?? batch.explorerUrl,
    // A row's own explorer is detected from its URL, not the batch's kind.
    explorerKind: c.explorerKind ?? (own ? undefined : batch.explorerKind),
    rpcUrls: c.rpcUrls ?? batch.rpcUrls ?? [],
    // A row naming its explorer uses it even under --no-explorer.
    explorer: own ? true : batch.explorer,
  }
}

/** One chain's wiring; its refusal names what it was for (a case, a named chain). */
function wire(
  chain: string,
  sources: Omit<Parameters<typeof evmWiring>[0], 'chain'>,
  options: EvmPlanOptions,
  what: string,
): ReturnType<typeof evmWiring> {
  try {
    return evmWiring({
      chain,
      ...sources,
      env: options.env,
      replay: options.replay,
      rps: options.rps,
      concurrency: options.hostConcurrency,
    })
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    throw new UsageError(`${what}: ${err.shortMessage}`)
  }
}

/** The slower of two paces per host: every case shares one limiter per host. */
function addLimits(
  into: Record<string, HostLimit>,
  more: Readonly<Record<string, HostLimit>>,
): void {
  for (const [origin, limit] of Object.entries(more))
    into[origin] = slower(into[origin], limit)
}

function slower(a: HostLimit | undefined, b: HostLimit): HostLimit {
  if (!a) return b
  return {
    rps: Math.min(a.rps, b.rps),
    concurrency: Math.min(a.concurrency, b.concurrency),
  }
}

/** Throws a UsageError naming the case (a missing key, no source at all). */
export function planEvmCases(
  cases: readonly BatchCase[],
  options: EvmPlanOptions,
): EvmPlan {
  const sources = new Map<string, EvmSources>()
  const limits: Record<string, HostLimit> = {}
  const secrets = new Set<string>()
  for (const c of cases) {
    // Other account chains (Tron) wire their own sources from the row.
    if (findChain(c.chain)?.module !== evmChain) continue
    const own = caseEvmSources(c, options)
    if (own.explorer === false && (own.rpcUrls ?? []).length === 0)
      throw new UsageError(
        `case "${c.id}" (line ${c.line}): --no-explorer needs an rpc_url column or --rpc-url`,
      )
    const wiring = wire(
      c.chain,
      own,
      options,
      `case "${c.id}" (line ${c.line})`,
    )
    sources.set(c.id, own)
    addLimits(limits, wiring.limits)
    for (const secret of wiring.secrets) secrets.add(secret)
  }
  const shared = sharedHosts(options)
  addLimits(limits, shared.limits)
  for (const secret of shared.secrets) secrets.add(secret)
  return { sources, limits, secrets: [...secrets] }
}

/**
 * The hosts any case may reach through a swap: each named chain's explorer
 * and nodes, and thornode. Their pace and keys are known before any case
 * runs; a named chain with no usable source fails the batch here.
 */
function sharedHosts(options: EvmPlanOptions): Omit<EvmPlan, 'sources'> {
  const limits: Record<string, HostLimit> = {}
  const secrets: string[] = []
  for (const [chain, named] of Object.entries(options.chains ?? {})) {
    const wiring = wire(
      chain,
      namedSources(named),
      options,
      `sources of ${chain}`,
    )
    addLimits(limits, wiring.limits)
    secrets.push(...wiring.secrets)
  }
  if (options.thorchainUrl) {
    const { host, limit } = thornodeHostLimit(options.thorchainUrl, {
      rps: options.rps,
      concurrency: options.hostConcurrency,
    })
    limits[host] = limit
    secrets.push(...urlSecrets(options.thorchainUrl))
  }
  return { limits, secrets }
}
