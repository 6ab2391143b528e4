/**
 * Shapes of the raw JSON-RPC answers viem does not parse for us (parity
 * traces from trace_transaction and trace_filter). An answer that does not
 * fit is data we cannot use: it fails with `path: message` lines, never
 * reaches the ledger half-read.
 */
import { z } from 'zod'
import { BaseError, formatZodIssues } from '../../core/errors.js'
import type { ParityTrace } from './internal.js'

const quantity = z.string().regex(/^0x[0-9a-fA-F]+$/, 'expected a hex quantity')
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 20-byte hex address')
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hash')

const parityTraceSchema = z.object({
  type: z.string(),
  action: z.looseObject({
    callType: z.string().optional(),
    from: address.optional(),
    to: address.optional(),
    value: quantity.optional(),
    address: address.optional(),
    balance: quantity.optional(),
    refundAddress: address.optional(),
  }),
  result: z.looseObject({ address: address.optional() }).nullish(),
  error: z.string().optional(),
  traceAddress: z.array(z.number().int().nonnegative()),
})

/** trace_filter adds where each trace sits; block rewards carry no tx hash. */
const filteredTraceSchema = parityTraceSchema.extend({
  transactionHash: hash.nullish(),
  blockNumber: z.number().int().nonnegative().nullish(),
})

const errorEntry = z.object({ code: z.number(), message: z.string() })

export type FilteredTrace = ParityTrace & { transactionHash: string }

class RpcShapeError extends BaseError {
  override name = 'RpcShapeError'
  override readonly exitCode = 3
}

function parse<T>(method: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new RpcShapeError(`Unexpected answer shape from ${method}`, {
    metaMessages: formatZodIssues(parsed.error.issues),
  })
}

export function parseParityTraces(value: unknown): ParityTrace[] {
  return parse('trace_transaction', z.array(parityTraceSchema), value)
}

/** Traces of transactions only: reward traces (no tx) move no tainted value. */
export function parseFilteredTraces(value: unknown): FilteredTrace[] {
  // Erigon streams a failure as an error object inside the result array.
  for (const entry of Array.isArray(value) ? value : []) {
    const failure = errorEntry.safeParse(entry)
    if (failure.success)
      throw new RpcShapeError('trace_filter answered an error in its result', {
        details: failure.data.message,
      })
  }
  return parse('trace_filter', z.array(filteredTraceSchema), value).flatMap(
    ({ transactionHash, blockNumber: _block, ...trace }) =>
      transactionHash
        ? [{ ...trace, transactionHash: transactionHash.toLowerCase() }]
        : [],
  )
}
