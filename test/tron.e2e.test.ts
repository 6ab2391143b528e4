/**
 * Tron through the CLI, against a simulated TronGrid host (REST lists and
 * FullNode answers in their real shapes, test/support/tron-sim.ts).
 *
 * USDT: the victim's 1,000 USDT is peeled through three addresses; 400 land
 * at a deposit swept to Binance and 600 at one swept to OKX. A fake "USDT"
 * sent to the thief is filtered, and a failed transfer moves nothing.
 * TRX: 500 TRX leave through a contract's internal transfer; 498 reach a
 * deposit swept to Binance, 1.1 TRX are burned as fees, 0.9 stay at rest.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { comparable, readReport, runCli } from './support/run-cli.js'
import {
  blockTime,
  createTronSim,
  simTxid,
  type TronSim,
  type TronSimTx,
  tronAddress,
} from './support/tron-sim.js'

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'
const FAKE = tronAddress('f')
const V = tronAddress('1')
const V2 = tronAddress('9')
const A1 = tronAddress('a')
const A2 = tronAddress('b')
const A3 = tronAddress('c')
const A4 = tronAddress('4')
const C = tronAddress('5')
const D1 = tronAddress('d')
const D2 = tronAddress('e')
const D3 = tronAddress('6')
const HOT1 = tronAddress('2')
const HOT2 = tronAddress('3')
const X = tronAddress('7')
const Z = tronAddress('8')
const U = (n: number) => BigInt(n) * 1_000_000n
const id = (n: number) => n.toString(16).padStart(64, 'a')
const usdt = (
  n: number,
  block: number,
  from: string,
  to: string,
  amount: number,
  extra: Partial<TronSimTx> = {},
): TronSimTx => ({
  id: id(n),
  block,
  from,
  to: USDT,
  contractCall: true,
  fee: 345_000n,
  trc20: [{ contract: USDT, from, to, value: U(amount) }],
  ...extra,
})

const SIM: TronSim = {
  tip: 200,
  pageSize: 2,
  tokens: {
    [USDT]: { symbol: 'USDT', decimals: 6, name: 'Tether USD' },
    [FAKE]: { symbol: 'USDT', decimals: 6, name: 'Tether USD' },
  },
  txs: [
    usdt(1, 100, V, A1, 1000),
    usdt(2, 101, A1, D1, 400),
    usdt(3, 102, A1, A2, 600),
    {
      id: id(4),
      block: 103,
      from: X,
      to: FAKE,
      contractCall: true,
      trc20: [{ contract: FAKE, from: X, to: A2, value: U(5000) }],
    },
    usdt(5, 104, A2, A3, 600),
    usdt(6, 105, A3, Z, 100, { failed: true }),
    usdt(7, 106, A3, D2, 600),
    usdt(8, 107, D1, HOT1, 400),
    usdt(9, 108, D2, HOT2, 600),
    {
      id: id(10),
      block: 110,
      from: V2,
      to: C,
      contractCall: true,
      trx: U(500),
      internal: [{ from: C, to: A4, value: U(500) }],
    },
    { id: id(11), block: 111, from: A4, to: D3, trx: U(498), fee: 1_100_000n },
    { id: id(12), block: 112, from: D3, to: HOT1, trx: U(498) },
  ],
}

/** The real id of a sim tx: the hash of its raw bytes. */
const tx = (n: number, sim: TronSim = SIM) => {
  const found = sim.txs.find((t) => t.id === id(n))
  if (!found) throw new Error(`no sim tx ${n}`)
  return simTxid(found)
}

let tmp: string
let labels: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-tron-'))
  labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source',
      `tron,${HOT1},Binance,exchange,test`,
      `tron,${HOT2},OKX,exchange,test`,
    ].join('\n'),
  )
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const argv = (tx: string, victim: string, out: string, policy = 'haircut') => [
  'trace',
  '--chain',
  'tron',
  '--tx',
  tx,
  '--victim',
  victim,
  '--labels',
  labels,
  '--no-bundled-labels',
  '--explorer-url',
  'https://tron.example',
  '--policy',
  policy,
  '--no-cache',
  // The sim answers at once: TronGrid's pace would only slow the test.
  '--rps',
  '500',
  '--out',
  out,
  '--no-progress',
]

const hitsOf = (out: string) =>
  readReport(out)
    .hits.map((h) => [h.entity, h.address, h.asset, h.amount])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])))

describe('USDT peeled through three addresses into two deposits', () => {
  test.each(['haircut', 'poison', 'fifo'])(
    '%s: exact hits, books balance',
    async (policy) => {
      const sim = createTronSim(SIM)
      const out = join(tmp, `usdt-${policy}`)
      const run = await runCli(argv(tx(1), V, out, policy), {
        fetch: sim.fetch,
      })
      expect(run.stderr).toBe('')
      expect(run.code, run.stdout).toBe(0)
      expect(hitsOf(out)).toEqual(
        [
          ['Binance', D1, 'USDT', '400'],
          ['OKX', D2, 'USDT', '600'],
        ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      )
      const report = readReport(out)
      expect(report.status).toBe('complete')
      expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
      // The fake USDT is listed as an impostor, never traced.
      expect(JSON.stringify(report)).toContain('impostor-token')
      // Paging: A1's history spans two pages of two.
      expect(sim.asked[`/v1/accounts/${A1}/transactions`]).toBe(2)
    },
  )
})

test('TRX through a contract’s internal transfer: deposit, fees and rest', async () => {
  const sim = createTronSim(SIM)
  const out = join(tmp, 'trx')
  const run = await runCli(argv(tx(10), V2, out), { fetch: sim.fetch })
  expect(run.code, run.stdout + run.stderr).toBe(0)
  expect(hitsOf(out)).toEqual([['Binance', D3, 'TRX', '498']])
  const r = readReport(out).reconciliation
  expect([r.stolen.amount, r.fees.amount, r.atRest.amount, r.balanced]).toEqual(
    ['500', '1.1', '0.9', true],
  )
})

test('a bad address checksum and an unknown tx are one clear line, exit 2', async () => {
  const sim = createTronSim(SIM)
  const bad = await runCli(
    argv(
      tx(1),
      `${V.slice(0, -1)}${V.endsWith('a') ? 'b' : 'a'}`,
      join(tmp, 'bad'),
    ),
    {
      fetch: sim.fetch,
    },
  )
  expect(bad.code).toBe(2)
  expect(bad.stderr).toMatch(/checksum/)
  const missing = await runCli(argv(id(99), V, join(tmp, 'missing')), {
    fetch: sim.fetch,
  })
  expect(missing.code).toBe(2)
  expect(missing.stderr).toMatch(/not found/)
})

test('replay reproduces the report offline', async () => {
  const sim = createTronSim(SIM)
  const out = join(tmp, 'recorded')
  expect((await runCli(argv(tx(1), V, out), { fetch: sim.fetch })).code).toBe(0)
  const offline = (() => {
    throw new Error('network used during replay')
  }) as unknown as typeof globalThis.fetch
  const again = join(tmp, 'replayed')
  const replay = await runCli(
    [
      ...argv(tx(1), V, again).filter((a) => a !== '--no-cache'),
      '--replay',
      out,
    ],
    { fetch: offline },
  )
  expect(replay.code, replay.stderr).toBe(0)
  expect(comparable(readReport(again))).toEqual(comparable(readReport(out)))
})

describe('answers that contradict themselves are not believed', () => {
  const withLie = (n: number, lie: NonNullable<TronSimTx['lie']>): TronSim => ({
    ...SIM,
    txs: SIM.txs.map((t) => (t.id === id(n) ? { ...t, lie } : t)),
  })
  test.each([
    {
      lie: 'json-amount' as const,
      at: 11,
      seed: 10,
      victim: V2,
      cut: [A4, 'TRX', '500'],
      hits: [],
      why: /amount: json 996000000, raw 498000000/,
    },
    {
      lie: 'raw-bytes' as const,
      at: 5,
      seed: 1,
      victim: V,
      cut: [A2, 'USDT', '600'],
      hits: [['Binance', D1, 'USDT', '400']],
      why: /raw bytes hash to [0-9a-f]{64}, not to the tx id/,
    },
    {
      lie: 'list-fee' as const,
      at: 2,
      seed: 1,
      victim: V,
      cut: [A1, 'USDT', '1000'],
      hits: [],
      why: /fee: the REST list says 1345000, its info 345000/,
    },
    {
      lie: 'list-token-amount' as const,
      at: 7,
      seed: 1,
      victim: V,
      cut: [A3, 'USDT', '600'],
      hits: [['Binance', D1, 'USDT', '400']],
      why: /the REST list's USDT transfer of 600000001 base units from T\w+ to T\w+ is not in its logs/,
    },
  ])(
    '$lie at a hop: that address is unexplored, the trace incomplete',
    async ({ lie, at, seed, victim, cut, hits, why }) => {
      const sim = withLie(at, lie)
      const out = join(tmp, `lie-${lie}`)
      const run = await runCli(argv(tx(seed, sim), victim, out), {
        fetch: createTronSim(sim).fetch,
      })
      expect(run.code, run.stderr).toBe(3)
      const report = readReport(out)
      expect(report.status).toBe('incomplete')
      expect(
        report.unexplored.map((u) => [u.address, u.asset, u.amount, u.reason]),
      ).toEqual([[...cut, 'fetch-failed']])
      expect(report.unexplored[0]?.detail).toMatch(why)
      expect(report.unexplored[0]?.detail).toContain(tx(at, sim))
      expect(report.limitations?.join('\n')).toMatch(why)
      expect(hitsOf(out)).toEqual(hits)
      expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
    },
  )
})

test('a sanctioned Tron address in the trail raises the sanctions alert', async () => {
  const sanctioned = join(tmp, 'sanctioned.csv')
  writeFileSync(
    sanctioned,
    [
      'chain,address,entity,category,source',
      `tron,${A2},OFAC SDN listed,sanctioned,https://ofac.example/sdn`,
    ].join('\n'),
  )
  const sim = createTronSim(SIM)
  const out = join(tmp, 'sanctioned')
  const run = await runCli([...argv(tx(1), V, out), '--labels', sanctioned], {
    fetch: sim.fetch,
  })
  expect(run.code, run.stderr).toBe(0)
  const alerts = readReport(out).alerts ?? []
  expect(
    alerts.map((a) => [a.flag, a.chain, a.address, a.asset, a.amount]),
  ).toEqual([['sanctioned', 'tron', A2, 'USDT', '600']])
  expect(alerts[0]?.message).toMatch(/^SANCTIONED: /)
  expect(run.stdout).toMatch(/SANCTIONED/)
})

test('a seed tx that contradicts its raw bytes is an error naming it, no report', async () => {
  const sim: TronSim = {
    ...SIM,
    txs: SIM.txs.map((t) =>
      t.id === id(10) ? { ...t, lie: 'json-amount' as const } : t,
    ),
  }
  const out = join(tmp, 'lying-seed')
  const run = await runCli(argv(tx(10, sim), V2, out), {
    fetch: createTronSim(sim).fetch,
  })
  expect(run.code).toBe(1)
  expect(run.stderr).toContain(`tx ${tx(10, sim)} failed verification`)
  expect(run.stderr).toMatch(/amount: json 1000000000, raw 500000000/)
  expect(existsSync(join(out, 'report.json'))).toBe(false)
})

describe('TronGrid API key', () => {
  const KEY = '5b0e6c1d-93a2-4f7e-b8c4-2d61a9f03e7b'
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
    )
  const holdsKey = (dir: string) =>
    filesUnder(dir).filter((f) => readFileSync(f, 'latin1').includes(KEY))

  test.each([
    ['TRONGRID_API_KEY', () => ({ TRONGRID_API_KEY: KEY })],
    [
      'the config file',
      () => {
        const file = join(tmp, 'config.json')
        writeFileSync(file, JSON.stringify({ trongridApiKey: KEY }))
        return { FUNDTRACE_CONFIG: file }
      },
    ],
  ])(
    'from %s: sent as TRON-PRO-API-KEY on every request, written nowhere',
    async (from, env) => {
      const sim = createTronSim(SIM)
      const out = join(tmp, `keyed-${from.split(' ').join('-')}`)
      const run = await runCli(argv(tx(1), V, out), {
        fetch: sim.fetch,
        env: env(),
      })
      expect(run.code, run.stderr).toBe(0)
      expect(sim.keys.length).toBeGreaterThan(10)
      expect(new Set(sim.keys)).toEqual(new Set([KEY]))
      expect(run.stdout + run.stderr).not.toContain(KEY)
      expect(filesUnder(out).length).toBeGreaterThan(10)
      expect(holdsKey(out)).toEqual([])

      // Replay reads the stored answers: no key, no network, the same report.
      const again = `${out}-replayed`
      const offline = (() => {
        throw new Error('network used during replay')
      }) as unknown as typeof globalThis.fetch
      const replay = await runCli(
        [
          ...argv(tx(1), V, again).filter((a) => a !== '--no-cache'),
          '--replay',
          out,
        ],
        { fetch: offline },
      )
      expect(replay.code, replay.stderr).toBe(0)
      expect(comparable(readReport(again))).toEqual(comparable(readReport(out)))
    },
  )

  test('a token in the base URL path reaches the host only; replay asks for the same URL', async () => {
    const TOKEN = '7f3a9c01d2e4b5a6c7d8e9f0'
    const sim = createTronSim(SIM)
    const out = join(tmp, 'tokened')
    const tokened = (args: string[]) =>
      args.map((a) =>
        a === 'https://tron.example' ? `https://tron.example/${TOKEN}/` : a,
      )
    const run = await runCli(tokened(argv(tx(1), V, out)), {
      fetch: sim.fetch,
    })
    expect(run.code, run.stderr).toBe(0)
    expect([...sim.prefixes]).toEqual([`/${TOKEN}`])
    expect(run.stdout + run.stderr).not.toContain(TOKEN)
    expect(
      filesUnder(out).filter((f) => readFileSync(f, 'latin1').includes(TOKEN)),
    ).toEqual([])
    expect(readReport(out).sources?.[0]?.baseUrl).toBe('https://tron.example/…')

    const offline = (() => {
      throw new Error('network used during replay')
    }) as unknown as typeof globalThis.fetch
    const replayArgs = (args: string[]) => [
      ...args.filter((a) => a !== '--no-cache'),
      '--replay',
      out,
    ]
    const bare = argv(tx(1), V, `${out}-bare`).filter(
      (a, i, all) => a !== '--explorer-url' && all[i - 1] !== '--explorer-url',
    )
    const refused = await runCli(replayArgs(bare), { fetch: offline })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/give the same --explorer-url/)
    const again = `${out}-replayed`
    const replay = await runCli(replayArgs(tokened(argv(tx(1), V, again))), {
      fetch: offline,
    })
    expect(replay.code, replay.stderr).toBe(0)
    expect(comparable(readReport(again))).toEqual(comparable(readReport(out)))
  })

  test('without a key nothing is sent', async () => {
    const sim = createTronSim(SIM)
    const run = await runCli(argv(tx(1), V, join(tmp, 'keyless')), {
      fetch: sim.fetch,
      env: { FUNDTRACE_CONFIG: join(tmp, 'absent.json') },
    })
    expect(run.code, run.stderr).toBe(0)
    expect(new Set(sim.keys)).toEqual(new Set([null]))
  })
})

test('a batch row with chain tron traces with the Tron module', async () => {
  const cases = join(tmp, 'cases.csv')
  writeFileSync(
    cases,
    [
      'case_id,chain,tx,victim,explorer_url',
      `usdt-case,tron,${tx(1)},${V},https://tron.example`,
      `trx-case,trx,${tx(10)},${V2},https://tron.example`,
    ].join('\n'),
  )
  const sim = createTronSim(SIM)
  const out = join(tmp, 'batch')
  const run = await runCli(
    [
      'batch',
      cases,
      '--out',
      out,
      '--labels',
      labels,
      '--no-bundled-labels',
      '--no-cache',
      '--rps',
      '500',
      '--no-progress',
    ],
    { fetch: sim.fetch, env: { TRONGRID_API_KEY: 'batch-key-0123456789' } },
  )
  expect(run.code, run.stderr + run.stdout).toBe(0)
  expect(hitsOf(join(out, 'usdt-case'))).toEqual(
    [
      ['Binance', D1, 'USDT', '400'],
      ['OKX', D2, 'USDT', '600'],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
  )
  expect(hitsOf(join(out, 'trx-case'))).toEqual([['Binance', D3, 'TRX', '498']])
  expect(readReport(join(out, 'trx-case')).hits[0]?.chain).toBe('tron')
  expect(new Set(sim.keys)).toEqual(new Set(['batch-key-0123456789']))
})

describe('java-tron JSON-RPC as a second source (--rpc-url)', () => {
  const withRpc = (args: string[]) => [
    ...args,
    '--rpc-url',
    'https://tron.example/jsonrpc',
  ]
  test('every TRC-20 transfer confirmed: the same hits, the receipts asked', async () => {
    const sim = createTronSim(SIM)
    const out = join(tmp, 'rpc')
    const run = await runCli(withRpc(argv(tx(1), V, out)), {
      fetch: sim.fetch,
    })
    expect(run.code, run.stderr).toBe(0)
    expect(hitsOf(out)).toEqual(
      [
        ['Binance', D1, 'USDT', '400'],
        ['OKX', D2, 'USDT', '600'],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    )
    expect(sim.asked['/jsonrpc']).toBeGreaterThan(5)
    // Replay with the same flags reads the receipts from the evidence too.
    const offline = (() => {
      throw new Error('network used during replay')
    }) as unknown as typeof globalThis.fetch
    const again = `${out}-replayed`
    const replay = await runCli(
      [
        ...withRpc(argv(tx(1), V, again)).filter((a) => a !== '--no-cache'),
        '--replay',
        out,
      ],
      { fetch: offline },
    )
    expect(replay.code, replay.stderr).toBe(0)
    expect(comparable(readReport(again))).toEqual(comparable(readReport(out)))
  })

  test('a receipt that disagrees with the FullNode: the tx is not believed', async () => {
    const sim: TronSim = {
      ...SIM,
      txs: SIM.txs.map((t) =>
        t.id === id(5) ? { ...t, lie: 'rpc-log-amount' as const } : t,
      ),
    }
    const out = join(tmp, 'rpc-lie')
    const run = await runCli(withRpc(argv(tx(1, sim), V, out)), {
      fetch: createTronSim(sim).fetch,
    })
    expect(run.code, run.stderr).toBe(3)
    const report = readReport(out)
    expect(
      report.unexplored.map((u) => [u.address, u.asset, u.amount, u.reason]),
    ).toEqual([[A2, 'USDT', '600', 'fetch-failed']])
    expect(report.limitations?.join('\n')).toMatch(
      /the FullNode API's transfer .* 600000000 is not in the JSON-RPC receipt/,
    )
  })

  test.each([
    [
      'TronGrid’s own /jsonrpc gets the key',
      'https://tron.example/jsonrpc',
      'k',
    ],
    ['another node never does', 'https://node.example/jsonrpc', null],
  ])('%s', async (_, rpcUrl, expected) => {
    const KEY = 'c0ffee00-1111-2222-3333-444455556666'
    const sim = createTronSim(SIM)
    const run = await runCli(
      [
        ...argv(tx(10), V2, join(tmp, `rpc-key-${expected}`)),
        '--rpc-url',
        rpcUrl,
      ],
      { fetch: sim.fetch, env: { TRONGRID_API_KEY: KEY } },
    )
    expect(run.code, run.stderr).toBe(0)
    const host = new URL(rpcUrl).host
    expect([...sim.rpcHosts]).toEqual([`${host} ${expected ? KEY : null}`])
  })

  test('a node of another chain is exit 2 before any trace work', async () => {
    const sim = createTronSim({ ...SIM, rpcChainId: '0x1' })
    const run = await runCli(withRpc(argv(tx(1), V, join(tmp, 'rpc-eth'))), {
      fetch: sim.fetch,
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/serves chain id 1, not Tron/)
    expect(sim.asked['/wallet/gettransactionbyid']).toBeUndefined()
  })
})

test('--address T… --since: the outflows after --since are the theft, read across pages', async () => {
  const W = tronAddress('0')
  // Two payments the victim made before the theft: listed, not stolen.
  const earlier: TronSim = {
    ...SIM,
    txs: [usdt(20, 90, V, W, 30), usdt(21, 91, V, W, 20), ...SIM.txs],
  }
  const sim = createTronSim(earlier)
  const out = join(tmp, 'address-seed')
  const since = new Date(blockTime(95)).toISOString()
  const args = argv('', V, out).filter((a) => a !== '--tx' && a !== '')
  const run = await runCli([...args, '--address', V, '--since', since], {
    fetch: sim.fetch,
  })
  expect(run.code, run.stderr).toBe(0)
  expect(hitsOf(out)).toEqual(
    [
      ['Binance', D1, 'USDT', '400'],
      ['OKX', D2, 'USDT', '600'],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
  )
  const report = readReport(out)
  expect(report.reconciliation.stolen.amount).toBe('1000')
  expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
  // The victim's three txs span two pages of two.
  expect(sim.asked[`/v1/accounts/${V}/transactions`]).toBe(2)
  expect(JSON.stringify(report.heuristics ?? [])).toContain(tx(1))
  expect(JSON.stringify(report.heuristics ?? [])).not.toContain(tx(20, earlier))
})
