/**
 * A watched case traced again as it was first traced: the seeds, victims,
 * policy and limits from report.json, the label set the bundle carries, and
 * the sources it names, unless flags override them.
 */
import { modelOf } from '../../chains/index.js'
import type { SourceOptions } from '../../chains/types.js'
import type { Label } from '../../core/types.js'
import {
  type LabelSet,
  labelsCsv,
  labelsOfFiles,
  readLabelFiles,
} from '../../labels/label-set.js'
import type { LabelRef, Report } from '../../report/types.js'
import type { TraceOptions } from '../trace.js'

export type WatchSources = SourceOptions & {
  /** Replace the bundle's label files. */
  labelFiles?: readonly string[] | undefined
  /** Overrides the bundle's record of whether the built-in labels were on. */
  bundledLabels?: boolean | undefined
  serviceThreshold?: number | undefined
}

/** The labels a watch traces with, parsed once, and the set each revision carries on. */
export type WatchLabels = { set: LabelSet; labels: Label[] }

/**
 * The bundle's label set unless flags replace it. A bundle written before
 * bundles carried one keeps the labels its report cites, as a file of
 * their own, so its revisions carry them on.
 */
export function watchLabels(
  report: Report,
  carried: LabelSet | undefined,
  flags: Pick<WatchSources, 'labelFiles' | 'bundledLabels'>,
): WatchLabels {
  const given = flags.labelFiles?.length
    ? readLabelFiles(flags.labelFiles)
    : undefined
  const old = carried ? [] : labelsOf(report)
  const cited = old.length
    ? [{ name: 'cited-labels.csv', text: labelsCsv(old) }]
    : []
  const files = given ?? carried?.files ?? []
  const set: LabelSet = {
    builtIn: flags.bundledLabels ?? carried?.builtIn ?? true,
    files: [...files, ...cited],
  }
  // The cited labels as the report holds them: not re-checked as a file would be.
  return { set, labels: [...labelsOfFiles(files), ...old] }
}

export function traceOptionsOf(
  report: Report,
  { labelFiles: _, bundledLabels: __, ...sources }: WatchSources,
  labels: WatchLabels,
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
    labels: labels.labels,
    bundledLabels: labels.set.builtIn,
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
