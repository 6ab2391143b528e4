/** The zod shape of one batch row: types and formats only, no chain rules. */
import { z } from 'zod'

/** A cell may hold several values: split on spaces, commas, `;` or `|`. */
const list = z
  .union([z.string(), z.array(z.string({ error: 'must be text' }))], {
    error: 'must be text or a list of text',
  })
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : (v ?? '').split(/[\s,;|]+/))
      .map((s) => s.trim())
      .filter(Boolean),
  )

const optionalText = z
  .string({ error: 'must be text' })
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))

const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .optional()

// Empty CSV cells arrive as undefined; JSONL nulls mean "not given".
export const rowSchema = z.object({
  case_id: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(200, 'is longer than 200 characters'),
  chain: z
    .string({ error: 'must be text' })
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v || 'bitcoin'),
  tx: list,
  victim: list,
  address: optionalText,
  since: optionalText,
  labels: list,
  policy: z
    .enum(['poison', 'haircut', 'fifo'], {
      error: 'must be poison, haircut or fifo',
    })
    .optional(),
  max_hops: positiveInt,
  max_nodes: positiveInt,
  min_amount: optionalText.refine(
    (v) => v === undefined || /^\d+(\.\d+)?$/.test(v),
    'must be a decimal amount in whole coins, such as 0.0001',
  ),
  note: optionalText,
  explorer_url: optionalText.refine(
    (v) => v === undefined || isHttpUrl(v),
    'must be an http(s) URL',
  ),
  explorer_kind: z
    .enum(['etherscan', 'blockscout'], {
      error: 'must be etherscan or blockscout',
    })
    .optional(),
  rpc_url: list.refine((urls) => urls.every(isHttpUrl), 'must be http(s) URLs'),
})

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
