/** The mutable state of one trace run, shared by the engine's steps. */
import type { BlockRef, UtxoChainAdapter } from '../core/types.js'
import type { FlowGraph } from '../graph/flowGraph.js'
import { endpointOf } from './endpoint.js'
import type { Fetcher } from './fetcher.js'
import type { Policy } from './policy.js'
import type { TraceQueue } from './queue.js'
import type { StopContext } from './stops.js'
import type { Endpoint, HeuristicHit, TraceProgress, TxFee } from './types.js'

export type TraceContext = {
  adapter: UtxoChainAdapter
  fetcher: Fetcher
  queue: TraceQueue
  policy: Policy
  stops: StopContext
  graph: FlowGraph
  maxHops: number
  maxNodes: number
  prefetch: number
  signal: AbortSignal | undefined
  onProgress: ((progress: TraceProgress) => void) | undefined
  seedTxids: Set<string>
  /** Txs whose outputs have been tainted at least once. */
  processed: Set<string>
  /** Txs whose outspends prefetch hook is already attached. */
  hooked: Set<string>
  maxHop: number
  stolen: bigint
  absorbed: bigint
  fees: bigint
  txFees: TxFee[]
  endpoints: Endpoint[]
  heuristics: HeuristicHit[]
  aborted: boolean
}

/** Where a tainted output sits, before deciding how it stops. */
export type OutputRef = {
  txid: string
  vout: number
  address: string | null
  value: bigint
  taint: bigint
  hop: number
  block: BlockRef | null
}

export function addEndpoint(
  ctx: TraceContext,
  output: OutputRef,
  stop: Pick<Endpoint, 'reason' | 'detail'> & Partial<Endpoint>,
): void {
  ctx.endpoints.push(
    endpointOf({ asset: ctx.adapter.asset, ...output, ...stop }),
  )
}
