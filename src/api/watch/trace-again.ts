/**
 * A watched case traced again as it was first traced: the seeds, victims,
 * policy and limits from report.json, the labels the report cites, and the
 * sources it names unless flags override them.
 */
import { modelOf } from '../../chains/index.js'
import type { SourceOptions } from '../../chains/types.js'
import type { Label } from '../../core/types.js'
import type { LabelRef, Report } from '../../report/types.js'
import type { TraceOptions } from '../trace.js'

export type WatchSources = SourceOptions & {
  labelFiles?: readonly string[] | undefined
  bundledLabels?: boolean | undefined
  serviceThreshold?: number | undefined
}

export function traceOptionsOf(
  report: Report,
  sources: WatchSources,
): TraceOptions {
  const { case: c } = report
  const txs = c.seeds.flatMap((s) =>
    s.kind !== 'tx'
      ? []
      : s.outputs?.length
        ? s.outputs.map((o) => `${s.txid}:${o}`)
        : [s.txid],
  )
  const address = c.seeds.find((s) => s.kind === 'address')
  return {
    ...withRecordedSource(report, sources),
    chain: c.chain,
    txs,
    ...(address?.kind === 'address'
      ? {
          address: {
            address: address.address,
            since: address.since
              ? Math.floor(Date.parse(address.since) / 1000)
              : undefined,
          },
        }
      : {}),
    victims: c.victims,
    labels: labelsOf(report),
    policy: c.options.policy,
    maxHops: c.options.maxHops,
    maxNodes: c.options.maxNodes,
    minAmount: c.options.minAmount,
  }
}

/** Bitcoin bundles name their Esplora instance; a flag still wins. */
export function withRecordedSource(
  report: Report,
  sources: WatchSources,
): WatchSources {
  const recorded = report.sources[0]?.baseUrl
  if (modelOf(report.case.chain) !== 'utxo' || sources.esploraUrl || !recorded)
    return sources
  return { ...sources, esploraUrl: recorded }
}

/** The labels behind the report's attributions, so a later run attributes the same way. */
export function labelsOf(report: Report): Label[] {
  const out: Label[] = []
  const add = (chain: string, address: string | null, ref: LabelRef) => {
    if (address) out.push({ chain, address, ...ref })
  }
  for (const hit of report.hits) {
    const labelled = hit.basis?.filter((b) => b.kind === 'label') ?? []
    for (const b of labelled)
      add(hit.chain, b.address, {
        entity: b.entity,
        category: b.category,
        source: b.source,
        confidence: b.confidence,
        ...(b.retrieved ? { retrieved: b.retrieved } : {}),
      })
    if (hit.attribution === 'label' && labelled.length === 0)
      for (const ref of hit.labels) add(hit.chain, hit.address, ref)
  }
  for (const u of report.unexplored)
    for (const ref of u.labels ?? []) add(u.chain, u.address, ref)
  for (const a of report.alerts ?? [])
    for (const ref of a.labels) add(a.chain, a.address, ref)
  return out
}
