/**
 * API keys for sources: an environment variable, else a field of the user's
 * config file (~/.config/fundtrace/config.json; FUNDTRACE_CONFIG moves it).
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { UsageError } from '../core/errors.js'

export type KeySetting = {
  /** The environment variable, e.g. ETHERSCAN_API_KEY. */
  variable: string
  /** The config file's field, e.g. etherscanApiKey. */
  field: string
}

export function configFile(env: Record<string, string | undefined>): string {
  return (
    env.FUNDTRACE_CONFIG ??
    join(
      env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'),
      'fundtrace',
      'config.json',
    )
  )
}

/** The key, trimmed, or undefined when neither place has one. */
export function resolveSourceKey(
  env: Record<string, string | undefined>,
  setting: KeySetting,
): string | undefined {
  const fromEnv = env[setting.variable]?.trim()
  if (fromEnv) return fromEnv
  const file = configFile(env)
  if (!existsSync(file)) return undefined
  let config: unknown
  try {
    config = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // Never echo the file: it holds the key.
    throw new UsageError(`config file ${file} is not valid JSON`)
  }
  const key = (config as Record<string, unknown> | null)?.[setting.field]
  if (key === undefined) return undefined
  if (typeof key !== 'string')
    throw new UsageError(
      `config file ${file}: ${setting.field} must be a string`,
    )
  return key.trim() || undefined
}
