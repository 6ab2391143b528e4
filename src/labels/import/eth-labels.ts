import { z } from 'zod'
import { formatZodIssues } from '../../core/errors.js'
import { LabelFileError } from '../csv.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
  mapCategory,
} from './common.js'
import { chainFromPath, labelFromPath } from './explorer.js'
import { parseJson } from './json.js'
import { OFAC_ENTITY } from './ofac.js'

const account = z.object({
  address: z.string(),
  nameTag: z.string().nullish(),
  label: z.string().optional(),
})

/**
 * dawsbot/eth-labels `data/<explorer>/<label>/accounts.json`:
 * `[{address, nameTag}]`. Chain and label come from the path (or --chain).
 */
export function importEthLabels(
  text: string,
  options: ImportOptions,
): ImportResult {
  const data = parseJson(text, options.file)
  if (!Array.isArray(data)) {
    throw new LabelFileError({
      file: options.file,
      reason: 'expected a JSON array of {address, nameTag}',
    })
  }
  const { add, skip, result } = createCollector(options)
  const chain = options.chain ?? chainFromPath(options.file)
  const slug = labelFromPath(options.file)
  data.forEach((raw, i) => {
    const where = `${options.file}[${i}]`
    const parsed = account.safeParse(raw)
    if (!parsed.success) {
      skip(where, formatZodIssues(parsed.error.issues).join('; '))
      return
    }
    const labelSlug = parsed.data.label ?? slug ?? 'unknown'
    const category = mapCategory(labelSlug)
    const fallback = category === 'sanctioned' ? OFAC_ENTITY : labelSlug
    add(
      {
        chain,
        address: parsed.data.address,
        entity: parsed.data.nameTag?.trim() || fallback,
        category,
        source: options.file,
        confidence: 'medium',
      },
      where,
    )
  })
  return result
}
