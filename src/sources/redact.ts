/** Scrubs API keys from anything that leaves the HTTP layer: messages, events, evidence. */

const REDACTED = '***'

/** Query parameters whose value is a credential whatever it is. */
const SECRET_PARAMS = [
  'apikey',
  'api_key',
  'key',
  'token',
  'access_token',
  'auth',
]

const SECRET_PARAM_RE = new RegExp(
  `([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`,
  'gi',
)
const USERINFO_RE = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i

/** Replaces every occurrence of each secret, raw and percent-encoded. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED)
    }
  }
  return out
}

/** redactText plus credential query values and `user:pass@`. */
export function redactUrl(url: string, secrets: readonly string[]): string {
  // Secrets first: a secret inside a param value must not survive a partial match.
  return redactText(url, secrets)
    .replace(USERINFO_RE, '$1')
    .replace(SECRET_PARAM_RE, `$1${REDACTED}`)
}

/** An error safe to keep as a `cause`: its message is scrubbed if it has to be. */
export function redactCause(err: unknown, secrets: readonly string[]): unknown {
  if (!(err instanceof Error)) return err
  const message = redactText(err.message, secrets)
  if (message === err.message) return err
  const safe = new Error(message)
  safe.name = err.name
  return safe
}
