/**
 * The frontier of a traced case: where the funds were last seen still held
 * (unspent outputs, EVM balances) or not yet followed. A watch round asks
 * only about these: Bitcoin outspends in batches of txs where the server
 * answers them (one request per tx where it does not), EVM history since
 * the as-of block per address.
 */
import { createBitcoinStack } from '../../chains/bitcoin/sources.js'
import { createEvmStack } from '../../chains/evm/sources.js'
import { bitcoinChain, evmChain, findChain } from '../../chains/index.js'
import type { SourceOptions } from '../../chains/types.js'
import { UsageError } from '../../core/errors.js'
import type {
  CallOptions,
  OutSpend,
  UtxoChainAdapter,
} from '../../core/types.js'
import type { Report } from '../../report/types.js'
import {
  HttpRequestError,
  ResponseParseError,
  ResponseValidationError,
} from '../../sources/errors.js'
import type { HttpClient } from '../../sources/types.js'
import { OUTSPENDS_BATCH } from '../../trace/spends.js'

export type FrontierPoint = {
  chain: string
  txHash: string
  outputIndex: number
  address: string | null
  asset: string
  amountBase: string
  asOfBlock: number
}

/** Stops a later run may see continue: a failed fetch can succeed, a pending swap can land. */
const RECHECKED = new Set(['fetch-failed', 'swap-pending'])

export function frontierOf(report: Report): FrontierPoint[] {
  const asOf = report.sources.reduce(
    (top, s) => Math.max(top, s.tipHeight ?? 0),
    0,
  )
  const rest = report.atRest.map((r) => ({
    chain: r.chain,
    txHash: r.txHash,
    outputIndex: r.outputIndex,
    address: r.address,
    asset: r.asset,
    amountBase: r.amountBase,
    asOfBlock: r.asOfBlock,
  }))
  const open = report.unexplored
    .filter((u) => RECHECKED.has(u.reason))
    .map((u) => ({
      chain: u.chain,
      txHash: u.txHash,
      outputIndex: u.outputIndex,
      address: u.address,
      asset: u.asset,
      amountBase: u.amountBase,
      asOfBlock: asOf,
    }))
  return [...rest, ...open]
}

export type FrontierProbe = {
  /** The points that moved since the report (or cannot be checked but by a new trace). */
  moved(points: readonly FrontierPoint[]): Promise<FrontierPoint[]>
  http: HttpClient
}

/** What a watch learns of its source once and keeps for every round. */
export type ProbeMemo = {
  /** Whether the Esplora server answers `/txs/outspends?txids=`; unknown until asked. */
  batchOutspends?: boolean | undefined
}

export function createFrontierProbe(
  chain: string,
  sources: SourceOptions & { signal?: AbortSignal | undefined },
  memo: ProbeMemo = {},
): FrontierProbe {
  return assertWatchable(chain) === 'bitcoin'
    ? bitcoinProbe(sources, memo)
    : evmProbe(chain, sources)
}

/** Probes exist for Bitcoin and EVM chains; any other is refused before the first round. */
export function assertWatchable(chain: string): 'bitcoin' | 'evm' {
  const module = findChain(chain)?.module
  if (module === bitcoinChain) return 'bitcoin'
  if (module === evmChain) return 'evm'
  throw new UsageError(
    `watch cannot yet check funds at rest on ${chain}; re-run trace to see new movements`,
  )
}

/** A point moved when the output the report had unspent is now spent. */
function bitcoinProbe(
  sources: SourceOptions & { signal?: AbortSignal | undefined },
  memo: ProbeMemo,
): FrontierProbe {
  const { adapter, http } = createBitcoinStack(sources)
  const call = sources.signal ? { signal: sources.signal } : {}
  return {
    http,
    async moved(points) {
      const byTx = groupBy(points, (p) => p.txHash)
      const spends = await outspendsOf([...byTx.keys()], adapter, call, memo)
      return points.filter((p) => spends.get(p.txHash)?.[p.outputIndex]?.spent)
    },
  }
}

/**
 * Every tx's outspends: in batches where the server answers them, each tx
 * on its own where it does not (learnt at the first batch, then kept) or
 * where a batch left it out. An outage is an outage either way.
 */
async function outspendsOf(
  txids: readonly string[],
  adapter: UtxoChainAdapter,
  call: CallOptions,
  memo: ProbeMemo,
): Promise<Map<string, OutSpend[]>> {
  const found = new Map<string, OutSpend[]>()
  const batch = adapter.getOutspendsBatch?.bind(adapter)
  const batching = batch && txids.length > 1 && memo.batchOutspends !== false
  for (let i = 0; batching && i < txids.length; i += OUTSPENDS_BATCH) {
    const chunk = txids.slice(i, i + OUTSPENDS_BATCH)
    const answer = await batch(chunk, call).catch((err: unknown) => {
      if (memo.batchOutspends === undefined && refused(err)) return undefined
      throw err
    })
    memo.batchOutspends = answer !== undefined
    if (!answer) break
    chunk.forEach((txid, k) => {
      const spends = answer[k]
      if (spends) found.set(txid, spends)
    })
  }
  for (const txid of txids)
    if (!found.has(txid))
      found.set(txid, await adapter.getOutspends(txid, call))
  return found
}

/** A server without the batch endpoint answers 4xx, or something else than outspends. */
function refused(err: unknown): boolean {
  if (err instanceof ResponseValidationError) return true
  if (err instanceof ResponseParseError) return true
  if (!(err instanceof HttpRequestError) || err.status === undefined)
    return false
  return err.status >= 400 && err.status < 500 && err.status !== 429
}

/** One history read per address from the block after the report's as-of block. */
function evmProbe(
  chain: string,
  sources: SourceOptions & { signal?: AbortSignal | undefined },
): FrontierProbe {
  const { adapter, http } = createEvmStack({ ...sources, chain })
  return {
    http,
    async moved(points) {
      const byAddress = groupBy(points, (p) => p.address ?? '')
      const moved: FrontierPoint[] = []
      for (const [address, group] of byAddress) {
        if (!address) continue
        const fromBlock = Math.min(...group.map((p) => p.asOfBlock)) + 1
        const transfers = await adapter.getAddressTransfers(address, {
          fromBlock,
          ...(sources.signal ? { signal: sources.signal } : {}),
        })
        const own = address.toLowerCase()
        if (transfers.some((t) => t.from.toLowerCase() === own))
          moved.push(...group)
      }
      return moved
    },
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    groups.set(k, [...(groups.get(k) ?? []), item])
  }
  return groups
}
