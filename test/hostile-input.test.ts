/**
 * Hostile input. Parsers either accept and normalise or throw a
 * UsageError; the CLI turns every bad value into one line and exit code 2;
 * a 100 MB answer is refused by the size cap.
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import addressVectors from '../fixtures/bitcoin/addresses.json' with {
  type: 'json',
}
import { parseCaseFile } from '../src/case/load.js'
import {
  parseBitcoinAddress,
  parseTxid,
} from '../src/chains/bitcoin/address.js'
import { UsageError } from '../src/core/errors.js'
import { hasUnsafeText } from '../src/core/text-safety.js'
import { parseInstant } from '../src/core/time.js'
import { parseLabelsCsv } from '../src/labels/csv.js'
import { importLabels } from '../src/labels/import/importers.js'
import { loadEsploraFixtures } from './support/esplora-fixtures.js'
import { esploraRoute } from './support/esplora-server.js'
import {
  readReport,
  runCli,
  type ScenarioCase,
  traceArgv,
} from './support/run-cli.js'

const fixtures = loadEsploraFixtures(
  new URL('../fixtures/esplora/peel-chain', import.meta.url).pathname,
)
const scenario: ScenarioCase = {
  scenario: 'peel-chain',
  ...(fixtures.case as { seedTxid: string; victims: string[] }),
}
const VALID_ADDRESSES = addressVectors.valid.map((v) => v.expected)
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-hostile-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Runs fn; returns its value, or the error if it is a UsageError; rethrows anything else. */
function usageOr<T>(fn: () => T): T | UsageError {
  try {
    return fn()
  } catch (err) {
    if (err instanceof UsageError) return err
    throw err
  }
}

const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF')
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: hexChar, maxLength: 130 }),
)

describe('parseTxid', () => {
  test('64 hex digits in any case, padded with whitespace → lowercase', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: hexChar, minLength: 64, maxLength: 64 }),
        fc.constantFrom('', ' ', '\t', '\n', '  \r\n'),
        (hex, pad) => {
          expect(parseTxid(`${pad}${hex}${pad}`)).toBe(hex.toLowerCase())
        },
      ),
    )
  })

  test('anything else is a UsageError naming the input', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = usageOr(() => parseTxid(input))
        if (typeof result === 'string') {
          expect(result).toMatch(/^[0-9a-f]{64}$/)
          expect(result).toBe(input.trim().toLowerCase())
        } else expect(result.shortMessage).toMatch(/^invalid txid/)
      }),
      { numRuns: 500 },
    )
  })
})

describe('parseBitcoinAddress', () => {
  test('arbitrary strings: a normalised address or a UsageError, nothing else', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const result = usageOr(() => parseBitcoinAddress(input))
        if (typeof result === 'string') expect(result).toBe(result.trim())
        else expect(result.shortMessage.length).toBeGreaterThan(0)
      }),
      { numRuns: 500 },
    )
  })

  test('one changed character in a valid address is refused', () => {
    const bech32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
    const base58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_ADDRESSES),
        fc.nat(),
        fc.nat(),
        (addr, at, pick) => {
          const isBech32 = /^(bc|tb|bcrt)1/.test(addr)
          const alphabet = isBech32 ? bech32 : base58
          // Only the data part: a changed human-readable prefix is another network.
          const start = isBech32 ? addr.indexOf('1') + 1 : 0
          const i = start + (at % (addr.length - start))
          const replacement = alphabet[pick % alphabet.length]!
          fc.pre(replacement !== addr[i])
          const mutated = addr.slice(0, i) + replacement + addr.slice(i + 1)
          expect(usageOr(() => parseBitcoinAddress(mutated))).toBeInstanceOf(
            UsageError,
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('label files', () => {
  const HEADER = 'chain,address,entity,category,source'

  test('arbitrary CSV text: labels or a LabelFileError, nothing else', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'bitcoin',
        'ethereum',
        '"',
        '""',
        ',',
        '\n',
        '\r\n',
        ...VALID_ADDRESSES,
      ),
    )
    const csv = fc.oneof(
      anyText,
      fc
        .array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 })
        .map((rows) => [HEADER, ...rows.map((r) => r.join(','))].join('\n')),
    )
    fc.assert(
      fc.property(csv, (text) => {
        const result = usageOr(() => parseLabelsCsv(text, { file: 'x.csv' }))
        if (result instanceof UsageError)
          expect(result.shortMessage).toMatch(/^x\.csv/)
        else expect(Array.isArray(result)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  test('any entity name survives quoting: written then read back unchanged', () => {
    const entity = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && s.length > 0 && !hasUnsafeText(s))
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_ADDRESSES),
        entity,
        (address, name) => {
          const cell = `"${name.replaceAll('"', '""')}"`
          const text = `${HEADER}\nbitcoin,${address},${cell},exchange,test\n`
          // Read without usageOr: a LabelFileError here fails the property.
          const result = parseLabelsCsv(text, { file: 'x.csv' })
          expect(result).toHaveLength(1)
          expect(result[0]?.entity).toBe(name)
        },
      ),
      { numRuns: 300 },
    )
  })

  test('TagPack YAML: an import result or a LabelFileError, nothing else', () => {
    const yamlish = fc.oneof(
      anyText,
      fc
        .record({
          title: fc.string({ maxLength: 10 }),
          label: fc.string({ maxLength: 10 }),
          currency: fc.constantFrom('BTC', 'ETH', 'USDT', '', '[]', '{'),
          address: fc.oneof(
            fc.constantFrom(...VALID_ADDRESSES),
            fc.string({ maxLength: 10 }),
          ),
        })
        .map(
          (r) =>
            `title: ${r.title}\nlabel: ${r.label}\ncurrency: ${r.currency}\ntags:\n  - address: ${r.address}\n`,
        ),
    )
    fc.assert(
      fc.property(yamlish, (text) => {
        const result = usageOr(() =>
          importLabels(text, 'tagpack', { file: 'p.yaml' }),
        )
        if (result instanceof UsageError)
          expect(result.shortMessage).toMatch(/^p\.yaml/)
        else {
          expect(Array.isArray(result.labels)).toBe(true)
          expect(Array.isArray(result.skipped)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('case files', () => {
  test('arbitrary YAML/JSON: case facts or a CaseFileError, nothing else', () => {
    const doc = fc.oneof(
      anyText,
      fc.json({ maxDepth: 3 }),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => JSON.stringify({ victim: v, chronology: [v] })),
    )
    fc.assert(
      fc.property(doc, (text) => {
        const result = usageOr(() => parseCaseFile(text, 'case.yaml'))
        if (result instanceof UsageError)
          expect(result.shortMessage).toMatch(/^case\.yaml/)
        else expect(result).toBeTypeOf('object')
      }),
      { numRuns: 300 },
    )
  })
})

/* ------------------------------------------------------------------------ */
/* CLI argv                                                                  */

const noNetwork: typeof fetch = () => {
  throw new Error('a bad-input run must not touch the network')
}
/** `TXID` or `TXID:VOUT` as the CLI accepts it (used to skip accidental valid values). */
const validTx = (s: string) => {
  const [txid = '', vout, ...rest] = s.split(':')
  const outputOk = vout === undefined || /^\d{1,6}$/.test(vout)
  return rest.length === 0 && outputOk && /^[0-9a-f]{64}$/i.test(txid.trim())
}
const validAddress = (s: string) =>
  typeof usageOr(() => parseBitcoinAddress(s)) === 'string'
const positiveInt = (s: string) => Number.isInteger(Number(s)) && Number(s) > 0

/** Values crafted to break parsers, terminals and option parsing. */
const nasty = fc
  .oneof(
    fc.string({ maxLength: 70 }),
    fc.string({ unit: 'grapheme', maxLength: 70 }),
    fc.string({ unit: hexChar, maxLength: 70 }),
    fc.constantFrom(
      '',
      ' ',
      '-',
      '--',
      '-1',
      '0',
      '1e3',
      'NaN',
      'Infinity',
      '0x10',
      `${'ab'.repeat(32)}:`,
      `${'ab'.repeat(32)}:-1`,
      `${'ab'.repeat(32)}:1:2`,
      `${'ab'.repeat(32)}:9999999`,
      'ab'.repeat(33),
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
      'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
      'line one\nline two',
      '\u001b[2J\u001b[31mred',
      'a\rb',
      '\u202eevil',
      'x'.repeat(5000),
    ),
  )
  .filter((s) => !s.includes('\u0000'))

type Field =
  | 'tx'
  | 'victim'
  | 'policy'
  | 'max-hops'
  | 'max-nodes'
  | 'min-amount'
  | 'since'

function argvWith(field: Field, value: string): string[] {
  const base = {
    tx: scenario.seedTxid,
    victim: scenario.victims[0]!,
    policy: 'haircut',
    'max-hops': '12',
  }
  const values: Record<string, string> = { ...base, [field]: value }
  const argv = [
    'trace',
    '--tx',
    values.tx!,
    '--victim',
    values.victim!,
    '--policy',
    values.policy!,
    '--max-hops',
    values['max-hops']!,
    '--esplora-url',
    'http://127.0.0.1:9',
    '--no-cache',
    '--retries',
    '0',
    '--no-progress',
    '--no-bundled-labels',
  ]
  if (field === 'max-nodes' || field === 'min-amount')
    argv.push(`--${field}`, value)
  if (field === 'since')
    argv.push('--address', scenario.victims[0]!, '--since', value)
  return argv
}

const isBad: Record<Field, (v: string) => boolean> = {
  tx: (v) => !validTx(v),
  victim: (v) => !validAddress(v),
  policy: (v) => !['poison', 'haircut', 'fifo'].includes(v),
  'max-hops': (v) => !positiveInt(v),
  'max-nodes': (v) => !positiveInt(v),
  'min-amount': (v) => !/^\s*\d*(\.\d*)?\s*$/.test(v) || !/\d/.test(v),
  // '' is covered by its own case below.
  since: (v) => parseInstant(v) === undefined,
}

function expectOneLineUsageError(result: {
  code: number
  stderr: string
  stdout: string
}) {
  expect(result.code, result.stderr).toBe(2)
  expect(result.stderr).not.toContain('    at ')
  expect(result.stderr.endsWith('\n'), JSON.stringify(result.stderr)).toBe(true)
  const lines = result.stderr.slice(0, -1).split('\n')
  expect(lines, JSON.stringify(result.stderr)).toHaveLength(1)
  expect(lines[0]).toMatch(/^(fundtrace:|error:) \S/)
  expect(result.stdout).toBe('')
}

describe('CLI argv fuzzing', () => {
  test.each<Field>([
    'tx',
    'victim',
    'policy',
    'max-hops',
    'max-nodes',
    'min-amount',
    'since',
  ])(
    'a bad --%s: exit 2, one line on stderr, no stack, no network',
    async (field) => {
      await fc.assert(
        fc.asyncProperty(nasty.filter(isBad[field]), async (value) => {
          const result = await runCli(argvWith(field, value), {
            fetch: noNetwork,
          })
          expectOneLineUsageError(result)
        }),
        // Always tried: a multi-line value must still give a one-line error.
        { numRuns: 60, examples: [['line one\nline two']] },
      )
    },
  )

  // Program flags given as an option's value are that value: no version, no help, exit 2.
  test.each(['-V', '--version'])(
    '--since %s is a bad instant, not the version flag',
    async (value) => {
      const result = await runCli(argvWith('since', value), {
        fetch: noNetwork,
      })
      expectOneLineUsageError(result)
    },
  )

  test('the error line carries no terminal control characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Field>('tx', 'victim', 'policy', 'max-hops'),
        fc.constantFrom(
          '\u001b[2J\u001b[31mred',
          'a\u0007b',
          'x\u0008\u0008y',
          '\u009b31m',
          'a\u000bb',
          'a\u000cb',
        ),
        async (field, value) => {
          const result = await runCli(argvWith(field, value), {
            fetch: noNetwork,
          })
          expect(result.code).toBe(2)
          expect(result.stderr.slice(0, -1)).not.toMatch(CONTROL)
        },
      ),
      { numRuns: 30 },
    )
  })

  test.each([
    [['trace']],
    [['trace', '--tx']],
    [['trace', '--since', '2026-01-01']],
    // An unset shell variable (--since "$SINCE") must not widen the trace to all history.
    [
      [
        'trace',
        '--address',
        scenario.victims[0]!,
        '--since',
        '',
        '--esplora-url',
        'http://127.0.0.1:9',
        '--retries',
        '0',
      ],
    ],
    [['trace', '--tx', 'ab'.repeat(32), '--bogus']],
    [['trace', '--tx', 'ab'.repeat(32), '--chain', 'dogecoin']],
    [['trace', '--tx', 'ab'.repeat(32), '--esplora-url', 'ftp://example.org']],
    [['trace', '--tx', 'ab'.repeat(32), '--labels', '/nonexistent/labels.csv']],
    [['trace', '--tx', 'ab'.repeat(32), '--replay', '/nonexistent/dir']],
    [['frobnicate']],
  ])('%j: exit 2, one line', async (argv) => {
    const result = await runCli(argv, { fetch: noNetwork })
    expectOneLineUsageError(result)
  })
})

/* ------------------------------------------------------------------------ */
/* Oversized responses                                                       */

describe('a 100 MB response', () => {
  const HUNDRED_MB = 100 * 1024 * 1024
  let server: Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
    server = undefined
  })

  /** The fixture Esplora, except these paths stream 100 MB. */
  async function startHugeServer(hugePaths: string[], declareLength: boolean) {
    let sent = 0
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname
      if (!hugePaths.includes(path)) {
        const answer = esploraRoute(fixtures, path, url.searchParams)
        res
          .writeHead(answer.status, { 'content-type': answer.contentType })
          .end(answer.body)
        return
      }
      res.writeHead(200, {
        'content-type': 'text/plain',
        ...(declareLength ? { 'content-length': String(HUNDRED_MB) } : {}),
      })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      const pump = () => {
        while (sent < HUNDRED_MB && !res.destroyed) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        if (!res.destroyed) res.end()
      }
      res.on('close', () => res.destroy())
      pump()
    })
    await new Promise<void>((resolve) =>
      server!.listen(0, '127.0.0.1', resolve),
    )
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      sent: () => sent,
    }
  }

  test.each([
    ['streamed without a length', false],
    ['declared in Content-Length', true],
  ])(
    '%s: refused by the size cap, the hop is unexplored, exit 3',
    async (_name, declared) => {
      const outspends = fixtures.outspends.get(scenario.seedTxid) as {
        txid?: string
      }[]
      const spent = outspends.findIndex((o) => o.txid)
      const hop2 = outspends[spent]?.txid
      expect(hop2).toBeDefined()
      // Both answers that carry hop 2: the history of the address it spends
      // from (whose failure falls back to outspends) and the tx itself.
      const paid = fixtures.txs.get(scenario.seedTxid)!.vout[spent]!
      const huge = await startHugeServer(
        [`/address/${paid.scriptpubkey_address}/txs`, `/tx/${hop2}`],
        declared,
      )
      const out = join(tmp, `huge-${declared}`)
      const heapBefore = process.memoryUsage().heapUsed
      const result = await runCli(
        traceArgv(scenario, huge.url, [
          '--no-cache',
          '--out',
          out,
          '--rps',
          '1000',
          '--retries',
          '1',
        ]),
      )
      expect(result.code, result.stderr).toBe(3)
      const report = readReport(out)
      expect(report.status).toBe('incomplete')
      const failed = report.unexplored.filter(
        (u) => u.reason === 'fetch-failed',
      )
      expect(failed.length).toBeGreaterThan(0)
      expect(failed.map((u) => u.detail).join('\n')).toMatch(
        /larger than \d+ bytes/,
      )
      expect(report.reconciliation.balanced).toBe(true)
      // The client stopped reading at the cap instead of buffering 100 MB.
      expect(huge.sent()).toBeLessThan(HUNDRED_MB)
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(
        80 * 1024 * 1024,
      )
    },
  )
})
