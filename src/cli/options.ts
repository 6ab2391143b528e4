/** Validates `trace` flags into plain options; every failure is a UsageError (exit 2). */
import { z } from 'zod'
import {
  type ChainSourceMap,
  parseChainSourceFlags,
} from '../chains/cross/sources.js'
import {
  parseAddress,
  parseTxSeed,
  type ResolvedChain,
  resolveChain,
} from '../chains/index.js'
import type { SourceFlag } from '../chains/types.js'
import { formatZodIssues, UsageError } from '../core/errors.js'
import { parseInstant } from '../core/time.js'
import { parseUrl } from './url.js'

export { parseUrl }

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)

const traceFlags = z.object({
  /** 'bitcoin', an EVM chain name or a numeric chain id; checked in parseTraceFlags. */
  chain: z.string().default('bitcoin'),
  tx: z.array(z.string()).default([]),
  address: z.string().optional(),
  since: z.string().optional(),
  case: z.string().optional(),
  redactVictim: z.boolean().default(false),
  pdf: z.boolean().default(false),
  chromium: z.string().optional(),
  prices: z.string().optional(),
  fiat: z.enum(['none', 'coingecko']).default('none'),
  victim: z.array(z.string()).default([]),
  labels: z.array(z.string()).default([]),
  bundledLabels: z.boolean().default(true),
  policy: z.enum(['poison', 'haircut', 'fifo'], {
    error: 'policy must be poison, haircut or fifo',
  }),
  maxHops: positiveInt('--max-hops'),
  maxNodes: positiveInt('--max-nodes'),
  minAmount: z.string(),
  serviceThreshold: positiveInt('--service-threshold').default(1000),
  out: z.string().optional(),
  json: z.boolean().default(false),
  full: z.boolean().default(false),
  esploraUrl: z.string().optional(),
  explorerUrl: z.array(z.string()).default([]),
  explorerKind: z
    .enum(['etherscan', 'blockscout'], {
      error: '--explorer-kind must be etherscan or blockscout',
    })
    .optional(),
  rpcUrl: z.array(z.string()).default([]),
  /** false for --no-explorer: RPC only. */
  explorer: z.boolean().default(true),
  thorchainUrl: z.string().optional(),
  rps: z.coerce.number().positive('--rps must be positive').optional(),
  concurrency: positiveInt('--concurrency').optional(),
  timeout: positiveInt('--timeout').optional(),
  retries: z.coerce.number().int().min(0).optional(),
  cache: z.boolean().default(true),
  cacheDir: z.string().optional(),
  replay: z.string().optional(),
  synthetic: z.boolean().default(false),
  progress: z.boolean().default(true),
})

type RawTraceFlags = z.infer<typeof traceFlags>

/** Flags with the seed chain's sources apart from the chains it may cross to. */
export type TraceFlags = Omit<RawTraceFlags, 'explorerUrl'> & {
  explorerUrl: string | undefined
  chains: ChainSourceMap
}

export function parseTraceFlags(raw: Record<string, unknown>): TraceFlags {
  const parsed = traceFlags.safeParse(raw)
  if (!parsed.success) {
    const [first] = formatZodIssues(parsed.error.issues)
    throw new UsageError(first ?? 'invalid options')
  }
  const flags = withChainSources(parsed.data)
  if (flags.tx.length === 0 && !flags.address)
    throw new UsageError(
      'give at least one --tx TXID or an --address with --since',
    )
  if (flags.pdf && !flags.out) throw new UsageError('--pdf needs --out DIR')
  if (flags.since !== undefined && !flags.address)
    throw new UsageError('--since needs --address')
  if (flags.replay && flags.cache === false)
    throw new UsageError('--replay reads the evidence store; drop --no-cache')
  if (flags.esploraUrl) parseUrl(flags.esploraUrl, '--esplora-url')
  const chain = resolveChain(flags.chain)
  flags.chain =
    chain.model === 'utxo' ? chain.name : flags.chain.trim().toLowerCase()
  checkSourceFlags(flags, chain)
  // Bad seeds are reported before anything about keys or sources.
  for (const tx of flags.tx) parseTxSeed(chain, tx)
  for (const v of [...flags.victim, ...(flags.address ? [flags.address] : [])])
    parseAddress(chain, v)
  if (flags.explorerUrl) parseUrl(flags.explorerUrl, '--explorer-url')
  for (const url of flags.rpcUrl) parseUrl(url, '--rpc-url')
  if (flags.thorchainUrl) parseUrl(flags.thorchainUrl, '--thorchain-url')
  for (const [name, own] of Object.entries(flags.chains)) {
    if (own.explorerUrl) parseUrl(own.explorerUrl, `--explorer-url ${name}=`)
    for (const url of own.rpcUrls ?? []) parseUrl(url, `--rpc-url ${name}=`)
  }
  if (!flags.explorer && flags.rpcUrl.length === 0)
    throw new UsageError('--no-explorer needs at least one --rpc-url')
  if (!flags.explorer && (flags.explorerUrl || flags.explorerKind))
    throw new UsageError('--no-explorer cannot be combined with --explorer-url')
  return flags
}

/**
 * `CHAIN=URL` values name the chains a trace may cross to; the seed chain
 * named so is the same as a bare URL.
 */
function withChainSources(raw: RawTraceFlags): TraceFlags {
  const seed = resolveChain(raw.chain).name
  const parsed = parseChainSourceFlags(raw.explorerUrl, raw.rpcUrl, seed)
  return {
    ...raw,
    explorerUrl: parsed.explorerUrl,
    rpcUrl: parsed.rpcUrls,
    chains: parsed.chains,
  }
}

/** A source flag the chain's module does not read is a mistake, not a no-op. */
function checkSourceFlags(flags: TraceFlags, chain: ResolvedChain): void {
  const given: [SourceFlag, boolean][] = [
    // Bitcoin's source is always --esplora-url, seed chain or not.
    ['--esplora-url', flags.esploraUrl !== undefined && chain.model === 'utxo'],
    ['--explorer-url', flags.explorerUrl !== undefined],
    ['--explorer-kind', flags.explorerKind !== undefined],
    ['--rpc-url', flags.rpcUrl.length > 0],
    ['--no-explorer', !flags.explorer],
  ]
  const wrong = given.filter(
    ([flag, set]) => set && !chain.module.sourceFlags.includes(flag),
  )
  if (wrong.length === 0) return
  const names = wrong.map(([flag]) => flag).join(', ')
  throw new UsageError(
    `${names} ${wrong.length > 1 ? 'are' : 'is'} not read on ${chain.name}; its sources are ${chain.module.sourceFlags.join(', ')}`,
  )
}

export function parseSince(input: string): number {
  const seconds = parseInstant(input)
  if (seconds === undefined)
    throw new UsageError(
      `invalid --since "${input}": use ISO 8601 with a zone, e.g. 2026-03-01T09:30:00Z, or a date such as 2026-03-01 (00:00 UTC)`,
    )
  return seconds
}
