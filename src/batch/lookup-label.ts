import { redactText, redactUrl } from '../sources/redact.js'

/**
 * A look-up's identity on the wire: method, redacted URL and body. JSON-RPC
 * POSTs all share one URL, so the body tells them apart.
 */
export function lookupLabel(
  method: string,
  url: string,
  body: string | undefined,
  secrets: readonly string[],
): string {
  let href = url
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    href = parsed.href
  } catch {}
  const shown = redactUrl(href, secrets)
  if (method === 'GET' && body === undefined) return shown
  return `${method} ${shown} ${redactText(body ?? '', secrets)}`
}
