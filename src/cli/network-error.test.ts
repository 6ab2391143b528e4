import { expect, test } from 'vitest'
import { BaseError, UsageError } from '../core/errors.js'
import {
  HttpServerError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '../sources/errors.js'
import { unreachableError } from './network-error.js'

const url = 'https://node.example/v3/***/tx/abc?apikey=***'
const BTC = ['--esplora-url']
const EVM = ['--explorer-url', '--rpc-url']

test.each([
  [
    new NetworkError({ url, reason: 'DNS name did not resolve', attempts: 6 }),
    BTC,
    'cannot reach node.example: DNS name did not resolve (after 6 attempts); nothing was traced. Check the network, or give --esplora-url URL, or trace offline with --replay DIR.',
  ],
  [
    // viem wraps our error; the EVM module keeps it as the cause.
    new BaseError('EVM source failed', {
      cause: new NetworkError({
        url,
        reason: 'connection refused',
        attempts: 1,
      }),
    }),
    EVM,
    'cannot reach node.example: connection refused (after 1 attempt); nothing was traced. Check the network, or give --explorer-url URL or --rpc-url URL, or trace offline with --replay DIR.',
  ],
  [
    new TimeoutError({ url, timeoutMs: 30_000, attempts: 6 }),
    BTC,
    'no answer from node.example within 30000 ms after 6 attempts; nothing was traced. Check the network or raise --timeout, or give --esplora-url URL, or trace offline with --replay DIR.',
  ],
  [
    new RateLimitError({ url, attempts: 6 }),
    BTC,
    'node.example still rate-limits this client (HTTP 429 after 6 attempts); nothing was traced. Lower --rps and try again later, or give --esplora-url URL, or trace offline with --replay DIR.',
  ],
  [
    new HttpServerError({ url, status: 502, attempts: 3 }),
    BTC,
    'node.example failed (HTTP 502 after 3 attempts); nothing was traced. Try again later, or give --esplora-url URL, or trace offline with --replay DIR.',
  ],
])('%s', (err, flags, line) => {
  const out = unreachableError(err, flags)
  expect(out?.shortMessage).toBe(line)
  expect(out?.exitCode).toBe(1)
})

test.each([
  new NotFoundError({ url }),
  new UsageError('bad input'),
  new Error('boom'),
])('%s is not an outage', (err) => {
  expect(unreachableError(err, BTC)).toBeUndefined()
})
