import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { formatZodIssues } from '../../core/errors.js'
import type { Confidence } from '../../core/types.js'
import { LabelFileError } from '../csv.js'
import { inferChain, normalizeChain } from '../normalize.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
  mapCategory,
} from './common.js'

/** GraphSense confidence ids → our confidence levels (official = the entity or a government). */
const TAGPACK_CONFIDENCE: Record<string, Confidence> = {
  ownership: 'official',
  authority_data: 'official',
  service_data: 'official',
  forensic: 'high',
  ledger_immanent: 'high',
  manual_transaction: 'high',
  heuristic: 'medium',
  web_crawl: 'medium',
  untrusted_transaction: 'low',
}

const TOKENS = new Set(['usdt', 'usdc'])

/** Abuse types that outrank the category. */
const ABUSE: Record<string, string> = {
  sanction: 'sanctioned',
  service_hack: 'hack',
  hack: 'hack',
  ransomware: 'ransomware',
  phishing: 'scam',
  scam: 'scam',
  ponzi_scheme: 'scam',
  sextortion: 'scam',
  terrorism: 'terrorism',
}

const text = z.preprocess(
  (v) =>
    typeof v === 'number' || v instanceof Date
      ? String(v instanceof Date ? v.toISOString().slice(0, 10) : v)
      : v,
  z.string().trim(),
)
const fields = {
  label: text.optional(),
  source: text.optional(),
  currency: text.optional(),
  network: text.optional(),
  category: text.optional(),
  abuse: text.optional(),
  confidence: text.optional(),
  actor: text.optional(),
  lastmod: text.optional(),
}
const tag = z.object({ address: text, ...fields })
const pack = z.object({
  title: text.optional(),
  tags: z.array(z.unknown()),
  ...fields,
})

type Fields = Partial<Record<keyof typeof fields, string>>
type Loose = { [K in keyof Fields]?: string | undefined }

/** A tag's own non-empty fields override the pack header's. */
function inherit(header: Loose, own: Loose): Fields {
  const merged: Fields = {}
  for (const key of Object.keys(fields) as (keyof Fields)[]) {
    const value = own[key] || header[key]
    if (value) merged[key] = value
  }
  return merged
}

/** Actor ids → display names, from a GraphSense actorpack (optional). */
type ActorNames = ReadonlyMap<string, string>

/** Unknown tags and the like are not worth a Node warning on stderr: the schema decides. */
const YAML_OPTIONS = { logLevel: 'error' } as const

function readPack(input: string, file: string) {
  let data: unknown
  try {
    data = parseYaml(input, YAML_OPTIONS)
  } catch (err) {
    throw new LabelFileError({
      file,
      reason: `invalid YAML: ${String(err).split('\n')[0]}`,
      cause: err,
    })
  }
  const parsed = pack.safeParse(data)
  if (!parsed.success) {
    throw new LabelFileError({
      file,
      reason: `not a TagPack: ${formatZodIssues(parsed.error.issues)[0]}`,
    })
  }
  return parsed.data
}

function toLabelFields(t: Fields, actors: ActorNames | undefined) {
  const actorName = t.actor ? actors?.get(t.actor) : undefined
  const category = t.abuse
    ? (ABUSE[t.abuse] ?? mapCategory(t.abuse))
    : mapCategory(t.category ?? 'unknown')
  return {
    chain: normalizeChain(t.network || t.currency || ''),
    entity: actorName ?? t.label ?? t.actor ?? '',
    category,
    confidence: TAGPACK_CONFIDENCE[t.confidence ?? ''] ?? 'medium',
  }
}

/**
 * GraphSense TagPack YAML. Header fields (label, source, currency, category,
 * abuse, confidence, actor, lastmod) are defaults each tag may override.
 * The entity is the actor's name when an actorpack is given, else the label.
 */
export function importTagpack(
  input: string,
  options: ImportOptions & { actors?: ActorNames | undefined },
): ImportResult {
  const header = readPack(input, options.file)
  const { add, skip, result } = createCollector(options)
  header.tags.forEach((raw, i) => {
    const where = `${options.file}: tags[${i}]`
    const parsed = tag.safeParse(raw)
    if (!parsed.success) {
      skip(where, formatZodIssues(parsed.error.issues).join('; '))
      return
    }
    const merged = inherit(header, parsed.data)
    const mapped = toLabelFields(merged, options.actors)
    // A token is not a chain: USDT on ETH and on TRON share the currency code.
    if (TOKENS.has(mapped.chain))
      mapped.chain = inferChain(parsed.data.address) ?? ''
    if (!mapped.chain && !options.chain) {
      skip(where, 'cannot tell the chain; pass --chain')
      return
    }
    add(
      {
        ...mapped,
        chain: options.chain ?? mapped.chain,
        address: parsed.data.address,
        source: merged.source ?? options.file,
        retrieved: /^\d{4}-\d{2}-\d{2}/.test(merged.lastmod ?? '')
          ? merged.lastmod?.slice(0, 10)
          : undefined,
      },
      where,
    )
  })
  return result
}

const actorpack = z.object({
  actors: z.array(z.object({ id: text, label: text })),
})

/** Reads a GraphSense actorpack into id → label. */
export function parseActorpack(
  input: string,
  file: string,
): Map<string, string> {
  const parsed = actorpack.safeParse(parseYaml(input, YAML_OPTIONS))
  if (!parsed.success)
    throw new LabelFileError({ file, reason: 'not an actorpack' })
  return new Map(parsed.data.actors.map((a) => [a.id, a.label]))
}
