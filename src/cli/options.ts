/** Validates `trace` flags into plain options; every failure is a UsageError (exit 2). */
import { z } from 'zod'
import { parseEvmAddress, parseEvmTxHash } from '../chains/evm/address.js'
import { EVM_CHAIN_NAMES, resolveEvmChain } from '../chains/evm/chains.js'
import { formatZodIssues, UsageError } from '../core/errors.js'

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
  esploraUrl: z.string().optional(),
  explorerUrl: z.string().optional(),
  explorerKind: z
    .enum(['etherscan', 'blockscout'], {
      error: '--explorer-kind must be etherscan or blockscout',
    })
    .optional(),
  rpcUrl: z.array(z.string()).default([]),
  /** false for --no-explorer: RPC only. */
  explorer: z.boolean().default(true),
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

type TxSeedInput = { txid: string; vout?: number | undefined }

export function parseTraceFlags(raw: Record<string, unknown>): TraceFlags {
  const parsed = traceFlags.safeParse(raw)
  if (!parsed.success) {
    const [first] = formatZodIssues(parsed.error.issues)
    throw new UsageError(first ?? 'invalid options')
  }
  const flags = parsed.data
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
  flags.chain = checkChain(flags.chain)
  if (flags.chain === 'bitcoin') {
    const evmOnly = flags.explorerUrl ?? flags.rpcUrl[0]
    if (evmOnly !== undefined || !flags.explorer || flags.explorerKind)
      throw new UsageError(
        '--explorer-url, --explorer-kind, --rpc-url and --no-explorer are for EVM chains (--chain ethereum, ...)',
      )
    return flags
  }
  checkEvmFlags(flags)
  return flags
}

/** 'bitcoin' or an EVM chain; one line on failure (exit 2). */
function checkChain(input: string): string {
  const text = input.trim().toLowerCase()
  if (text === 'bitcoin' || text === 'btc') return 'bitcoin'
  try {
    resolveEvmChain(text)
    return text
  } catch {
    throw new UsageError(
      `unknown chain "${input}": use bitcoin, ${EVM_CHAIN_NAMES.join(', ')} or a numeric EVM chain id`,
    )
  }
}

function checkEvmFlags(flags: TraceFlags): void {
  for (const tx of flags.tx)
    if (tx.includes(':'))
      throw new UsageError(
        `invalid --tx "${tx}": EVM seeds are plain tx hashes (no :vout)`,
      )
  // Bad seeds are reported before anything about keys or sources.
  for (const tx of flags.tx) parseEvmTxHash(tx)
  for (const v of [...flags.victim, ...(flags.address ? [flags.address] : [])])
    parseEvmAddress(v)
  if (flags.esploraUrl)
    throw new UsageError('--esplora-url is for bitcoin; use --explorer-url')
  if (flags.explorerUrl) parseUrl(flags.explorerUrl, '--explorer-url')
  for (const url of flags.rpcUrl) parseUrl(url, '--rpc-url')
  if (!flags.explorer && flags.rpcUrl.length === 0)
    throw new UsageError('--no-explorer needs at least one --rpc-url')
  if (!flags.explorer && (flags.explorerUrl || flags.explorerKind))
    throw new UsageError('--no-explorer cannot be combined with --explorer-url')
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

export function parseUrl(input: string, flag: string): URL {
  try {
    const url = new URL(input)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    return url
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${input}"`)
  }
}
