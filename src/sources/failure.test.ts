import { expect, test } from 'vitest'
import { networkFailure } from './failure.js'

/** What undici's fetch throws: "fetch failed", the reason in its cause. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
const sysError = (code: string, message = code) =>
  Object.assign(new Error(message), { code })

test.each([
  [
    'ENOTFOUND',
    fetchFailed(sysError('ENOTFOUND', 'getaddrinfo ENOTFOUND x.invalid')),
    'DNS name did not resolve',
  ],
  [
    'EAI_AGAIN',
    fetchFailed(sysError('EAI_AGAIN')),
    'DNS lookup failed (temporary)',
  ],
  ['ECONNREFUSED', fetchFailed(sysError('ECONNREFUSED')), 'connection refused'],
  ['ECONNRESET', fetchFailed(sysError('ECONNRESET')), 'connection reset'],
  [
    'UND_ERR_SOCKET',
    fetchFailed(sysError('UND_ERR_SOCKET', 'other side closed')),
    'connection closed by the server',
  ],
  [
    'UND_ERR_CONNECT_TIMEOUT',
    fetchFailed(sysError('UND_ERR_CONNECT_TIMEOUT')),
    'connection timed out',
  ],
  [
    'CERT_HAS_EXPIRED',
    fetchFailed(sysError('CERT_HAS_EXPIRED')),
    'TLS error (CERT_HAS_EXPIRED)',
  ],
  [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    fetchFailed(sysError('DEPTH_ZERO_SELF_SIGNED_CERT')),
    'TLS error (DEPTH_ZERO_SELF_SIGNED_CERT)',
  ],
  [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    fetchFailed(sysError('ERR_TLS_CERT_ALTNAME_INVALID')),
    'TLS error (ERR_TLS_CERT_ALTNAME_INVALID)',
  ],
  [
    'happy eyeballs: an AggregateError of refusals',
    fetchFailed(
      new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')]),
    ),
    'connection refused',
  ],
  [
    'an unknown code',
    fetchFailed(sysError('EWHATEVER')),
    'network error (EWHATEVER)',
  ],
  [
    'fetch refusing a port',
    fetchFailed(new Error('bad port')),
    'port refused by fetch (bad port)',
  ],
  ['no cause at all', new TypeError('fetch failed'), 'network error'],
  ['not an error', 'boom', 'network error'],
])('%s: %s', (_what, err, reason) => {
  expect(networkFailure(err).reason).toBe(reason)
})
