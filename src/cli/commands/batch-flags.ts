/** `batch` flags validated into plain options; every failure is a UsageError (exit 2). */
import { z } from 'zod'
import {
  type ChainSourceMap,
  parseChainSourceFlags,
} from '../../chains/cross/sources.js'
import { TRACE_DEFAULTS } from '../../core/defaults.js'
import { formatZodIssues, UsageError } from '../../core/errors.js'
import { parseUrl } from '../url.js'

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)

const batchFlags = z.object({
  out: z
    .string({ error: '--out DIR is required' })
    .min(1, '--out DIR is required'),
  concurrency: positiveInt('--concurrency').default(4),
  esploraUrl: z.string().optional(),
  cacheDir: z.string().optional(),
  cache: z.boolean().default(true),
  replay: z.string().optional(),
  rps: z.coerce.number().positive('--rps must be positive').optional(),
  labels: z.array(z.string()).default([]),
  bundledLabels: z.boolean().default(true),
  policy: z.enum(['poison', 'haircut', 'fifo']).default(TRACE_DEFAULTS.policy),
  maxHops: positiveInt('--max-hops').optional(),
  minAmount: z.string().optional(),
  timeout: positiveInt('--timeout').optional(),
  retries: z.coerce.number().int().min(0).optional(),
  progress: z.boolean().default(true),
  explorerUrl: z.array(z.string()).default([]),
  explorerKind: z
    .enum(['etherscan', 'blockscout'], {
      error: '--explorer-kind must be etherscan or blockscout',
    })
    .optional(),
  rpcUrl: z.array(z.string()).default([]),
  /** false for --no-explorer: RPC only (a row's explorer_url still wins). */
  explorer: z.boolean().default(true),
  thorchainUrl: z.string().optional(),
})

type RawBatchFlags = z.infer<typeof batchFlags>

/** Bare source flags are the default of EVM rows; `CHAIN=URL` ones are that chain's, shared by every case. */
export type BatchFlags = Omit<RawBatchFlags, 'explorerUrl'> & {
  explorerUrl: string | undefined
  chains: ChainSourceMap
}

export function parseBatchFlags(raw: Record<string, unknown>): BatchFlags {
  const parsed = batchFlags.safeParse(raw)
  if (!parsed.success)
    throw new UsageError(
      formatZodIssues(parsed.error.issues)[0] ?? 'invalid options',
    )
  const sources = parseChainSourceFlags(
    parsed.data.explorerUrl,
    parsed.data.rpcUrl,
  )
  const flags: BatchFlags = {
    ...parsed.data,
    explorerUrl: sources.explorerUrl,
    rpcUrl: sources.rpcUrls,
    chains: sources.chains,
  }
  if (flags.replay && !flags.cache)
    throw new UsageError('--replay reads the evidence store; drop --no-cache')
  if (flags.esploraUrl) parseUrl(flags.esploraUrl, '--esplora-url')
  if (flags.explorerUrl) parseUrl(flags.explorerUrl, '--explorer-url')
  for (const url of flags.rpcUrl) parseUrl(url, '--rpc-url')
  for (const [name, own] of Object.entries(flags.chains)) {
    if (own.explorerUrl) parseUrl(own.explorerUrl, `--explorer-url ${name}=`)
    for (const url of own.rpcUrls ?? []) parseUrl(url, `--rpc-url ${name}=`)
  }
  if (flags.thorchainUrl) parseUrl(flags.thorchainUrl, '--thorchain-url')
  if (!flags.explorer && (flags.explorerUrl || flags.explorerKind))
    throw new UsageError('--no-explorer cannot be combined with --explorer-url')
  return flags
}
