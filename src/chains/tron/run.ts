/** A Tron walk: one TronGrid-compatible host (REST lists + FullNode API), the account walk. */
import { formatUnits, parseMinAmountFor } from '../../core/amount.js'
import { UsageError } from '../../core/errors.js'
import { resolveSourceKey } from '../../sources/credentials.js'
import {
  closeOnFailure,
  createTraceClient,
  evidenceMode,
  recordedSourceUrl,
} from '../../sources/setup.js'
import type { SourceUse } from '../../sources/types.js'
import { addressSeedTxs } from '../../trace/account/address-seed.js'
import { walkAccount } from '../../trace/account/walk.js'
import { shownUrl as shownSourceUrl } from '../evm/secrets.js'
import type { ChainModule, WalkOutcome, WalkRequest } from '../types.js'
import { createTronAdapter, type TronAdapter } from './adapter.js'
import { parseTronAddress } from './address.js'
import { createTronRpc, type TronRpc } from './jsonrpc.js'
import {
  createTronGridSource,
  TRONGRID_KEY_HEADER,
  TRONGRID_URL,
  TronTxNotFoundError,
} from './trongrid.js'

const TRONGRID_KEY = { variable: 'TRONGRID_API_KEY', field: 'trongridApiKey' }

/** TronGrid allows about 15 req/s with a key and a dynamic rate without; stay well under. */
const TRONGRID_LIMIT = { rps: 5, concurrency: 4 }

export const runTron: ChainModule['run'] = async (_chain, request) => {
  const baseUrl = sourceUrl(request)
  const limit = {
    rps: request.rps ?? TRONGRID_LIMIT.rps,
    concurrency: request.concurrency ?? TRONGRID_LIMIT.concurrency,
  }
  const http =
    request.http ??
    createTraceClient(request, evidenceMode(request), {
      limits: { [new URL(baseUrl).host]: limit },
      defaultLimit: limit,
    })
  // A replay reads stored answers only: it needs no key.
  const apiKey = request.replay
    ? undefined
    : resolveSourceKey(request.env ?? {}, TRONGRID_KEY)
  // A java-tron JSON-RPC endpoint, when given, confirms every tx's TRC-20 logs.
  const rpcUrl = request.rpcUrls?.[0]
  // The key goes to the REST host's own /jsonrpc only, never to another node.
  const sameHost = rpcUrl && new URL(rpcUrl).origin === new URL(baseUrl).origin
  const rpc = rpcUrl
    ? createTronRpc({
        url: rpcUrl,
        http,
        ...(apiKey && sameHost
          ? { headers: { [TRONGRID_KEY_HEADER]: apiKey } }
          : {}),
      })
    : undefined
  const adapter = createTronAdapter(
    createTronGridSource({ baseUrl, http, apiKey }),
    rpc,
  )
  const hosts = { baseUrl, rpc, rpcUrl }
  return closeOnFailure(http, walk(request, adapter, http, hosts))
}

type Hosts = {
  baseUrl: string
  rpc?: TronRpc | undefined
  rpcUrl?: string | undefined
}

/** The REST host first (a replay reads its URL from there), then a JSON-RPC host of its own. */
function sourceUses(
  http: WalkOutcome['http'],
  hosts: Hosts,
  tipHeight: number | null,
): SourceUse[] {
  const stats = http.stats()
  const origin = (u: string) => new URL(u).origin
  const use = (url: string, shown: string): SourceUse[] => {
    const s = stats.find((x) => x.baseUrl === origin(url))
    if (!s) return []
    const { requests, cacheHits, firstRetrievedAt, lastRetrievedAt } = s
    const at = { firstRetrievedAt, lastRetrievedAt }
    return [{ baseUrl: shown, requests, cacheHits, tipHeight, ...at }]
  }
  const rest = use(hosts.baseUrl, shownSourceUrl(hosts.baseUrl))
  const { rpc, rpcUrl } = hosts
  if (!rpc || !rpcUrl || origin(rpcUrl) === origin(hosts.baseUrl)) return rest
  return [...rest, ...use(rpcUrl, rpc.shownUrl)]
}

/** --explorer-url, else the recorded run's, else TronGrid. */
function sourceUrl(request: WalkRequest): string {
  const recorded = request.replay
    ? recordedSourceUrl(request.replay)
    : undefined
  // A recording shows a tokened URL as "https://host/…": the token is not in it.
  if (!request.explorerUrl && recorded?.endsWith('/…'))
    throw new UsageError(
      `the recording's source URL carried a token (${recorded}): give the same --explorer-url as the recorded run`,
    )
  return (request.explorerUrl ?? recorded ?? TRONGRID_URL).replace(/\/+$/, '')
}

/** The tx seeds, and a drained wallet's outflows from --since on (its address is a victim). */
async function seedsOf(request: WalkRequest, adapter: TronAdapter) {
  const seeds = request.txs.map((tx) => adapter.parseTxid(tx))
  const addressSeed = request.address && {
    address: parseTronAddress(request.address.address),
    since: request.address.since,
  }
  if (seeds.length === 0 && !addressSeed)
    throw new UsageError(
      'nothing to trace: give a theft tx id with --tx, or --address with --since',
    )
  const victims = request.victims.map((v) => parseTronAddress(v))
  if (addressSeed) victims.push(addressSeed.address)
  const drained = addressSeed
    ? await addressSeedTxs(adapter, addressSeed, { signal: request.signal })
    : []
  if (addressSeed && drained.length === 0 && seeds.length === 0)
    throw new UsageError(
      `nothing to trace: no outflow from ${addressSeed.address} since ${new Date((addressSeed.since ?? 0) * 1000).toISOString()}`,
    )
  const txSeeds = [...new Set([...seeds, ...drained.map((d) => d.txHash)])]
  return { seeds, addressSeed, victims, drained, txSeeds }
}

async function walk(
  request: WalkRequest,
  adapter: TronAdapter,
  http: WalkOutcome['http'],
  hosts: Hosts,
): Promise<WalkOutcome> {
  // A provider's token in the path is never shown: host and "/…" only.
  const shownUrl = shownSourceUrl(hosts.baseUrl)
  // A node of another chain is exit 2 before any trace work.
  await hosts.rpc?.checkChain(request.signal)
  const { seeds, addressSeed, victims, drained, txSeeds } = await seedsOf(
    request,
    adapter,
  )
  const result = await walkAccount({
    adapter,
    labels: request.labels,
    seeds: txSeeds.map((txHash) => ({ txHash })),
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
    if (err instanceof TronTxNotFoundError)
      throw new UsageError(
        `seed tx not found on ${shownUrl} (chain tron): ${err.message}`,
      )
    throw err
  })
  const tipHeight = await adapter.getTipHeight().catch(() => null)
  return {
    result,
    http,
    context: {
      seeds: [
        ...(addressSeed ? [{ kind: 'address' as const, ...addressSeed }] : []),
        ...seeds.map((txid) => ({ kind: 'tx' as const, txid })),
      ],
      addressSeedTxs: drained,
      victims,
      minAmount: formatUnits(parseMinAmountFor(request.minAmount, 6), 6),
      sources: sourceUses(http, hosts, tipHeight),
      tipHeight,
      limitations: [...adapter.limitations],
      filtered: adapter.filtered(),
    },
  }
}
