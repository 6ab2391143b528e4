/** URL flags: checked before anything heavy loads. */
import { UsageError } from '../core/errors.js'

export function parseUrl(input: string, flag: string): URL {
  try {
    const url = new URL(input)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    return url
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL, got "${input}"`)
  }
}
