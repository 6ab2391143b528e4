/** The library entry point that mirrors `fundtrace trace`: options in, a Report out. */
import {
  parseAddress,
  parseTxSeed,
  type ResolvedChain,
  resolveChain,
} from '../chains/index.js'
import { parseUnits } from '../core/amount.js'
import { TRACE_DEFAULTS } from '../core/defaults.js'
import { UsageError } from '../core/errors.js'
import type { Seed } from '../core/seeds.js'
import type { Label } from '../core/types.js'
import { buildReport } from '../report/build.js'
import type { Report } from '../report/types.js'
import { assertIntact } from '../report/verify-bundle.js'
import { redactUrl } from '../sources/redact.js'
import { trace as runEngine } from '../trace/engine.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import { VERSION } from '../version.js'
import type { ExplorerKind } from './evm-wiring.js'
import { loadTraceLabels } from './labels.js'
import {
  type BitcoinStack,
  closeOnFailure,
  createBitcoinStack,
  type StackOptions,
} from './stack.js'
import { type EvmTraceOutcome, traceEvm } from './trace-evm.js'

export type TraceOptions = StackOptions & {
  /** 'bitcoin' (default), an EVM chain name or a numeric EVM chain id. */
  chain?: string | undefined
  /** EVM: Etherscan-v2-compatible API; default https://api.etherscan.io/v2/api. */
  explorerUrl?: string | undefined
  explorerKind?: ExplorerKind | undefined
  /** EVM: JSON-RPC URLs, later ones are fallbacks. */
  rpcUrls?: readonly string[] | undefined
  /** EVM: false for RPC only. */
  explorer?: boolean | undefined
  /** `TXID` or `TXID:VOUT`. */
  txs?: readonly string[] | undefined
  address?: { address: string; since?: number | undefined } | undefined
  victims?: readonly string[] | undefined
  labelFiles?: readonly string[] | undefined
  labels?: readonly Label[] | undefined
  bundledLabels?: boolean | undefined
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  /** Whole coins, as text: "0.00000546" (546 sat, the network dust limit). */
  minAmount?: string | undefined
  /** EVM: more transfers than this and an address stops as a likely service. Default 1000. */
  serviceThreshold?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?:
    | ((p: { txs: number; hops: number; hits: number; queued: number }) => void)
    | undefined
  now?: (() => Date) | undefined
}

export type TraceOutcome =
  | { model: 'utxo'; report: Report; result: TraceResult; stack: BitcoinStack }
  | EvmTraceOutcome

/**
 * Traces one case end to end.
 * @example
 * const { report } = await trace({ txs: ['f4184fc5…'], victims: ['bc1q…'], replay: 'fixtures/cases/satoshi-hal' })
 */
export async function trace(options: TraceOptions): Promise<TraceOutcome> {
  const chain = resolveChain(options.chain ?? 'bitcoin')
  if (options.replay) await assertIntact(options.replay, '--replay')
  if (chain.model === 'account')
    return traceEvm({ ...options, chain: options.chain ?? chain.name })
  const stack = createBitcoinStack(options)
  return closeOnFailure(stack.http, traceBitcoin(options, stack, chain))
}

async function traceBitcoin(
  options: TraceOptions,
  stack: BitcoinStack,
  chain: ResolvedChain,
): Promise<TraceOutcome> {
  const { adapter } = stack
  // user:pass@ and ?apikey= stay out of the report and messages.
  const shownUrl = redactUrl(stack.esploraUrl, [])
  const seeds = parseSeeds(options, chain)
  const victims = (options.victims ?? []).map((v) => adapter.parseAddress(v))
  const labels = loadTraceLabels(options)
  const policy = options.policy ?? TRACE_DEFAULTS.policy
  const maxHops = options.maxHops ?? TRACE_DEFAULTS.maxHops
  const maxNodes = options.maxNodes ?? TRACE_DEFAULTS.maxNodes
  const minAmount = options.minAmount ?? TRACE_DEFAULTS.minAmount
  const result = await runEngine({
    adapter,
    labels,
    seeds,
    victims,
    policy,
    maxHops,
    maxNodes,
    minAmount: parseUnits(minAmount, adapter.asset.decimals),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  }).catch((err: unknown) => {
    throw seedNotFound(err, shownUrl)
  })
  const report = buildReport(result, {
    seeds,
    victims,
    options: { maxHops, maxNodes, minAmount, policy },
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    toolVersion: VERSION,
    sources: stack.http.stats().map((s) => ({
      baseUrl: shownUrl,
      requests: s.requests,
      cacheHits: s.cacheHits,
      tipHeight: result.tipHeight,
      firstRetrievedAt: s.firstRetrievedAt,
      lastRetrievedAt: s.lastRetrievedAt,
    })),
  })
  return { model: 'utxo', report, result, stack }
}

function parseSeeds(options: TraceOptions, chain: ResolvedChain): Seed[] {
  const seeds: Seed[] = (options.txs ?? []).map((input) => {
    const { txid, vout } = parseTxSeed(chain, input)
    return vout === undefined
      ? { kind: 'tx', txid }
      : { kind: 'tx', txid, outputs: [vout] }
  })
  if (options.address)
    seeds.push({
      kind: 'address',
      address: parseAddress(chain, options.address.address),
      since: options.address.since,
    })
  if (seeds.length === 0)
    throw new UsageError('nothing to trace: give a tx or an address')
  return seeds
}

function seedNotFound(err: unknown, url: string): unknown {
  if (err instanceof Error && err.name === 'NotFoundError')
    return new UsageError(
      `seed not found on ${url}: ${err.message.split('\n')[0]}`,
      { cause: err },
    )
  return err
}
