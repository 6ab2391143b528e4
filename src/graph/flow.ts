/**
 * The flow of tainted value as plain data, the same for every chain model:
 * what a walk hands to the report, amounts still in base units.
 */
import type { Asset } from '../core/types.js'
import type { PolicyName } from '../trace/types.js'

export type NodeRole =
  | 'victim'
  | 'seed'
  | 'intermediate'
  | 'exchange'
  | 'service'
  | 'endpoint'

export type FlowNode = {
  id: string
  kind: 'address' | 'utxo' | 'script'
  address: string | null
  hop: number
  role: NodeRole
  entity: string | null
  category: string | null
  /** Cross-chain traces: the chain the node is on. */
  chain?: string | undefined
}

export type FlowEdge = {
  id: string
  source: string
  target: string
  txHash: string
  /** Output index (UTXO); log index, trace position or 0 for the tx's own value (account). */
  outputIndex: number
  /** Full value moved, and its traced part. */
  amount: bigint
  tainted: bigint
  block: number | null
  /** Unix seconds of the block, null while unconfirmed. */
  time: number | null
  hop: number
  policy: PolicyName
  /** Account model: what moved, when a chain carries several assets. */
  kind?: 'native' | 'internal' | 'erc20' | undefined
  asset?: Asset | undefined
  /** UTXO: every tainted input node of the tx (all inputs for a seed tx). */
  inputs?: string[] | undefined
  /** Cross-chain traces: the chain the edge is on. */
  chain?: string | undefined
}

/** Nodes by hop then id; edges in the order their walk sorted them. */
export type Flow = { nodes: FlowNode[]; edges: FlowEdge[] }
