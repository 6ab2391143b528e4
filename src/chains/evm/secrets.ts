/** The explorer API key, and the secrets hosted nodes put in RPC URLs. */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { UsageError } from '../../core/errors.js'

export function missingKey(): UsageError {
  return new UsageError(
    'the Etherscan API needs a key: set ETHERSCAN_API_KEY, or put {"etherscanApiKey": "..."} in ~/.config/fundtrace/config.json (or the file FUNDTRACE_CONFIG names); or trace through a node with --rpc-url',
  )
}

/** ETHERSCAN_API_KEY, else `etherscanApiKey` from the config file. */
export function resolveApiKey(
  env: Record<string, string | undefined>,
): string | undefined {
  const fromEnv = env.ETHERSCAN_API_KEY?.trim()
  if (fromEnv) return fromEnv
  const file =
    env.FUNDTRACE_CONFIG ??
    join(
      env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'),
      'fundtrace',
      'config.json',
    )
  if (!existsSync(file)) return undefined
  let config: unknown
  try {
    config = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // Never echo the file: it holds the key.
    throw new UsageError(`config file ${file} is not valid JSON`)
  }
  const key = (config as { etherscanApiKey?: unknown } | null)?.etherscanApiKey
  if (key === undefined) return undefined
  if (typeof key !== 'string')
    throw new UsageError(
      `config file ${file}: etherscanApiKey must be a string`,
    )
  return key.trim() || undefined
}

/** An RPC URL as reports and messages show it: hosted nodes put the key in the path. */
export function shownUrl(input: string): string {
  const url = new URL(input)
  return `${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}`
}

/**
 * Hosted nodes put the key in the path or query (…/v3/KEY, ?key=KEY): every
 * long token there is a secret, scrubbed from evidence, events and errors.
 */
export function urlSecrets(input: string): string[] {
  const url = new URL(input)
  const parts = [
    ...url.pathname.split('/'),
    ...[...url.searchParams.values()],
    decodeURIComponent(url.password),
  ]
  return parts.filter((part) => /^[\w-]{16,}$/.test(part))
}
