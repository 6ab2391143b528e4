/**
 * JSON-RPC over the shared HTTP client, so node answers are paced, retried,
 * hashed and stored as evidence like explorer answers, and `--replay` covers
 * them. The body carries a fixed id: the same call is the same evidence key.
 *
 * Which error answers are stored: an error that the same request will get
 * again from the same node (method not found, invalid params, a tracer or
 * feature the node lacks, a revert, a block range the node will never
 * serve) is an answer, stored and replayed, so a replay takes the same path
 * (skip that tracer, bisect that range). Anything else (rate limits,
 * internal errors, timeouts, "header not found" on a lagging node) is
 * refused by the schema: the HTTP client retries it and never stores it.
 */
import { z } from 'zod'
import { BaseError } from '../../core/errors.js'
import { ResponseValidationError } from '../../sources/errors.js'
import type { HttpClient } from '../../sources/types.js'

type JsonRpcErrorBody = {
  code: number
  message: string
  data?: unknown
}

/** A JSON-RPC error answer; viem maps it by `code` to its own error classes. */
export class JsonRpcError extends BaseError {
  override name = 'JsonRpcError'
  readonly code: number
  readonly data: unknown
  constructor(error: JsonRpcErrorBody) {
    super(`JSON-RPC error ${error.code}: ${error.message}`)
    this.code = error.code
    this.data = error.data
  }
}

/** Codes that always mean "this request, on this node, never works". */
const DETERMINISTIC_CODES = new Set([
  -32700, // parse error: our body, every time
  -32600, // invalid request
  -32601, // method not found
  -32602, // invalid params
  -32604, // method not supported (EIP-1474)
  3, // execution reverted
])

const TRANSIENT_RE =
  /\brate[- ]?limit|too many requests|limit exceeded|capacity|timeout|timed out|busy|temporar|unavailable|try again|header not found|not synced|syncing|overloaded/i

const UNSUPPORTED_RE =
  /not (supported|found|available|implemented|allowed|enabled)|unsupported|does not exist|unknown method|method .* not|tracer|revert/i

/** Result-size and block-range refusals: fixed by the node's configuration and the chain's past. */
const RANGE_RE =
  /block range|range (is )?too (large|wide|big)|more than \d+ (results|blocks|logs)|returned more than|(exceed|exceeds|exceeded)[^.]*(range|results|blocks|logs|size)|response size/i

export function isDeterministicRpcError(error: JsonRpcErrorBody): boolean {
  if (DETERMINISTIC_CODES.has(error.code)) return true
  if (RANGE_RE.test(error.message)) return true
  if (TRANSIENT_RE.test(error.message)) return false
  return UNSUPPORTED_RE.test(error.message)
}

const TRANSIENT_MARK = 'jsonrpc-transient:'

const errorSchema = z.object({
  code: z.number(),
  message: z.string(),
  data: z.unknown().optional(),
})

/**
 * A response worth keeping: a result (null included) or a deterministic
 * error. `jsonrpc: "2.0"` is required (every node sends it): a 200 from a
 * gateway in front of the node, e.g. Etherscan's `{"status":"0","message":
 * "NOTOK","result":"Max rate limit reached"}`, also has a `result` but is no
 * answer: refused, it is retried and never stored.
 */
const jsonRpcResponseSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.unknown().optional(),
    result: z.unknown().optional(),
    error: errorSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.error && !isDeterministicRpcError(body.error))
      ctx.addIssue({
        code: 'custom',
        message: `${TRANSIENT_MARK}${JSON.stringify(body.error)}`,
      })
    else if (!body.error && body.result === undefined)
      ctx.addIssue({ code: 'custom', message: 'neither result nor error' })
  })

type JsonRpcSend = (
  method: string,
  params: readonly unknown[] | undefined,
) => Promise<unknown>

/** One endpoint: POSTs `{jsonrpc, id: 1, method, params}` through `http`. */
export function createJsonRpcSend(
  http: HttpClient,
  url: string,
  signal?: AbortSignal | undefined,
): JsonRpcSend {
  return async (method, params) => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method,
      params: params ?? [],
    })
    let answer: z.infer<typeof jsonRpcResponseSchema>
    try {
      answer = await http.request({
        url,
        method: 'POST',
        body,
        responseType: 'json',
        schema: jsonRpcResponseSchema,
        signal,
      })
    } catch (err) {
      throw transientError(err) ?? err
    }
    if (answer.error) throw new JsonRpcError(answer.error)
    return answer.result ?? null
  }
}

/** The node's own error, read back from the schema's refusal after every retry. */
function transientError(err: unknown): JsonRpcError | undefined {
  if (!(err instanceof ResponseValidationError)) return undefined
  for (const line of err.metaMessages) {
    const at = line.indexOf(TRANSIENT_MARK)
    if (at < 0) continue
    try {
      const parsed = errorSchema.safeParse(
        JSON.parse(line.slice(at + TRANSIENT_MARK.length)),
      )
      if (parsed.success) return new JsonRpcError(parsed.data)
    } catch {
      return undefined
    }
  }
  return undefined
}
