import { formatUnits, parseMinAmountFor } from '../core/amount.js'
import { TRACE_DEFAULTS } from '../core/defaults.js'
import { BaseError, errorLine, ownError, UsageError } from '../core/errors.js'
import type { Label } from '../core/types.js'
import { buildReport } from '../report/build.js'
import type { Report } from '../report/types.js'
import { redactUrl } from '../sources/redact.js'
import { addressSeedTxs } from '../trace/account/address-seed.js'
import { walkAccount } from '../trace/account/walk.js'
import type { PolicyName, TraceResult } from '../trace/types.js'
import { VERSION } from '../version.js'
import { loadTraceLabels } from './labels.js'
import { closeOnFailure } from './stack.js'
import {
  createEvmStack,
  type EvmStack,
  type EvmStackOptions,
  shownUrl,
} from './stack-evm.js'

export type EvmTraceOptions = EvmStackOptions & {
  txs?: readonly string[] | undefined
  /** A drained wallet: its outflows from `since` (unix seconds) on are the theft. */
  address?: { address: string; since?: number | undefined } | undefined
  victims?: readonly string[] | undefined
  labelFiles?: readonly string[] | undefined
  labels?: readonly Label[] | undefined
  bundledLabels?: boolean | undefined
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  /** Whole units as text, applied to each asset in its own decimals. */
  minAmount?: string | undefined
  serviceThreshold?: number | undefined
  signal?: AbortSignal | undefined
  /** `txs` counts addresses read on EVM. */
  onProgress?:
    | ((p: { txs: number; hops: number; hits: number; queued: number }) => void)
    | undefined
  now?: (() => Date) | undefined
}

export type EvmTraceOutcome = {
  model: 'account'
  report: Report
  result: TraceResult
  stack: EvmStack
}

export async function traceEvm(
  options: EvmTraceOptions,
): Promise<EvmTraceOutcome> {
  const stack = createEvmStack(options)
  return closeOnFailure(stack.http, traceOn(options, stack))
}

async function traceOn(
  options: EvmTraceOptions,
  stack: EvmStack,
): Promise<EvmTraceOutcome> {
  const { adapter } = stack
  const seeds = (options.txs ?? []).map((tx) => adapter.parseTxid(tx))
  const addressSeed = options.address && {
    address: adapter.parseAddress(options.address.address),
    since: options.address.since,
  }
  if (seeds.length === 0 && !addressSeed)
    throw new UsageError(
      'nothing to trace: give a theft tx hash with --tx, or --address with --since',
    )
  const victims = (options.victims ?? []).map((v) => adapter.parseAddress(v))
  if (addressSeed) victims.push(addressSeed.address)
  const drained = addressSeed
    ? await addressSeedTxs(adapter, addressSeed, {
        signal: options.signal,
      }).catch((err: unknown) => {
        throw scrubbed(err, options.rpcUrls ?? [])
      })
    : []
  if (addressSeed && drained.length === 0 && seeds.length === 0)
    throw new UsageError(
      `nothing to trace: no outflow from ${addressSeed.address} since ${new Date((addressSeed.since ?? 0) * 1000).toISOString()}`,
    )
  const txSeeds = [...new Set([...seeds, ...drained.map((d) => d.txHash)])]
  const labels = loadTraceLabels(options)
  const policy = options.policy ?? TRACE_DEFAULTS.policy
  const maxHops = options.maxHops ?? TRACE_DEFAULTS.maxHops
  const maxNodes = options.maxNodes ?? TRACE_DEFAULTS.maxNodes
  const minText = options.minAmount ?? TRACE_DEFAULTS.minAmount
  const native = stack.chain.asset
  const result = await walkAccount({
    adapter,
    labels,
    seeds: txSeeds.map((txHash) => ({ txHash })),
    victims,
    policy,
    maxHops,
    maxNodes,
    serviceThreshold: options.serviceThreshold,
    onProgress: options.onProgress,
    minAmount: (asset) => parseMinAmountFor(minText, asset.decimals),
    signal: options.signal,
  }).catch((err: unknown) => {
    throw seedNotFound(err, stack) ?? scrubbed(err, options.rpcUrls ?? [])
  })
  const tipHeight = await adapter.getTipHeight().catch(() => null)
  const report = buildReport(result, {
    seeds: [
      ...(addressSeed ? [{ kind: 'address' as const, ...addressSeed }] : []),
      ...seeds.map((txid) => ({ kind: 'tx' as const, txid })),
    ],
    addressSeedTxs: drained,
    victims,
    options: {
      maxHops,
      maxNodes,
      minAmount: formatUnits(
        parseMinAmountFor(minText, native.decimals),
        native.decimals,
      ),
      policy,
    },
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    toolVersion: VERSION,
    sources: stack.sources(tipHeight),
    tipHeight,
    limitations: stack.limitations,
    discrepancies: adapter.discrepancies(),
    filtered: adapter.filtered(),
  })
  return { model: 'account', report, result, stack }
}

/** A failure outside our error types, with RPC URLs (keys in their paths) cut down. */
export class EvmSourceError extends BaseError {
  override name = 'EvmSourceError'
  /** 3 when the source could not be reached (the HTTP client gave up), like any outage. */
  override readonly exitCode: 1 | 3
  constructor(message: string, exitCode: 1 | 3 = 1) {
    super(message)
    this.exitCode = exitCode
  }
}

/**
 * viem wraps what our JSON-RPC transport throws ("An unknown RPC error
 * occurred."): the HTTP client's error underneath says what failed (HTTP
 * 503, timeout, reset) and whether it is an outage (exit 3).
 */
export function scrubbed(err: unknown, rpcUrls: readonly string[]): unknown {
  if (err instanceof BaseError || !(err instanceof Error)) return err
  const ours = ownError(err)
  let text = errorLine(err)
  for (const url of rpcUrls) text = text.split(url).join(shownUrl(url))
  return new EvmSourceError(
    `EVM source failed: ${text}`,
    ours?.exitCode === 3 ? 3 : 1,
  )
}

/** A seed the sources do not know is the user's input, not a tool failure. */
function seedNotFound(err: unknown, stack: EvmStack): UsageError | undefined {
  const names = new Set<string>()
  for (let e = err; e instanceof Error; e = e.cause) names.add(e.name)
  const missing = [
    'NotFoundError',
    'TransactionNotFoundError',
    'TransactionReceiptNotFoundError',
  ]
  if (missing.some((name) => names.has(name)))
    return new UsageError(
      `seed tx not found on ${stack.explorerUrl ? redactUrl(stack.explorerUrl, []) : 'the RPC node'} (chain ${stack.chain.name})`,
    )
  return undefined
}
