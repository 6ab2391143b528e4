/** An EVM walk: explorer and node sources, tx-hash or drained-wallet seeds, the account walk. */
import { formatUnits, parseMinAmountFor } from '../../core/amount.js'
import {
  BaseError,
  errorLine,
  ownError,
  UsageError,
} from '../../core/errors.js'
import { redactUrl } from '../../sources/redact.js'
import { closeOnFailure } from '../../sources/setup.js'
import { addressSeedTxs } from '../../trace/account/address-seed.js'
import { walkAccount } from '../../trace/account/walk.js'
import type { TraceResult } from '../../trace/types.js'
import type {
  ChainModule,
  ChainRef,
  WalkOutcome,
  WalkRequest,
} from '../types.js'
import { type AtRestCheck, verifyAtRest } from './at-rest.js'
import { checkExplorerChainId, checkRpcChainIds } from './chain-id.js'
import { createEvmStack, type EvmStack, shownUrl } from './sources.js'
import { markUntraced } from './untraced.js'

export const runEvm: ChainModule['run'] = async (chain, request) => {
  const stack = createEvmStack({ ...request, chain: chainInput(chain) })
  return closeOnFailure(stack.http, walk(request, stack))
}

/** The name the EVM stack resolves again: its numeric id when it has one. */
const chainInput = (chain: ChainRef): string =>
  chain.chainId === null ? chain.name : String(chain.chainId)

async function walk(
  request: WalkRequest,
  stack: EvmStack,
): Promise<WalkOutcome> {
  const { adapter } = stack
  const rpcUrls = request.rpcUrls ?? []
  const seeds = request.txs.map((tx) => adapter.parseTxid(tx))
  const addressSeed = request.address && {
    address: adapter.parseAddress(request.address.address),
    since: request.address.since,
  }
  const pinned = (request.transferSeeds ?? []).map((s) => ({
    txHash: adapter.parseTxid(s.txHash),
    from: adapter.parseAddress(s.from),
    to: adapter.parseAddress(s.to),
    transfer: s.transfer,
    ranges: s.ranges,
  }))
  if (seeds.length === 0 && !addressSeed && pinned.length === 0)
    throw new UsageError(
      'nothing to trace: give a theft tx hash with --tx, or --address with --since',
    )
  const victims = request.victims.map((v) => adapter.parseAddress(v))
  if (addressSeed) victims.push(addressSeed.address)
  await checkNodes(stack, rpcUrls, request.signal)
  const drained = addressSeed
    ? await addressSeedTxs(adapter, addressSeed, {
        signal: request.signal,
      }).catch((err: unknown) => {
        throw scrubbed(err, rpcUrls)
      })
    : []
  if (addressSeed && drained.length === 0 && seeds.length === 0)
    throw new UsageError(
      `nothing to trace: no outflow from ${addressSeed.address} since ${new Date((addressSeed.since ?? 0) * 1000).toISOString()}`,
    )
  const txSeeds = [...new Set([...seeds, ...drained.map((d) => d.txHash)])]
  const native = stack.chain.asset
  const result = await walkAccount({
    adapter,
    labels: request.labels,
    seeds: [...txSeeds.map((txHash) => ({ txHash })), ...pinned],
    victims,
    policy: request.policy,
    maxHops: request.maxHops,
    maxNodes: request.maxNodes,
    serviceThreshold: request.serviceThreshold,
    passedThrough: request.passedThrough,
    onProgress: request.onProgress,
    minAmount: (asset) => parseMinAmountFor(request.minAmount, asset.decimals),
    signal: request.signal,
  }).catch((err: unknown) => {
    throw seedNotFound(err, stack) ?? scrubbed(err, rpcUrls)
  })
  const tipHeight = await adapter.getTipHeight().catch(() => null)
  const judgedResult = await judged(result, stack, {
    tipHeight,
    rpcUrls,
    signal: request.signal,
  })
  return {
    result: judgedResult,
    http: stack.http,
    context: {
      seeds: [
        ...(addressSeed ? [{ kind: 'address' as const, ...addressSeed }] : []),
        ...seeds.map((txid) => ({ kind: 'tx' as const, txid })),
        ...pinned.map((p) => ({ kind: 'tx' as const, txid: p.txHash })),
      ],
      addressSeedTxs: drained,
      victims,
      minAmount: formatUnits(
        parseMinAmountFor(request.minAmount, native.decimals),
        native.decimals,
      ),
      sources: stack.sources(tipHeight),
      tipHeight,
      limitations: stack.limitations,
      discrepancies: adapter.discrepancies(),
      filtered: adapter.filtered(),
    },
  }
}

/** Each node's (and a Blockscout's) chain, before any trace work: nothing is traced on the wrong chain. */
async function checkNodes(
  stack: EvmStack,
  rpcUrls: readonly string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const unchecked = await checkRpcChainIds({
    http: stack.http,
    urls: rpcUrls,
    chain: stack.chain,
    signal,
  }).catch((err: unknown) => {
    throw err instanceof UsageError ? err : sourceFailure(err, rpcUrls)
  })
  stack.limitations.push(...unchecked)
  if (stack.explorerUrl && stack.explorerKind === 'blockscout')
    stack.limitations.push(
      ...(await checkExplorerChainId({
        http: stack.http,
        explorerUrl: stack.explorerUrl,
        chain: stack.chain,
        signal,
      })),
    )
}

type Asked = {
  tipHeight: number | null
  rpcUrls: readonly string[]
  signal: AbortSignal | undefined
}

/**
 * The walk's result, judged against what cannot be true: value lost in an
 * untraced tx is named as such first, then every amount at rest must be
 * covered by its holder's balance.
 */
async function judged(
  result: TraceResult,
  stack: EvmStack,
  asked: Asked,
): Promise<TraceResult> {
  const marked = markUntraced(result, stack.adapter.untraced())
  const verified = await verifyAtRest(marked.result, atRestCheck(stack, asked))
  stack.limitations.push(...marked.limitations, ...verified.limitations)
  return verified.result
}

/**
 * Balances from the node at the tip read for the report; without a node,
 * the explorer's current balance (its API has no past block), said aloud.
 */
function atRestCheck(
  stack: EvmStack,
  { tipHeight, rpcUrls, signal }: Asked,
): AtRestCheck {
  const { rpc, explorer } = stack
  const scrub = (err: unknown) => {
    throw scrubbed(err, rpcUrls)
  }
  if (rpc)
    return {
      balanceOf: (holder, asset) =>
        rpc.balanceOf(holder, asset.contract ?? null, tipHeight).catch(scrub),
      asOf:
        tipHeight === null ? "the node's latest block" : `block ${tipHeight}`,
    }
  if (explorer) {
    const note =
      "at-rest balances were checked against the explorer's current balance (its API answers for the latest block only), so they are as of the tip when read"
    return {
      balanceOf: (holder, asset) => {
        if (!stack.limitations.includes(note)) stack.limitations.push(note)
        return explorer.balance(holder, asset.contract ?? null, { signal })
      },
      asOf: "the explorer's latest block",
    }
  }
  return { balanceOf: null, asOf: 'the tip' }
}

/** A failure outside our error types, with RPC URLs (keys in their paths) cut down. */
export class EvmSourceError extends BaseError {
  override name = 'EvmSourceError'
  /** 3 when the source could not be reached (the HTTP client gave up), like any outage. */
  override readonly exitCode: 1 | 3
  constructor(message: string, exitCode: 1 | 3 = 1, cause?: unknown) {
    super(message, cause === undefined ? {} : { cause })
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
  return sourceFailure(err, rpcUrls)
}

/** Any failure of a source as one EvmSourceError line: exit 3 for an outage. */
function sourceFailure(
  err: unknown,
  rpcUrls: readonly string[],
): EvmSourceError {
  const ours = ownError(err)
  let text = errorLine(err)
  for (const url of rpcUrls) text = text.split(url).join(shownUrl(url))
  // Our own error stays the cause: the CLI names the host and reason from it.
  return new EvmSourceError(
    `EVM source failed: ${text}`,
    ours?.exitCode === 3 ? 3 : 1,
    ours,
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
  if (!missing.some((name) => names.has(name))) return undefined
  // Txs are read from the node whenever there is one; the explorer only without.
  const asked =
    stack.shownRpcUrls.length > 0
      ? `the RPC node ${stack.shownRpcUrls.join(', ')}`
      : stack.explorerUrl
        ? redactUrl(stack.explorerUrl, [])
        : 'no source'
  return new UsageError(
    `seed tx not found on ${asked} (chain ${stack.chain.name})`,
  )
}
