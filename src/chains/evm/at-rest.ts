/**
 * Funds reported at rest are checked against the holder's balance at the
 * as-of block: "still held" is a claim an officer acts on (a freeze request),
 * and a walk that missed a transfer (an empty trace, an explorer gap) would
 * otherwise report funds at an address that no longer has them. As on
 * Bitcoin, where an output is "unspent" only when the source said so, an
 * amount stays at rest only when the balance covers it.
 */

import { formatUnits } from '../../core/amount.js'
import { assetKey } from '../../core/asset.js'
import { errorLine } from '../../core/errors.js'
import type { Asset } from '../../core/types.js'
import { reconcile } from '../../trace/reconcile.js'
import { traceStatus } from '../../trace/status.js'
import type { Endpoint, TraceResult } from '../../trace/types.js'

/** The holder's balance of one asset at the as-of point; throws when it cannot be read. */
export type BalanceOf = (holder: string, asset: Asset) => Promise<bigint>

export type AtRestCheck = {
  /** null: no source can tell a balance. */
  balanceOf: BalanceOf | null
  /** Where the balances are read, in words: "block 19000000", "the explorer's latest block". */
  asOf: string
}

type Holding = { address: string; asset: Asset; reported: bigint }

type Verdict =
  | { kind: 'verified' }
  | { kind: 'short'; found: bigint }
  | { kind: 'unverified'; why: string }

/** The at-rest endpoints re-judged: verified ones stay, the rest become cuts. */
export async function verifyAtRest(
  result: TraceResult,
  check: AtRestCheck,
): Promise<{ result: TraceResult; limitations: string[] }> {
  const holdings = holdingsOf(result.endpoints)
  if (holdings.size === 0) return { result, limitations: [] }
  const verdicts = new Map<string, Verdict>()
  await Promise.all(
    [...holdings].map(async ([key, holding]) => {
      verdicts.set(key, await judge(holding, check.balanceOf))
    }),
  )
  const endpoints = result.endpoints.map((e) =>
    rejudged(e, verdicts.get(holdingKey(e)), check.asOf),
  )
  const limitations = [...holdings].flatMap(([key, holding]) => {
    const verdict = verdicts.get(key)
    return verdict?.kind === 'short'
      ? [shortfallNote(holding, verdict.found, check.asOf)]
      : []
  })
  const status = traceStatus({
    endpoints,
    reconciliations: reconcile({ ...result, endpoints }),
  })
  return { result: { ...result, endpoints, status }, limitations }
}

function holdingKey(e: Pick<Endpoint, 'address' | 'asset'>): string {
  return `${e.address}|${assetKey(e.asset)}`
}

/** One holding per address and asset: one balance request each, never two. */
function holdingsOf(endpoints: readonly Endpoint[]): Map<string, Holding> {
  const out = new Map<string, Holding>()
  for (const e of endpoints) {
    if (e.reason !== 'unspent' || e.address === null) continue
    const key = holdingKey(e)
    const known = out.get(key)
    if (known) known.reported += e.taint
    else out.set(key, { address: e.address, asset: e.asset, reported: e.taint })
  }
  return out
}

async function judge(
  holding: Holding,
  balanceOf: BalanceOf | null,
): Promise<Verdict> {
  if (!balanceOf)
    return { kind: 'unverified', why: 'no source can read a balance' }
  try {
    const found = await balanceOf(holding.address, holding.asset)
    return found >= holding.reported
      ? { kind: 'verified' }
      : { kind: 'short', found }
  } catch (err) {
    return {
      kind: 'unverified',
      why: errorLine(err, 'the balance read failed'),
    }
  }
}

function rejudged(
  e: Endpoint,
  verdict: Verdict | undefined,
  asOf: string,
): Endpoint {
  if (e.reason !== 'unspent' || !verdict || verdict.kind === 'verified')
    return e
  if (verdict.kind === 'unverified')
    return {
      ...e,
      reason: 'fetch-failed',
      detail: `at rest but not verified: the balance at ${asOf} could not be read (${verdict.why})`,
    }
  return {
    ...e,
    reason: 'balance-short',
    detail: `reported at rest, but the balance at ${asOf} is ${units(verdict.found, e.asset)}: the funds left by a path the sources did not show`,
  }
}

function shortfallNote(holding: Holding, found: bigint, asOf: string): string {
  return `discrepancy: ${holding.address} holds ${units(found, holding.asset)} at ${asOf}, less than the ${units(holding.reported, holding.asset)} the trace found at rest there; the difference is not accounted for`
}

function units(value: bigint, asset: Asset): string {
  const contract = asset.contract ? ` (${asset.contract})` : ''
  return `${formatUnits(value, asset.decimals)} ${asset.symbol}${contract}`
}
