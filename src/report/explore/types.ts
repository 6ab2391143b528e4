/**
 * What explore.html carries: the report's graph flattened for the browser,
 * with each node's labels and each edge's explorer link and evidence files
 * resolved ahead, so the page needs no report logic of its own.
 */
import type { NodeKind } from '../palette.js'

export type ExploreLabel = {
  entity: string
  category: string
  source: string
  confidence: string
}

/** An exchange deposit: who, how it was tied to them, and the sweep tx(s). */
export type ExploreHit = {
  entity: string
  attribution: string
  confidence: string
  amount: string
  asset: string
  /** The txs behind the attribution: the sweep tx for deposit-sweep. */
  evidenceTxs: { txHash: string; url: string | null }[]
}

export type ExploreNode = {
  id: string
  /** Batch pages: the case folder the node belongs to. */
  caseId: string
  chain: string
  address: string | null
  hop: number
  kind: NodeKind
  entity: string | null
  category: string | null
  labels: ExploreLabel[]
  hit: ExploreHit | null
  /** At rest or not followed: why the trail ends here. */
  note: string | null
  /** Bundle-relative evidence files whose request names the address. */
  evidence: string[]
  /** A collapsed peel chain: the nodes it stands for, in chain order. */
  members?: string[] | undefined
}

export type ExploreEdge = {
  id: string
  caseId: string
  source: string
  target: string
  chain: string
  txHash: string
  outputIndex: number
  asset: string
  decimals: number
  amount: string
  amountBase: string
  tainted: string
  taintedBase: string
  fee: string | null
  tracedFee: string | null
  feeAsset: string
  policy: string
  block: number | null
  time: string | null
  hop: number
  /** Public explorer page of the tx, or null for an unknown chain. */
  url: string | null
  evidence: string[]
  /**
   * A swap (asset A in on one side, asset B out on the other): not a transfer
   * but the link between the two, so amounts stay with the transfers on
   * either side. The edge's own fields repeat the outbound side.
   */
  swap?: ExploreSwap | undefined
}

/** One side of a swap: a payment on one chain. */
export type ExploreSwapSide = {
  chain: string
  txHash: string
  /** Public explorer page of the tx on its own chain, or null. */
  url: string | null
  index: number
  /** The vault, router or pool paid (inbound), the recipient (outbound). */
  address: string
  asset: string
  decimals: number
  amount: string
  amountBase: string
  /** The part of it the trace followed. */
  tainted: string
  taintedBase: string
  time: string | null
}

export type ExploreSwap = {
  /** 'thorchain', 'dex', or whatever else report.json names. */
  protocol: string
  /** How the two sides were tied, in words. */
  matched: string
  confidence: string
  /** THORChain memos, verbatim (attacker-chosen: shown as text only); '' for none. */
  memo: string
  outMemo: string
  inbound: ExploreSwapSide
  outbound: ExploreSwapSide
  /** What a THORChain API said of the match (--thorchain-url), or null when none was asked. */
  crossCheck: { source: string; verdict: string; detail: string } | null
}

export type ExploreCase = {
  id: string
  reportId: string
  chain: string
  status: string
  /** Path from the page to the case's report.html. */
  reportHref: string
}

/** A chain's horizontal strip, in graph coordinates (y0 < y1). */
export type Band = { chain: string; y0: number; y1: number }

/**
 * The first view's layout, computed when the page is written: how many
 * nodes it has and their positions in its node order, flat [x0, y0, x1, ...].
 */
export type PresetLayout = { nodes: number; xy: number[]; bands: Band[] }

export type ExploreData = {
  title: string
  /** Every chain the graph is on, seed chain first: more than one draws a band each. */
  chains: string[]
  cases: ExploreCase[]
  nodes: ExploreNode[]
  edges: ExploreEdge[]
  /** Absent, or made for another view: the page lays the graph out itself. */
  layout?: PresetLayout | undefined
}
