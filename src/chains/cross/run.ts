/**
 * A trace across chains: walk the seed chain, settle every THORChain
 * inbound, same-tx DEX swap and decodable bridge deposit the walk stopped
 * at, walk each payout or fill on its own chain from there, and repeat
 * until no swap is left open. The walks are the chains' own; this
 * only hands a payout from one chain's walk to the next as a new seed.
 */
import { createTraceClient, evidenceMode } from '../../sources/setup.js'
import type { HttpClient, SourceUse } from '../../sources/types.js'
import { type Leg, mergeLegs } from '../../trace/cross/merge.js'
import type { SwapEdge } from '../../trace/types.js'
import { evmChain } from '../evm/chain.js'
import { shownUrl, urlSecrets } from '../evm/secrets.js'
import { withWrappedNative } from '../evm/wrapped.js'
import type { ResolvedChain } from '../index.js'
import { bitcoinInbound } from '../thorchain/bitcoin.js'
import { createSwapLabels, type SwapLabels } from '../thorchain/labels.js'
import { createThornode, thornodeHostLimit } from '../thorchain/thornode.js'
import type { SourceOptions, WalkOutcome, WalkRequest } from '../types.js'
import { settleBridges } from './bridge.js'
import { createSwapCheck, type SwapCheck } from './check.js'
import { settleDex } from './dex.js'
import {
  type NextLeg,
  type SettleContext,
  type Settled,
  settleSwaps,
} from './settle.js'
import { type ChainSourceMap, sourcesFor } from './sources.js'
import { type ChainStack, combineClients, createChainStack } from './stacks.js'

export type CrossRequest = WalkRequest & {
  chains?: ChainSourceMap | undefined
  /** How long after an inbound its payout may come. Default 3 days. */
  swapWindowSeconds?: number | undefined
  /** Most walks in one trace (a swap's payout is one more). Default 16. */
  maxLegs?: number | undefined
  /** A thornode to cross-check THORChain swaps against; none by default. */
  thorchainUrl?: string | undefined
}

const DAY = 86_400

export async function runCrossChain(
  seed: ResolvedChain,
  request: CrossRequest,
): Promise<WalkOutcome> {
  const cache = stackCache(seed, request)
  const limitations: string[] = []
  const thornode = thornodeCheck(request, limitations)
  try {
    return await walkLegs(seed, request, cache, { thornode, limitations })
  } catch (err) {
    // A failure between walks (a source refused at a swap) leaves no evidence spool open.
    await Promise.allSettled(
      [
        ...cache.stacks.values(),
        ...(thornode.ownClient ? [{ http: thornode.ownClient }] : []),
      ].map((s) => s.http.close()),
    )
    throw err
  }
}

async function walkLegs(
  seed: ResolvedChain,
  request: CrossRequest,
  { stacks, stackFor }: ReturnType<typeof stackCache>,
  {
    thornode,
    limitations,
  }: { thornode: ReturnType<typeof thornodeCheck>; limitations: string[] },
): Promise<WalkOutcome> {
  const labels = createSwapLabels(withWrappedNative(request.labels))
  const ctx = {
    stackFor,
    windowSeconds: request.swapWindowSeconds ?? 3 * DAY,
    signal: request.signal,
    check: thornode.check,
  }
  const legs: Leg[] = []
  const swaps: SwapEdge[] = []
  const sources = new Map<string, SourceUse[]>()
  const tips: Record<string, number | null> = {}
  let first: WalkOutcome | undefined
  const passed = new Map<string, Set<string>>()
  const plans: (NextLeg | undefined)[] = [undefined]
  const maxLegs = request.maxLegs ?? 16
  while (plans.length > 0) {
    const plan = plans.shift()
    const chain = plan?.chain ?? seed
    const own = stackFor(chain)
    const outcome = await chain.module.run(chain, {
      ...legRequest(request, plan, labels, chain),
      passedThrough: passed.get(chain.name),
      ...(own ? { ...own.sources, http: own.stack.http } : {}),
    })
    first ??= outcome
    sources.set(chain.name, outcome.context.sources)
    tips[chain.name] ??= outcome.context.tipHeight ?? outcome.result.tipHeight
    const settled = await settleLeg(ctx, chain, outcome.result)
    legs.push({
      result: outcome.result,
      endpoints: settled.endpoints,
      hopOffset: plan?.hopOffset ?? 0,
    })
    notePassedThrough(passed, chain.name, outcome.result)
    swaps.push(...settled.swaps)
    limitations.push(...settled.limitations)
    for (const next of settled.next) {
      if (legs.length + plans.length < maxLegs) plans.push(next)
      else
        limitations.push(
          `swap payout ${next.seed.tx.split(':')[0]} on ${next.chain.name} not followed: more than ${maxLegs} walks in one trace`,
        )
    }
  }
  if (!first) throw new Error('no walk ran')
  const result = mergeLegs(legs, swaps)
  result.limitations = [...new Set([...result.limitations, ...limitations])]
  result.tipHeights = tips
  const own = thornode.ownClient ? [thornode.ownClient] : []
  return {
    result,
    http: combineClients([...[...stacks.values()].map((s) => s.http), ...own]),
    context: {
      ...first.context,
      sources: [...[...sources.values()].flat(), ...own.flatMap(sourceUses)],
    },
  }
}

/**
 * What a walk's stops became: THORChain inbounds on any chain; same-tx
 * conversions, then bridge deposits, read off EVM receipts (only the EVM
 * module's chains have them), each settling what the one before left.
 */
async function settleLeg(
  ctx: SettleContext,
  chain: ResolvedChain,
  result: WalkOutcome['result'],
): Promise<Settled> {
  const thor = await settleSwaps(ctx, chain, result)
  if (chain.module !== evmChain) return thor
  const dex = await settleDex(ctx, chain, result, thor.endpoints)
  const bridge = await settleBridges(ctx, chain, result, dex.endpoints)
  const parts = [thor, dex, bridge]
  return {
    endpoints: bridge.endpoints,
    swaps: parts.flatMap((p) => p.swaps),
    next: parts.flatMap((p) => p.next),
    limitations: parts.flatMap((p) => p.limitations),
  }
}

/**
 * The thornode cross-check, when --thorchain-url is given. It is read through
 * a batch's shared client, else its own over the same evidence store (then
 * returned, for the bundle), so its answers are kept and replayed too.
 */
function thornodeCheck(
  request: CrossRequest,
  limitations: string[],
): { check: SwapCheck; ownClient?: HttpClient | undefined } {
  const url = request.thorchainUrl
  const onLimitation = (text: string) => limitations.push(text)
  if (!url)
    return { check: createSwapCheck(undefined, { shown: '', onLimitation }) }
  const { host, limit } = thornodeHostLimit(url, request)
  const ownClient = request.http
    ? undefined
    : createTraceClient(request, evidenceMode(request), {
        limits: { [host]: limit },
        defaultLimit: limit,
        secrets: urlSecrets(url),
      })
  const http = ownClient ?? request.http
  const thornode = http && createThornode({ baseUrl: url, http })
  const check = createSwapCheck(thornode, {
    shown: shownUrl(url),
    signal: request.signal,
    onLimitation,
  })
  return { check, ownClient }
}

function sourceUses(http: HttpClient): SourceUse[] {
  return http.stats().map((s) => ({
    baseUrl: s.baseUrl,
    requests: s.requests,
    cacheHits: s.cacheHits,
    tipHeight: null,
    firstRetrievedAt: s.firstRetrievedAt,
    lastRetrievedAt: s.lastRetrievedAt,
  }))
}

/**
 * The addresses a walk saw pay on, other than the deposits it found: a later
 * walk reaching one (a swap paying back to the thief) sees only its own part
 * of that address's story and must not take it for a deposit address.
 */
function notePassedThrough(
  passed: Map<string, Set<string>>,
  chain: string,
  result: WalkOutcome['result'],
): void {
  if (result.model !== 'account') return
  const deposits = new Set(
    result.hits
      .filter((h) => h.attribution === 'deposit-sweep')
      .map((h) => h.address),
  )
  const seen = passed.get(chain) ?? new Set<string>()
  const nodes = new Map(result.flow.nodes.map((n) => [n.id, n.address]))
  for (const edge of result.flow.edges) {
    const address = nodes.get(edge.source)
    if (address && !deposits.has(address)) seen.add(address)
  }
  passed.set(chain, seen)
}

/** One stack per chain with sources, made when the trace first reaches it. */
function stackCache(seed: ResolvedChain, request: CrossRequest) {
  const stacks = new Map<string, ChainStack>()
  const stackFor = (chain: ResolvedChain) => {
    const sources = sourcesFor(chain, seed, request)
    if (!sources) return undefined
    let stack = stacks.get(chain.name)
    if (!stack) {
      stack = createChainStack(chain, sources, chain.name !== seed.name)
      stacks.set(chain.name, stack)
    }
    return { stack, sources }
  }
  return { stacks, stackFor }
}

/** The seed walk takes the user's seeds; a payout's walk starts from the payout alone. */
function legRequest(
  request: CrossRequest,
  plan: NextLeg | undefined,
  labels: SwapLabels,
  chain: ResolvedChain,
): WalkRequest {
  const inspectTx: WalkRequest['inspectTx'] = (tx) => {
    const inbound = bitcoinInbound(tx)
    if (inbound) labels.addVault(chain.name, inbound.vault, tx.txid)
    request.inspectTx?.(tx)
  }
  const base: WalkRequest = { ...withoutSources(request), labels, inspectTx }
  if (!plan) return base
  const { seed } = plan
  return {
    ...base,
    txs: seed.from ? [] : [seed.tx],
    address: undefined,
    victims: [],
    transferSeeds:
      seed.from && seed.to
        ? [
            {
              txHash: seed.tx,
              from: seed.from,
              to: seed.to,
              transfer: seed.transfer,
              ranges: seed.ranges,
            },
          ]
        : [],
    maxHops: Math.max(1, request.maxHops - plan.hopOffset),
  }
}

function withoutSources(request: CrossRequest): WalkRequest {
  const {
    chains: _c,
    swapWindowSeconds: _w,
    maxLegs: _m,
    thorchainUrl: _t,
    ...rest
  } = request
  const {
    esploraUrl: _e,
    explorerUrl: _x,
    explorerKind: _k,
    rpcUrls: _r,
    explorer: _n,
    ...shared
  } = rest as SourceOptions & WalkRequest
  return shared as WalkRequest
}
