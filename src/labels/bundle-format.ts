import { z } from 'zod'
import type { Confidence, Label } from '../core/types.js'

/** Where a bundled label was copied from. */
export type Origin = {
  id: string
  repo: string
  commit: string
  file: string
  licence: string
}

export type BundledLabel = Label & { origin: string }

const origin = z.object({
  id: z.string(),
  repo: z.string(),
  commit: z.string(),
  file: z.string(),
  licence: z.string(),
})

const confidence = z.enum(['official', 'high', 'medium', 'low'])

/** [chain, address, entity, category, source#, confidence, retrieved, origin#] */
const row = z.tuple([
  z.string(),
  z.string(),
  z.string(),
  z.string(),
  z.number().int().nonnegative(),
  confidence,
  z.string(),
  z.number().int().nonnegative(),
])

export const bundleSchema = z.object({
  version: z.literal(1),
  generated: z.string(),
  origins: z.array(origin),
  sources: z.array(z.string()),
  labels: z.array(row),
})

export type Bundle = z.infer<typeof bundleSchema>

/** Compact form: sources and origins are stored once and referenced by index. */
export function encodeBundle(
  labels: readonly BundledLabel[],
  origins: readonly Origin[],
  generated: string,
): Bundle {
  const originIndex = new Map(origins.map((o, i) => [o.id, i]))
  const sources: string[] = []
  const sourceIndex = new Map<string, number>()
  const rows = labels.map((label) => {
    let s = sourceIndex.get(label.source)
    if (s === undefined) {
      s = sources.push(label.source) - 1
      sourceIndex.set(label.source, s)
    }
    const o = originIndex.get(label.origin)
    if (o === undefined) throw new Error(`unknown origin ${label.origin}`)
    return [
      label.chain,
      label.address,
      label.entity,
      label.category,
      s,
      label.confidence,
      label.retrieved ?? '',
      o,
    ] as Bundle['labels'][number]
  })
  return { version: 1, generated, origins: [...origins], sources, labels: rows }
}

export function decodeBundle(bundle: Bundle): BundledLabel[] {
  return bundle.labels.map((r) => {
    const label: BundledLabel = {
      chain: r[0],
      address: r[1],
      entity: r[2],
      category: r[3],
      source: bundle.sources[r[4]] ?? '',
      confidence: r[5] as Confidence,
      origin: bundle.origins[r[7]]?.id ?? '',
    }
    if (r[6] !== '') label.retrieved = r[6]
    return label
  })
}
