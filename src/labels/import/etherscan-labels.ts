import { basename, extname } from 'node:path'
import { z } from 'zod'
import { formatZodIssues } from '../../core/errors.js'
import { LabelFileError } from '../csv.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
  mapCategory,
} from './common.js'
import { csvRows } from './csv.js'
import { chainFromPath, labelFromPath } from './explorer.js'
import { parseJson } from './json.js'
import { OFAC_ENTITY } from './ofac.js'

const entry = z.object({
  name: z.string().nullish(),
  labels: z.array(z.string()),
})

/** The label that says most about the owner wins the category. */
const PRIORITY = [
  'sanctioned',
  'hack',
  'scam',
  'mixer',
  'exchange-deposit',
  'exchange',
  'bridge',
  'dex',
  'mining-pool',
]

function pickCategory(slugs: readonly string[]): string {
  const mapped = slugs.map(mapCategory)
  return PRIORITY.find((c) => mapped.includes(c)) ?? mapped[0] ?? 'unknown'
}

function entityFor(
  name: string | null | undefined,
  category: string,
  slug: string,
) {
  return name?.trim() || (category === 'sanctioned' ? OFAC_ENTITY : slug)
}

const KNOWN = new Set(PRIORITY)

/**
 * A scrape file copied out of its `accounts/` folder keeps its label name
 * (`binance.csv`); only names that map to a known category are trusted.
 */
function knownSlug(file: string): string | undefined {
  const name = basename(file, extname(file)).toLowerCase()
  return KNOWN.has(mapCategory(name)) ? name : undefined
}

/**
 * brianleect/etherscan-labels: `combined/combinedAccountLabels.json`
 * (`{address: {name, labels[]}}`) or `accounts/<label>.csv`
 * (`,Address,Name Tag,Balance,Txn Count`). Chain from the path or --chain.
 */
export function importEtherscanLabels(
  text: string,
  options: ImportOptions,
): ImportResult {
  const chain = options.chain ?? chainFromPath(options.file)
  const { add, skip, result } = createCollector(options)
  const base = { chain, source: options.file, confidence: 'medium' as const }
  if (text.trimStart().startsWith('{')) {
    const data = parseJson(text, options.file)
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new LabelFileError({
        file: options.file,
        reason: 'expected {address: {name, labels}}',
      })
    }
    for (const [address, raw] of Object.entries(data)) {
      const where = `${options.file}: ${JSON.stringify(address.slice(0, 60))}`
      const parsed = entry.safeParse(raw)
      if (!parsed.success) {
        skip(where, formatZodIssues(parsed.error.issues).join('; '))
        continue
      }
      const category = pickCategory(parsed.data.labels)
      const slug = parsed.data.labels[0] ?? 'unknown'
      add(
        {
          ...base,
          address,
          category,
          entity: entityFor(parsed.data.name, category, slug),
        },
        where,
      )
    }
    return result
  }
  const slug =
    labelFromPath(options.file) ?? knownSlug(options.file) ?? 'unknown'
  const category = mapCategory(slug)
  for (const { line, row } of csvRows(text, options.file)) {
    const address = row.address ?? ''
    add(
      {
        ...base,
        address,
        category,
        entity: entityFor(row['name tag'], category, slug),
      },
      `${options.file}:${line}`,
    )
  }
  return result
}
