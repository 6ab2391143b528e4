/** The README's exit-code table names error classes; each must exit with its row's code. */
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { IntegrityError } from '../chains/bitcoin/verify.js'
import { type BaseError, UsageError } from '../core/errors.js'
import { TamperedBundleError } from '../report/verify-bundle.js'
import {
  HttpServerError,
  NetworkError,
  RateLimitError,
  ReplayMissError,
  ResponseParseError,
  ResponseValidationError,
  TimeoutError,
} from '../sources/errors.js'
import { StalledPagingError } from '../sources/paging.js'
import { UnbalancedBooksError } from '../trace/status.js'

const url = 'https://esplora.test/api/tx/00'
const ERRORS: Record<string, () => BaseError> = {
  UnbalancedBooksError: () => new UnbalancedBooksError('BTC', 1n, 8),
  IntegrityError: () => new IntegrityError({ txid: '00', problems: [] }),
  StalledPagingError: () =>
    new StalledPagingError({ address: 'a', source: 's', detail: 'd' }),
  TamperedBundleError: () => new TamperedBundleError('tampered'),
  ResponseValidationError: () =>
    new ResponseValidationError({ url, issues: [] }),
  UsageError: () => new UsageError('bad input'),
  RateLimitError: () => new RateLimitError({ url }),
  HttpServerError: () => new HttpServerError({ url, status: 503 }),
  NetworkError: () => new NetworkError({ url }),
  TimeoutError: () => new TimeoutError({ url, timeoutMs: 1 }),
  ResponseParseError: () => new ResponseParseError({ url }),
  ReplayMissError: () => new ReplayMissError({ url }),
}

/** [code, error class names in that row] from the table under "Exit codes". */
function readmeTable(): [number, string[]][] {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8',
  )
  const table = readme
    .split('Exit codes, for every command')[1]!
    .split('\n\n')[1]!
  return table.split('\n').flatMap((line) => {
    const match = /^\| \*\*(\d+)\*\* \|(.*)\|$/.exec(line)
    if (!match) return []
    const names = [...match[2]!.matchAll(/`(\w+Error)`/g)].map((m) => m[1]!)
    return [[Number(match[1]), names] as [number, string[]]]
  })
}

test('the README table lists every exit code the CLI returns', () => {
  expect(readmeTable().map(([code]) => code)).toEqual([0, 1, 2, 3, 130])
})

test.each(
  readmeTable().flatMap(([code, names]) =>
    names.map((name) => [name, code] as const),
  ),
)('%s exits with %i, as the README says', (name, code) => {
  const make = ERRORS[name]
  expect(
    make,
    `${name} is named in the README but unknown to this test`,
  ).toBeDefined()
  expect(make!().exitCode).toBe(code)
})
