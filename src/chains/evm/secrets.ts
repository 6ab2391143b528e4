/** The explorer API key, and the secrets hosted nodes put in RPC URLs. */
import { UsageError } from '../../core/errors.js'
import { resolveSourceKey } from '../../sources/credentials.js'

export function missingKey(): UsageError {
  return new UsageError(
    'the Etherscan API needs a key: set ETHERSCAN_API_KEY, or put {"etherscanApiKey": "..."} in ~/.config/fundtrace/config.json (or the file FUNDTRACE_CONFIG names); or trace through a node with --rpc-url',
  )
}

/** ETHERSCAN_API_KEY, else `etherscanApiKey` from the config file. */
export function resolveApiKey(
  env: Record<string, string | undefined>,
): string | undefined {
  return resolveSourceKey(env, {
    variable: 'ETHERSCAN_API_KEY',
    field: 'etherscanApiKey',
  })
}

/** An RPC URL as reports and messages show it: hosted nodes put the key in the path. */
export function shownUrl(input: string): string {
  const url = new URL(input)
  return `${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}`
}

/**
 * Hosted nodes put the key in the path or query (…/v2/KEY, ?key=KEY), in
 * any shape: short, with dots or equals signs. So the whole path and query
 * of an RPC URL is a secret, kept out of evidence, cache keys, events and
 * messages (only the host is shown), and so is each longer token of it, in
 * case a node's error echoes the key alone.
 */
export function urlSecrets(input: string): string[] {
  const url = new URL(input)
  const whole = `${url.pathname}${url.search}`.replace(/^\/+/, '')
  const tokens = [
    ...url.pathname.split('/'),
    ...[...url.searchParams.values()],
  ].filter(isKeyLike)
  const password = decodeURIComponent(url.password)
  // Response bodies are scrubbed too: a short common word ("rpc", "ethereum")
  // must not become a secret, or the evidence itself would be rewritten.
  const distinctive = /[/?=&]/.test(whole) || isKeyLike(whole)
  return [...(distinctive ? [whole] : []), ...tokens, password].filter(
    (s) => s.length > 0,
  )
}

/** A path or query token that looks generated: long, or shorter with a digit. */
function isKeyLike(part: string): boolean {
  if (!/^[\w.=+~%-]+$/.test(part)) return false
  return part.length >= 16 || (part.length >= 10 && /\d/.test(part))
}
