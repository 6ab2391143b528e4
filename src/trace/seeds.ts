/** Seed resolution: which txs start the trace and which of their outputs are stolen. */
import { UsageError } from '../core/errors.js'
import type { Seed } from '../core/seeds.js'
import type { LabelLookup, UtxoChainAdapter, UtxoTx } from '../core/types.js'
import type { Fetcher } from './fetcher.js'
import { compare, lookupLabels } from './stops.js'
import type { HeuristicHit } from './types.js'

export type SeedTx = {
  tx: UtxoTx
  /** Output indices tainted in full. */
  tainted: number[]
}

export type ResolvedSeeds = {
  seeds: SeedTx[]
  /** --victim addresses plus every address seed. */
  victims: Set<string>
  heuristics: HeuristicHit[]
}

type Wanted = { pinned: Set<number> | null }

export async function resolveSeeds(options: {
  adapter: UtxoChainAdapter
  fetcher: Fetcher
  labels: LabelLookup
  seeds: readonly Seed[]
  victims: readonly string[]
  signal?: AbortSignal | undefined
}): Promise<ResolvedSeeds> {
  const victims = new Set(options.victims)
  const wanted = new Map<string, Wanted>()
  for (const seed of options.seeds) {
    if (seed.kind === 'tx') want(wanted, seed.txid, seed.outputs)
    else victims.add(seed.address)
  }
  for (const seed of options.seeds) {
    if (seed.kind !== 'address') continue
    const txids = await options.adapter.getAddressTxids(seed.address, {
      since: seed.since,
      signal: options.signal,
    })
    const txs = await Promise.all(txids.map((txid) => options.fetcher.tx(txid)))
    for (const tx of txs)
      if (tx.inputs.some((input) => input.address === seed.address))
        want(wanted, tx.txid, undefined)
  }
  const txids = [...wanted.keys()]
  const txs = await Promise.all(txids.map((txid) => options.fetcher.tx(txid)))
  const heuristics: HeuristicHit[] = []
  const seeds = txs.map((tx) => {
    const pinned = wanted.get(tx.txid)?.pinned ?? null
    const ctx = { chain: options.adapter.chain, labels: options.labels }
    const tainted = pinned
      ? pinnedOutputs(tx, pinned)
      : stolenOutputs(tx, victims, ctx, heuristics)
    return { tx, tainted }
  })
  seeds.sort(
    (a, b) =>
      (a.tx.block?.height ?? Number.POSITIVE_INFINITY) -
        (b.tx.block?.height ?? Number.POSITIVE_INFINITY) ||
      compare(a.tx.txid, b.tx.txid),
  )
  return { seeds, victims, heuristics }
}

function want(
  wanted: Map<string, Wanted>,
  txid: string,
  outputs: number[] | undefined,
): void {
  const current = wanted.get(txid)
  // Unpinned wins: the whole tx was named as stolen at least once.
  if (!outputs || (current && current.pinned === null)) {
    wanted.set(txid, { pinned: null })
    return
  }
  const pinned = current?.pinned ?? new Set<number>()
  for (const vout of outputs) pinned.add(vout)
  wanted.set(txid, { pinned })
}

function pinnedOutputs(tx: UtxoTx, pinned: Set<number>): number[] {
  for (const vout of pinned)
    if (!tx.outputs.some((output) => output.index === vout))
      throw new UsageError(`seed tx ${tx.txid} has no output ${vout}`)
  return [...pinned].sort((a, b) => a - b)
}

/** All outputs except returns to the victim, change, and the sender's own exchange. */
function stolenOutputs(
  tx: UtxoTx,
  victims: ReadonlySet<string>,
  ctx: { chain: string; labels: LabelLookup },
  heuristics: HeuristicHit[],
): number[] {
  const inputAddresses = new Set(
    tx.inputs.flatMap((input) =>
      input.address === null ? [] : [input.address],
    ),
  )
  const inputEntities = new Set(
    [...inputAddresses].flatMap((a) =>
      lookupLabels(ctx, a).map((l) => l.entity),
    ),
  )
  // Address-less scripts (P2PK) are matched as change by the script itself.
  const inputScripts = new Set(
    tx.inputs.flatMap((input) => (input.script ? [input.script] : [])),
  )
  const tainted: number[] = []
  for (const output of tx.outputs) {
    const why =
      inputScripts.has(output.script) && output.address === null
        ? "change back to the sender's own script (no address)"
        : exclusion(output.address, victims, inputAddresses, inputEntities, ctx)
    if (why === null) tainted.push(output.index)
    else
      heuristics.push({
        rule: 'seed-exclusion',
        txHash: tx.txid,
        detail: `output ${output.index} not counted as stolen: ${why}`,
      })
  }
  // A labelled sender paying several outputs is likely a batched withdrawal:
  // other customers' payouts would be counted as stolen unless one is pinned.
  if (inputEntities.size > 0 && tainted.length > 1)
    heuristics.push({
      rule: 'seed-batch-warning',
      txHash: tx.txid,
      detail: `the sender is labelled ${[...inputEntities].join(', ')} and ${tainted.length} outputs were taken as stolen; if this is a batched withdrawal, pin the victim's output with --tx ${tx.txid}:VOUT`,
    })
  return tainted
}

function exclusion(
  address: string | null,
  victims: ReadonlySet<string>,
  inputAddresses: ReadonlySet<string>,
  inputEntities: ReadonlySet<string>,
  ctx: { chain: string; labels: LabelLookup },
): string | null {
  if (address === null) return null
  if (victims.has(address)) return 'pays a victim address'
  if (inputAddresses.has(address)) return 'change back to an input address'
  const same = lookupLabels(ctx, address).find((l) =>
    inputEntities.has(l.entity),
  )
  if (same) return `pays ${same.entity}, the same entity as the sender`
  return null
}
