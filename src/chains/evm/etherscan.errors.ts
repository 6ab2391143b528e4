/** Explorer refusals: status "0" answers read back from the envelope schema. */
import { BaseError } from '../../core/errors.js'
import { ResponseValidationError } from '../../sources/errors.js'
import { ERROR_MARK, RATE_LIMIT_MARK } from './etherscan.schema.js'

/** What a user can do about the refusals that have a fix. */
const HINTS: [RegExp, string][] = [
  [
    /free api access is not supported/i,
    "Etherscan's free tier does not cover this chain: use a paid key, a Blockscout API (e.g. --explorer-url https://base.blockscout.com/api), or a node (--no-explorer --rpc-url URL)",
  ],
  [
    /invalid api key|missing.*api ?key/i,
    'check ETHERSCAN_API_KEY or etherscanApiKey in the config file',
  ],
  [
    /deprecated v1 endpoint/i,
    'point --explorer-url at https://api.etherscan.io/v2/api',
  ],
]

function refusalHint(reason: string): string | undefined {
  return HINTS.find(([re]) => re.test(reason))?.[1]
}

/** HTTP 200 with status "0" that is neither data nor a rate limit. */
export class EtherscanError extends BaseError {
  override name = 'EtherscanError'
  /** The explorer's own words, e.g. "Invalid API Key". */
  readonly reason: string
  constructor(reason: string, options: { url?: string; cause?: unknown } = {}) {
    const hint = refusalHint(reason)
    super(`Explorer API error: ${reason}${hint ? ` (${hint})` : ''}`, {
      details: options.url,
      cause: options.cause,
    })
    this.reason = reason
  }
}

/** Still rate limited (status "0") after every retry. */
export class EtherscanRateLimitError extends EtherscanError {
  override name = 'EtherscanRateLimitError'
  override readonly exitCode = 3
}

type Refusal = { kind: 'rate-limit' | 'error'; text: string }

/** Reads back the marked reason the envelope schema gave for a status "0". */
export function refusal(err: unknown): Refusal | undefined {
  if (!(err instanceof ResponseValidationError)) return undefined
  for (const line of err.metaMessages) {
    const rate = line.indexOf(RATE_LIMIT_MARK)
    if (rate >= 0)
      return {
        kind: 'rate-limit',
        text: line.slice(rate + RATE_LIMIT_MARK.length).trim(),
      }
    const error = line.indexOf(ERROR_MARK)
    if (error >= 0)
      return {
        kind: 'error',
        text: line.slice(error + ERROR_MARK.length).trim(),
      }
  }
  return undefined
}
