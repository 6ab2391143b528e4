/** Validates `trace` flags into plain options; every failure is a UsageError (exit 2). */
import { z } from 'zod'
import { parseUnits } from '../core/amount.js'
import { formatZodIssues, UsageError } from '../core/errors.js'

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)

const traceFlags = z.object({
  chain: z.enum(['bitcoin'], {
    error: 'only bitcoin is supported in this version',
  }),
  tx: z.array(z.string()).default([]),
  address: z.string().optional(),
  since: z.string().optional(),
  victim: z.array(z.string()).default([]),
  labels: z.array(z.string()).default([]),
  bundledLabels: z.boolean().default(true),
  policy: z.enum(['poison', 'haircut', 'fifo'], {
    error: 'policy must be poison, haircut or fifo',
  }),
  maxHops: positiveInt('--max-hops'),
  maxNodes: positiveInt('--max-nodes'),
  minAmount: z.string(),
  out: z.string().optional(),
  json: z.boolean().default(false),
  esploraUrl: z.string().optional(),
  rps: z.coerce.number().positive('--rps must be positive').optional(),
  concurrency: positiveInt('--concurrency').optional(),
  timeout: positiveInt('--timeout').optional(),
  retries: z.coerce.number().int().min(0).optional(),
  cache: z.boolean().default(true),
  cacheDir: z.string().optional(),
  replay: z.string().optional(),
  progress: z.boolean().default(true),
})

export type TraceFlags = z.infer<typeof traceFlags>

export type TxSeedInput = { txid: string; vout?: number | undefined }

export function parseTraceFlags(raw: Record<string, unknown>): TraceFlags {
  const parsed = traceFlags.safeParse(raw)
  if (!parsed.success) {
    const [first] = formatZodIssues(parsed.error.issues)
    throw new UsageError(first ?? 'invalid options')
  }
  const flags = parsed.data
  if (flags.tx.length === 0 && !flags.address)
    throw new UsageError('give at least one --tx TXID or an --address with --since')
  if (flags.since && !flags.address)
    throw new UsageError('--since needs --address')
  if (flags.replay && flags.cache === false)
    throw new UsageError('--replay reads the evidence store; drop --no-cache')
  if (flags.esploraUrl) parseUrl(flags.esploraUrl, '--esplora-url')
  return flags
}

/** `TXID` or `TXID:VOUT` (pins the stolen output). */
export function splitTxSeed(input: string): TxSeedInput {
  const [txid = '', vout, ...rest] = input.split(':')
  if (rest.length > 0 || vout === '')
    throw new UsageError(`invalid --tx "${input}": expected TXID or TXID:VOUT`)
  if (vout === undefined) return { txid }
  if (!/^\d{1,6}$/.test(vout))
    throw new UsageError(`invalid output index in --tx "${input}"`)
  return { txid, vout: Number(vout) }
}

export function parseSince(input: string): number {
  const ms = Date.parse(input)
  if (Number.isNaN(ms))
    throw new UsageError(
      `invalid --since "${input}": use an ISO date such as 2026-03-01T12:00:00Z`,
    )
  return Math.floor(ms / 1000)
}

export function parseMinAmount(input: string, decimals: number): bigint {
  return parseUnits(input, decimals)
}

export function parseUrl(input: string, flag: string): URL {
  try {
    const url = new URL(input)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    return url
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${input}"`)
  }
}
