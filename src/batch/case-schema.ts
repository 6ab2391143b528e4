import type { PolicyName } from '../trace/types.js'
import { attempt, parsersFor, type RowIssue } from './case-parsers.js'
import { rowSchema } from './case-row-schema.js'

export { canonicalField, FIELD_ALIASES } from './case-fields.js'
export type { RowIssue } from './case-parsers.js'

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
