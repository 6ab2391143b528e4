/**
 * Row shapes of the Etherscan v2 account API (and Blockscout's compatible
 * one). Every number is a decimal string. The envelope schema refuses the
 * status "0" answers that are not data, so the HTTP layer never stores a rate
 * limit or an error as evidence; etherscan.ts reads the reason back.
 */
import { z } from 'zod'

const uint = z.string().regex(/^\d+$/, 'expected a decimal integer string')
const address = z
  .string()
  .regex(/^(0x[0-9a-fA-F]{40})?$/, 'expected an address')
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a tx hash')

export const etherscanTxSchema = z.object({
  blockNumber: uint,
  timeStamp: uint,
  hash,
  transactionIndex: uint,
  from: address,
  to: address.nullish().transform((to) => to ?? ''),
  value: uint,
  gasPrice: uint.optional(),
  gasUsed: uint,
  isError: z.string().optional(),
  txreceipt_status: z.string().optional(),
  contractAddress: address.nullish(),
})

/**
 * Etherscan names the tx `hash` and the call `traceId`; Blockscout says
 * `transactionHash` and `index`. Rows of `txlistinternal&txhash=` carry
 * neither hash nor traceId (docs.etherscan.io, "Get Internal Transactions by
 * Transaction Hash"): the by-hash reader fills in the hash it asked for.
 */
const etherscanInternalRowSchema = z.object({
  blockNumber: uint,
  timeStamp: uint,
  hash: hash.optional(),
  transactionHash: hash.optional(),
  from: address,
  to: address.nullish().transform((to) => to ?? ''),
  value: uint,
  contractAddress: address.nullish(),
  type: z.string().optional(),
  isError: z.string().optional(),
  traceId: z.string().optional(),
  index: z.string().optional(),
})

/** Address lists: every row must name its tx. */
export const etherscanInternalSchema = etherscanInternalRowSchema.refine(
  (row) => row.hash ?? row.transactionHash,
  'missing tx hash',
)

/** `txlistinternal&txhash=`: rows without a hash belong to the tx asked for. */
export function etherscanInternalByHashSchema(txHash: string) {
  return etherscanInternalRowSchema.transform((row) => ({
    ...row,
    hash: row.hash ?? row.transactionHash ?? txHash.toLowerCase(),
  }))
}

export const etherscanTokenSchema = z.object({
  blockNumber: uint,
  timeStamp: uint,
  hash,
  transactionIndex: uint.optional(),
  /** Blockscout has it; Etherscan's rows do not. */
  logIndex: uint.optional(),
  from: address,
  to: address,
  value: uint,
  contractAddress: address,
  tokenSymbol: z.string(),
  tokenName: z.string().optional(),
  /** "" for tokens the explorer could not read; rows.ts reads it as unknown decimals. */
  tokenDecimal: z.string(),
})

export type EtherscanTx = z.infer<typeof etherscanTxSchema>
export type EtherscanInternal = z.infer<typeof etherscanInternalSchema>
export type EtherscanToken = z.infer<typeof etherscanTokenSchema>

export const RATE_LIMIT_MARK = 'etherscan-rate-limit:'
export const ERROR_MARK = 'etherscan-error:'

const RATE_LIMIT_RE =
  /max rate limit|max calls per sec|rate limit reached|too many requests|query timeout/i

/** The envelope around any list action; rows are validated by `row`. */
export function etherscanListSchema<T>(row: z.ZodType<T>) {
  return z
    .object({
      status: z.string(),
      message: z.string(),
      result: z.unknown(),
    })
    .superRefine((body, ctx) => {
      const reason = statusZeroReason(body)
      if (reason) ctx.addIssue({ code: 'custom', message: reason })
    })
    .transform((body) => (Array.isArray(body.result) ? body.result : []))
    .pipe(z.array(row))
}

/** undefined for data (including "No transactions found"), else a marked reason. */
function statusZeroReason(body: {
  status: string
  message: string
  result: unknown
}): string | undefined {
  if (body.status === '1') {
    return Array.isArray(body.result)
      ? undefined
      : `${ERROR_MARK} result is not a list`
  }
  const text =
    typeof body.result === 'string' && body.result
      ? `${body.message}: ${body.result}`
      : body.message
  if (RATE_LIMIT_RE.test(text)) return `${RATE_LIMIT_MARK} ${text}`
  const empty = Array.isArray(body.result) && body.result.length === 0
  if (empty && /^no .*found/i.test(body.message)) return undefined
  if (empty && body.message === 'OK') return undefined
  return `${ERROR_MARK} ${text}`
}

/** account/balance and account/tokenbalance: one decimal string of base units. */
export const etherscanBalanceSchema = z
  .object({ status: z.string(), message: z.string(), result: z.unknown() })
  .superRefine((body, ctx) => {
    const reason = body.status === '1' ? undefined : statusZeroReason(body)
    if (reason) ctx.addIssue({ code: 'custom', message: reason })
  })
  .transform((body) => body.result)
  .pipe(uint)

/** JSON-RPC passthrough of `module=proxy`: the raw result or a JSON-RPC error. */
/** module=transaction&action=getstatus; isError "1" when the top call failed. */
export const txStatusSchema = z.object({
  status: z.string(),
  message: z.string(),
  result: z.object({
    isError: z.string(),
    errDescription: z.string().optional(),
  }),
})

export type EtherscanTxStatus = z.infer<typeof txStatusSchema>['result']

export const proxySchema = z.object({
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
  status: z.string().optional(),
  message: z.string().optional(),
})
