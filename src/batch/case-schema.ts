/** One batch row, validated: the same fields as `trace`, checked per chain. */
import { z } from 'zod'
import { parseBitcoinAddress, parseTxid } from '../chains/bitcoin/address.js'
import { parseEvmAddress, parseEvmTxHash } from '../chains/evm/address.js'
import { resolveEvmChain } from '../chains/evm/chains.js'
import type { PolicyName } from '../report/types.js'

export type BatchCase = {
  /** The id as written in the file. */
  id: string
  /** Its sanitised directory name under the output folder. */
  dir: string
  /** 1-based line of the row in the cases file. */
  line: number
  chain: string
  /** `TXID` or `TXID:VOUT`. */
  txs: string[]
  victims: string[]
  address?: { address: string; since?: number | undefined } | undefined
  labelFiles: string[]
  policy?: PolicyName | undefined
  maxHops?: number | undefined
  maxNodes?: number | undefined
  minAmount?: string | undefined
  note?: string | undefined
  /** EVM: this case's explorer API and nodes, over the batch's. */
  explorerUrl?: string | undefined
  explorerKind?: 'etherscan' | 'blockscout' | undefined
  rpcUrls?: string[] | undefined
}

/** Column / key spellings accepted, mapped to the canonical field. */
export const FIELD_ALIASES: Record<string, string> = {
  case_id: 'case_id',
  caseid: 'case_id',
  id: 'case_id',
  case: 'case_id',
  chain: 'chain',
  tx: 'tx',
  txs: 'tx',
  txid: 'tx',
  tx_hash: 'tx',
  victim: 'victim',
  victims: 'victim',
  address: 'address',
  since: 'since',
  labels: 'labels',
  label_files: 'labels',
  labelfiles: 'labels',
  policy: 'policy',
  max_hops: 'max_hops',
  maxhops: 'max_hops',
  max_nodes: 'max_nodes',
  maxnodes: 'max_nodes',
  min_amount: 'min_amount',
  minamount: 'min_amount',
  note: 'note',
  explorer_url: 'explorer_url',
  explorerurl: 'explorer_url',
  explorer: 'explorer_url',
  explorer_kind: 'explorer_kind',
  explorerkind: 'explorer_kind',
  rpc_url: 'rpc_url',
  rpc_urls: 'rpc_url',
  rpcurl: 'rpc_url',
  rpc: 'rpc_url',
  notes: 'note',
  description: 'note',
  comment: 'note',
  name: 'note',
}

export function canonicalField(key: string): string | undefined {
  return FIELD_ALIASES[
    key
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ]
}

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
const rowSchema = z.object({
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

export type RowIssue = { field: string; reason: string }

type Parsers = { tx: (s: string) => string; address: (s: string) => string }

/** Throws a UsageError from the chain's own parsers; undefined = unknown chain. */
function parsersFor(chain: string): Parsers | undefined {
  if (chain === 'bitcoin')
    return {
      tx: (s) => {
        const [txid = '', vout, ...rest] = s.split(':')
        if (
          rest.length > 0 ||
          vout === '' ||
          (vout !== undefined && !/^\d{1,6}$/.test(vout))
        )
          throw new Error(`invalid tx "${s}": expected TXID or TXID:VOUT`)
        return vout === undefined
          ? parseTxid(txid)
          : `${parseTxid(txid)}:${vout}`
      },
      address: (s) => parseBitcoinAddress(s),
    }
  try {
    resolveEvmChain(chain)
    return { tx: parseEvmTxHash, address: parseEvmAddress }
  } catch {
    return undefined
  }
}

function attempt<T>(
  fn: () => T,
  field: string,
  issues: RowIssue[],
): T | undefined {
  try {
    return fn()
  } catch (err) {
    const reason =
      err instanceof Error ? err.message.split('\n')[0] : String(err)
    issues.push({ field, reason: reason ?? 'invalid' })
    return undefined
  }
}

export type ParsedRow = Omit<BatchCase, 'dir' | 'line'>

/** Validates one row; every problem is returned, none thrown. */
export function validateRow(
  raw: Record<string, unknown>,
  fileExists: (path: string) => boolean,
): { value?: ParsedRow; issues: RowIssue[] } {
  const parsed = rowSchema.safeParse(raw)
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(row)',
        reason: i.message,
      })),
    }
  const r = parsed.data
  const issues: RowIssue[] = []
  const parsers = parsersFor(r.chain)
  if (!parsers)
    return {
      issues: [{ field: 'chain', reason: `unknown chain "${r.chain}"` }],
    }
  const txs = r.tx.map((t) => attempt(() => parsers.tx(t), 'tx', issues) ?? t)
  const victims = r.victim.map(
    (v) => attempt(() => parsers.address(v), 'victim', issues) ?? v,
  )
  const address =
    r.address &&
    attempt(() => parsers.address(r.address ?? ''), 'address', issues)
  const since = r.since === undefined ? undefined : Date.parse(r.since)
  if (since !== undefined && Number.isNaN(since))
    issues.push({
      field: 'since',
      reason: `invalid time "${r.since}": use ISO 8601`,
    })
  if (r.since && !r.address)
    issues.push({ field: 'since', reason: 'needs an address' })
  if (txs.length === 0 && !r.address)
    issues.push({ field: 'tx', reason: 'give a tx or an address to trace' })
  for (const file of r.labels)
    if (!fileExists(file))
      issues.push({ field: 'labels', reason: `no such file "${file}"` })
  const evmSource = r.explorer_url ?? r.explorer_kind ?? r.rpc_url[0]
  if (r.chain === 'bitcoin' && evmSource !== undefined)
    issues.push({
      field: r.explorer_url
        ? 'explorer_url'
        : r.explorer_kind
          ? 'explorer_kind'
          : 'rpc_url',
      reason: 'is for EVM chains; bitcoin cases use the batch --esplora-url',
    })
  if (issues.length > 0) return { issues }
  return {
    issues,
    value: {
      id: r.case_id,
      chain: r.chain,
      txs,
      victims,
      ...(address
        ? {
            address: {
              address,
              since: since === undefined ? undefined : Math.floor(since / 1000),
            },
          }
        : {}),
      labelFiles: r.labels,
      policy: r.policy,
      maxHops: r.max_hops,
      maxNodes: r.max_nodes,
      minAmount: r.min_amount,
      note: r.note,
      ...(r.explorer_url ? { explorerUrl: r.explorer_url } : {}),
      ...(r.explorer_kind ? { explorerKind: r.explorer_kind } : {}),
      ...(r.rpc_url.length ? { rpcUrls: r.rpc_url } : {}),
    },
  }
}
