/**
 * The frontier of a traced case: where the funds were last seen still held
 * (unspent outputs, EVM balances) or not yet followed. A watch round asks
 * only about these, one request per tx (Bitcoin outspends) or per address
 * (EVM history since the as-of block).
 */
import { createBitcoinStack } from '../../chains/bitcoin/sources.js'
import { createEvmStack } from '../../chains/evm/sources.js'
import { bitcoinChain, evmChain, findChain } from '../../chains/index.js'
import type { SourceOptions } from '../../chains/types.js'
import { UsageError } from '../../core/errors.js'
import type { Report } from '../../report/types.js'
import type { HttpClient } from '../../sources/types.js'

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

export function createFrontierProbe(
  chain: string,
  sources: SourceOptions & { signal?: AbortSignal | undefined },
): FrontierProbe {
  return assertWatchable(chain) === 'bitcoin'
    ? bitcoinProbe(sources)
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

/** One outspends request per tx: an output of it the report had unspent is now spent. */
function bitcoinProbe(
  sources: SourceOptions & { signal?: AbortSignal | undefined },
): FrontierProbe {
  const { adapter, http } = createBitcoinStack(sources)
  const call = sources.signal ? { signal: sources.signal } : {}
  return {
    http,
    async moved(points) {
      const byTx = groupBy(points, (p) => p.txHash)
      const moved: FrontierPoint[] = []
      for (const [txid, group] of byTx) {
        const spends = await adapter.getOutspends(txid, call)
        for (const p of group) if (spends[p.outputIndex]?.spent) moved.push(p)
      }
      return moved
    },
  }
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
