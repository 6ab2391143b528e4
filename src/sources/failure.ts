/**
 * Why a request got no HTTP answer at all, in words a user can act on.
 * fetch only says "fetch failed"; undici and Node put the reason in a code
 * somewhere down the cause chain (or inside an AggregateError).
 */

const BY_CODE: Record<string, string> = {
  ENOTFOUND: 'DNS name did not resolve',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EAI_FAIL: 'DNS lookup failed',
  EAI_NODATA: 'DNS name did not resolve',
  EAI_NONAME: 'DNS name did not resolve',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'answer stalled',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
  'EPROTO',
])

const isTls = (code: string) =>
  TLS_CODES.has(code) || /^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code)

export type NetworkFailure = {
  /** Short and lower-case: "connection refused", "TLS error (CERT_HAS_EXPIRED)". */
  reason: string
  /** The system or undici code it was read from, when there was one. */
  code: string | undefined
}

/** Reads the first error code in err's cause chain and names it. */
export function networkFailure(err: unknown): NetworkFailure {
  const code = failureCode(err)
  if (code !== undefined) {
    const known = BY_CODE[code]
    if (known) return { reason: known, code }
    if (isTls(code)) return { reason: `TLS error (${code})`, code }
    return { reason: `network error (${code})`, code }
  }
  // fetch refuses some ports (1, 25, 6000…) before connecting, with no code.
  if (causeMessages(err).includes('bad port'))
    return { reason: 'port refused by fetch (bad port)', code: undefined }
  return { reason: 'network error', code: undefined }
}

function failureCode(err: unknown): string | undefined {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    const inner = (e as { errors?: unknown }).errors
    if (Array.isArray(inner)) {
      const found = inner.map(failureCode).find((c) => c !== undefined)
      if (found) return found
    }
  }
  return undefined
}

function causeMessages(err: unknown): string[] {
  return causeChain(err).map((e) => e.message)
}

function causeChain(err: unknown): Error[] {
  const chain: Error[] = []
  for (let e = err; e instanceof Error && chain.length < 8; e = e.cause)
    chain.push(e)
  return chain
}
