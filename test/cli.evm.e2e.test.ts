/**
 * EVM end to end through main(): a USDT theft peeled to a deposit address
 * and swept to a labelled hot wallet, plus ETH forwarded through a router's
 * internal transfer, served as Etherscan v2 rows and JSON-RPC by msw from one
 * synthetic chain (fixtures/etherscan/usdt-peel/chain.json).
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import {
  type Abi,
  createPublicClient,
  createWalletClient,
  type Hash,
  parseEther,
  http as viemHttp,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { hardhat } from 'viem/chains'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import { createEvmSim, type SimChain } from './support/evm-sim.js'
import { compileTestContracts, startHardhatNode } from './support/hardhat.js'
import { skipHardhat } from './support/hardhat-skip.js'
import { readReport, runCli } from './support/run-cli.js'

type Chain = SimChain & {
  addresses: Record<string, string>
  seeds: string[]
}

const DIR = 'fixtures/etherscan/usdt-peel'
const chain = JSON.parse(readFileSync(join(DIR, 'chain.json'), 'utf8')) as Chain
const ADDR = chain.addresses as Record<string, string>
const EXPLORER = 'https://api.etherscan.io/v2/api'
const BLOCKSCOUT = 'https://eth.blockscout.com/api'
const RPC = 'http://rpc.test/'
const KEY = 'SECRETKEY-evm-4242'
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'

type Faults = {
  /** Explorer URLs (by action|address) answered once with a status-"0" rate limit. */
  rateLimitOnce?: Set<string>
  /** action|address answered with a status-"0" error. */
  errorFor?: Map<string, string>
  /** An address whose every balance the sources answer as 0 (funds gone by a path they never showed). */
  emptyBalance?: string
}
const seen: URL[] = []
let faults: Faults = {}
const sim = createEvmSim(chain, KEY, {
  emptyBalance: () => faults.emptyBalance,
})
const { explorerAnswer, rpcAnswer, time } = sim
const server = setupServer(
  // The real hardhat node of the last test is on loopback.
  http.all(/^http:\/\/127\.0\.0\.1:\d+\/?$/, () => passthrough()),
  http.get(EXPLORER, ({ request }) => {
    const url = new URL(request.url)
    seen.push(url)
    const id = `${url.searchParams.get('action')}|${url.searchParams.get('address')}`
    if (faults.rateLimitOnce?.delete(id))
      return HttpResponse.json({
        status: '0',
        message: 'NOTOK',
        result: 'Max calls per sec rate limit reached (3/sec)',
      })
    const error = faults.errorFor?.get(id)
    if (error)
      return HttpResponse.json({ status: '0', message: 'NOTOK', result: error })
    return HttpResponse.json(explorerAnswer(url) as never)
  }),
  // Blockscout's per-instance JSON-RPC twin, asked for its chain id once.
  http.post(`${BLOCKSCOUT}/eth-rpc`, async ({ request }) => {
    const body = (await request.json()) as { id: number; method: string }
    return HttpResponse.json({
      jsonrpc: '2.0',
      id: body.id,
      result: rpcAnswer(body.method, []),
    } as never)
  }),
  http.get(BLOCKSCOUT, ({ request }) => {
    const url = new URL(request.url)
    seen.push(url)
    return HttpResponse.json(explorerAnswer(url, 'blockscout') as never)
  }),
  http.post(RPC, async ({ request }) => {
    const body = (await request.json()) as {
      id: number
      method: string
      params: unknown[]
    }
    try {
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: body.id,
        result: rpcAnswer(body.method, body.params ?? []),
      } as never)
    } catch (err) {
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: body.id,
        error: { code: -32601, message: (err as Error).message },
      })
    }
  }),
)

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(
  JSON.parse(readFileSync('schema/report.schema.json', 'utf8')),
)

let tmp: string
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-evm-e2e-'))
})
afterEach(() => {
  faults = {}
  seen.length = 0
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const NO_CONFIG = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }

function argv(out: string, policy: string, extra: string[] = []): string[] {
  return [
    'trace',
    '--chain',
    'ethereum',
    ...chain.seeds.flatMap((s) => ['--tx', s]),
    '--victim',
    ADDR.victim as string,
    '--labels',
    join(DIR, 'labels.csv'),
    '--no-bundled-labels',
    '--policy',
    policy,
    '--out',
    out,
    '--no-cache',
    '--no-progress',
    '--rps',
    '1000',
    ...extra,
  ]
}

function readTree(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory()
        ? readTree(path)
        : readFileSync(path, 'latin1')
    })
    .join('\n')
}

const ETH = 10n ** 18n
const usdt = (n: bigint) => (n * 10n ** 6n).toString()
const GAS = 20_000_000_000n

/** Hand-derived: A holds 500 clean USDT before 1000 stolen arrive, sends 750 on; P sends 600 to D (swept) and 150 to Q. */
const EXPECTED = {
  haircut: {
    deposit: usdt(400n),
    peelChange: usdt(100n),
    attacker: usdt(500n),
  },
  fifo: { deposit: usdt(100n), peelChange: usdt(150n), attacker: usdt(750n) },
} as const
// ETH: 10 stolen; A pays 0.001 + 0.0006 gas and sends 4 through the router to D2.
const ETH_AT_REST = (10n * ETH - 4n * ETH - 80_000n * GAS).toString()

describe('EVM at-rest amounts are checked against the balance', () => {
  test.each([
    [
      'the node (balance at the tip block)',
      ['--rpc-url', RPC],
      `block ${chain.tip}`,
    ],
    ['the explorer (its current balance)', [], "the explorer's latest block"],
  ])(
    '%s: a shortfall is a named cut, incomplete, exit 3',
    async (_name, flags, asOf) => {
      const out = join(tmp, `short-${flags.length}`)
      faults = { emptyBalance: ADDR.peelChange as string }
      const { code, stdout, stderr } = await runCli(
        argv(out, 'haircut', flags),
        { env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG } },
      )
      expect(stderr).toBe('')
      expect(code).toBe(3)
      const report = readReport(out)
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
      expect(report.status).toBe('incomplete')
      expect(report.atRest.map((r) => r.address)).not.toContain(ADDR.peelChange)
      expect(report.cuts?.map((c) => [c.reason, c.address, c.asset])).toEqual([
        ['balance-short', ADDR.peelChange, 'USDT'],
      ])
      expect(report.limitations).toContainEqual(
        expect.stringContaining(
          `discrepancy: ${ADDR.peelChange} holds 0 USDT (${USDT}) at ${asOf}`,
        ),
      )
      // Named in the terminal summary and on page 1 of the HTML report.
      expect(stdout).toContain('INCOMPLETE: the trail was cut (1)')
      // The terminal shortens addresses to their head and tail.
      expect(stdout).toMatch(
        new RegExp(`balance-short\\s+${ADDR.peelChange?.slice(0, 10)}…`),
      )
      const html = readFileSync(join(out, 'report.html'), 'utf8')
      expect(html).toContain('balance-short')
    },
  )
})

describe.each(['haircut', 'fifo'] as const)(
  'EVM trace, explorer + RPC, %s',
  (policy) => {
    test('hits, funds at rest and reconciliation are exact', async () => {
      const out = join(tmp, `both-${policy}`)
      const { code, stdout, stderr } = await runCli(
        argv(out, policy, ['--rpc-url', RPC]),
        {
          env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG },
        },
      )
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const report = JSON.parse(
        readFileSync(join(out, 'report.json'), 'utf8'),
      ) as Report
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
      const want = EXPECTED[policy]
      expect(
        report.hits.map((h) => [
          h.address,
          h.asset,
          h.contract,
          h.amountBase,
          h.receivedBase,
          h.attribution,
          h.entity,
          h.evidence,
        ]),
      ).toEqual([
        [
          ADDR.ethDeposit,
          'ETH',
          undefined,
          (4n * ETH).toString(),
          (4n * ETH).toString(),
          'deposit-sweep',
          'Binance',
          [chain.txs[9]?.hash],
        ],
        [
          ADDR.usdtDeposit,
          'USDT',
          USDT,
          want.deposit,
          usdt(600n),
          'deposit-sweep',
          'Binance',
          [chain.txs[8]?.hash],
        ],
      ])
      expect(report.hits.find((h) => h.asset === 'USDT')?.outputs).toEqual([
        { txHash: chain.txs[5]?.hash, outputIndex: 0, block: 104 },
      ])
      expect(
        report.atRest.map((r) => [r.address, r.asset, r.amountBase]).sort(),
      ).toEqual(
        [
          [ADDR.attacker, 'ETH', ETH_AT_REST],
          [ADDR.attacker, 'USDT', want.attacker],
          [ADDR.peelChange, 'USDT', want.peelChange],
        ].sort(),
      )
      expect(report.status).toBe('complete')
      expect(report.asset).toEqual({ symbol: 'ETH', decimals: 18 })
      expect(report.reconciliation.stolen.amount).toBe('10')
      expect(report.reconciliation.fees.amountBase).toBe(
        (80_000n * GAS).toString(),
      )
      expect(
        report.reconciliations?.map((r) => [
          r.asset,
          r.stolen.amount,
          r.atExchanges.amountBase,
          r.balanced,
        ]),
      ).toEqual([
        ['ETH', '10', (4n * ETH).toString(), true],
        ['USDT', '1000', want.deposit, true],
      ])
      expect(report.filtered?.map((f) => [f.txHash, f.reason])).toContainEqual([
        chain.txs[3]?.hash,
        'impostor-token',
      ])
      expect(
        report.graph.edges.find((e) => e.kind === 'internal'),
      ).toMatchObject({
        source: ADDR.router,
        target: ADDR.ethDeposit,
        amount: '4',
      })
      // The summary shortens it to fit 100 columns; --full prints it whole.
      const deposit = ADDR.usdtDeposit ?? ''
      expect(stdout).toContain(`${deposit.slice(0, 10)}…${deposit.slice(-8)}`)
      // The key went to the explorer on every request, and nowhere else.
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every((u) => u.searchParams.get('apikey') === KEY)).toBe(true)
      expect(readTree(out)).not.toContain(KEY)
      expect(stdout + stderr).not.toContain(KEY)
      expect(readTree(out)).toContain('apikey=***')
    })
  },
)

describe('EVM trace, explorer only', () => {
  test('the API key from the config file; status "0" answers: empty lists, a rate limit retried', async () => {
    const out = join(tmp, 'explorer-only')
    const config = join(tmp, 'config.json')
    writeFileSync(config, JSON.stringify({ etherscanApiKey: KEY }))
    faults = { rateLimitOnce: new Set([`txlist|${ADDR.attacker}`]) }
    const { code, stdout, stderr } = await runCli(argv(out, 'haircut'), {
      env: { FUNDTRACE_CONFIG: config },
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(
      readFileSync(join(out, 'report.json'), 'utf8'),
    ) as Report
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(faults.rateLimitOnce?.size).toBe(0)
    expect(
      seen.filter(
        (u) =>
          u.searchParams.get('action') === 'txlist' &&
          u.searchParams.get('address') === ADDR.attacker,
      ),
    ).toHaveLength(2)
    expect(report.hits.find((h) => h.asset === 'ETH')).toMatchObject({
      address: ADDR.ethDeposit,
      amountBase: (4n * ETH).toString(),
    })
    expect(readTree(out) + stdout).not.toContain(KEY)
  })

  test('any other status "0" answer is a fetch failure: incomplete, exit 3, report written', async () => {
    const out = join(tmp, 'explorer-error')
    faults = {
      errorFor: new Map([
        [`txlist|${ADDR.peelChange}`, 'Error! Invalid address format'],
      ]),
    }
    const { code, stderr } = await runCli(
      // The HTTP layer refetches a body that fails validation (--retries times): keep it short.
      argv(out, 'haircut', ['--rpc-url', RPC, '--retries', '1']),
      { env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG } },
    )
    expect(stderr).toBe('')
    expect(code).toBe(3)
    const report = JSON.parse(
      readFileSync(join(out, 'report.json'), 'utf8'),
    ) as Report
    expect(report.status).toBe('incomplete')
    expect(report.unexplored).toContainEqual(
      expect.objectContaining({
        address: ADDR.peelChange,
        reason: 'fetch-failed',
        asset: 'USDT',
        amountBase: usdt(100n),
        detail: expect.stringContaining('Invalid address format'),
      }),
    )
  })
})

describe('EVM trace, Etherscan only', () => {
  // Etherscan's tokentx rows carry no log index: the same transfer must still
  // be one edge in the seed's receipt, the sender's and the recipient's lists.
  test('USDT taint survives Etherscan rows without a log index', async () => {
    const out = join(tmp, 'etherscan-only-usdt')
    const { code } = await runCli(argv(out, 'haircut'), {
      env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG },
    })
    expect(code).toBe(0)
    const report = readReport(out)
    expect(
      report.hits.map((h) => [h.address, h.asset, h.amountBase]),
    ).toContainEqual([ADDR.usdtDeposit, 'USDT', EXPECTED.haircut.deposit])
  })
})

describe('EVM trace with --prices: each asset at its own price', () => {
  test('the USDT deposit is valued at the USDT price, not the ETH price', async () => {
    const out = join(tmp, 'prices')
    const day = new Date(time(100) * 1000).toISOString().slice(0, 10)
    const prices = join(tmp, 'prices.csv')
    writeFileSync(
      prices,
      `asset,time_or_date,price_usd,source\nETH,${day},3000.00,ETH close\nUSDT,${day},1.0001,USDT close\n`,
    )
    const { code, stderr } = await runCli(
      argv(out, 'haircut', ['--rpc-url', RPC, '--prices', prices]),
      { env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG } },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = readReport(out)
    expect(report.hits.map((h) => [h.asset, h.amount, h.usd?.value])).toEqual([
      ['ETH', '4', '12000.00'],
      ['USDT', '400', '400.04'],
    ])
    // 10 ETH x 3000 + 1,000 USDT x 1.0001, summed exactly.
    expect(report.fiat?.totalLoss.value).toBe('31000.10')
    expect(report.fiat?.unknown).toBe(0)
    const hits = readFileSync(join(out, 'hits.csv'), 'utf8')
    expect(hits).toContain('400.04')
    expect(hits).toContain('12000.00')
  })
})

describe('EVM address seed: a drained wallet, --address with --since', () => {
  const seedless = (out: string, since: number) => {
    const args = argv(out, 'haircut', ['--rpc-url', RPC])
    const cut: string[] = []
    for (let i = 0; i < args.length; i++)
      if (args[i] === '--tx') i++
      else cut.push(args[i] as string)
    const iso = new Date(since * 1000).toISOString()
    return [...cut, '--address', ADDR.victim as string, '--since', iso]
  }

  test('finds both theft txs from the history and gives the same hits as --tx', async () => {
    const out = join(tmp, 'address-seed')
    const { code, stderr } = await runCli(seedless(out, time(100)), {
      env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG },
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = readReport(out)
    expect(report.case.seeds).toEqual([
      {
        kind: 'address',
        address: ADDR.victim,
        since: new Date(time(100) * 1000).toISOString(),
      },
    ])
    expect(
      report.heuristics
        .filter((h) => h.rule === 'address-seed')
        .map((h) => h.txHash),
    ).toEqual(chain.seeds)
    expect(report.hits.map((h) => [h.address, h.asset, h.amountBase])).toEqual([
      [ADDR.ethDeposit, 'ETH', (4n * ETH).toString()],
      [ADDR.usdtDeposit, 'USDT', EXPECTED.haircut.deposit],
    ])
    expect(
      report.reconciliations?.map((r) => [r.asset, r.stolen.amount]),
    ).toEqual([
      ['ETH', '10'],
      ['USDT', '1000'],
    ])
  })

  test('--since after the last outflow: one line, exit 2', async () => {
    const out = join(tmp, 'address-seed-late')
    const { code, stderr } = await runCli(seedless(out, time(5000)), {
      env: { ETHERSCAN_API_KEY: KEY, ...NO_CONFIG },
    })
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('no outflow from')
  })
})

describe('EVM trace, Blockscout only (no key, no chainid)', () => {
  test('token rows with log indexes: both deposits, exact haircut amounts', async () => {
    const out = join(tmp, 'blockscout')
    const { code, stderr } = await runCli(
      argv(out, 'haircut', ['--explorer-url', BLOCKSCOUT]),
      { env: NO_CONFIG },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.some((u) => u.searchParams.has('chainid'))).toBe(false)
    expect(seen.some((u) => u.searchParams.has('apikey'))).toBe(false)
    const report = readReport(out)
    expect(report.hits.map((h) => [h.address, h.asset, h.amountBase])).toEqual([
      [ADDR.ethDeposit, 'ETH', (4n * ETH).toString()],
      [ADDR.usdtDeposit, 'USDT', EXPECTED.haircut.deposit],
    ])
    // Each asset's books, by name: an empty list would balance vacuously.
    expect(report.reconciliations?.map((r) => [r.asset, r.balanced])).toEqual([
      ['ETH', true],
      ['USDT', true],
    ])
    // The bundle's evidence replays offline to the same hits.
    seen.length = 0
    const again = await runCli(
      [
        'trace',
        '--chain',
        'ethereum',
        ...chain.seeds.flatMap((s) => ['--tx', s]),
        '--victim',
        ADDR.victim as string,
        '--labels',
        join(DIR, 'labels.csv'),
        '--no-bundled-labels',
        '--explorer-url',
        BLOCKSCOUT,
        '--replay',
        out,
        '--json',
        '--no-progress',
      ],
      { env: NO_CONFIG },
    )
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    expect(seen).toHaveLength(0)
    expect((JSON.parse(again.stdout) as Report).hits).toEqual(report.hits)
  })
})

describe('EVM seed not found (exit 2, one line)', () => {
  test.each([
    [['--explorer-url', BLOCKSCOUT], 'eth.blockscout.com'],
    [['--no-explorer', '--rpc-url', RPC], 'the RPC node http://rpc.test'],
    // The node is asked for txs whenever there is one: the error names it, not the explorer.
    [
      ['--explorer-url', BLOCKSCOUT, '--rpc-url', RPC],
      'the RPC node http://rpc.test',
    ],
  ])('%j', async (flags, where) => {
    const { code, stderr } = await runCli(
      [
        'trace',
        '--chain',
        'ethereum',
        '--tx',
        `0x${'ee'.repeat(32)}`,
        ...flags,
        '--no-cache',
        '--no-progress',
      ],
      { env: NO_CONFIG },
    )
    expect(code).toBe(2)
    expect(stderr).toContain('seed tx not found')
    expect(stderr).toContain(where)
    if (flags.includes(RPC)) expect(stderr).not.toContain('blockscout')
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

describe('EVM usage errors (exit 2, one line)', () => {
  test.each([
    [['--chain', '123456789123'], 'unknown chain "123456789123"'],
    // viem knows 999999999 (Zora Sepolia): no explorer key then.
    [['--chain', '999999999'], 'ETHERSCAN_API_KEY'],
    [['--chain', 'ethereum'], 'ETHERSCAN_API_KEY'],
    [
      ['--chain', 'ethereum', '--no-explorer'],
      '--no-explorer needs at least one --rpc-url',
    ],
    [
      ['--chain', 'ethereum', '--rpc-url', 'ftp://x'],
      '--rpc-url must be an http(s) URL',
    ],
    // Bad seeds come before the missing key.
    [
      ['--chain', 'ethereum', '--address', '0xzz', '--since', '2026-01-01'],
      'invalid EVM address "0xzz"',
    ],
    [
      // EIP-55 example with one letter's case flipped: a bad checksum.
      [
        '--chain',
        'ethereum',
        '--victim',
        '0x52908400098527886e0F7030069857D2E4169EE7',
      ],
      'invalid EVM address',
    ],
    [['--chain', 'ethereum', '--tx', '0x1234'], 'invalid EVM transaction hash'],
    // The node and the Blockscout instance serve chain 1: a --chain of another is refused before any trace work.
    [
      ['--chain', 'bsc', '--rpc-url', RPC],
      '--rpc-url http://rpc.test serves chain 1 (ethereum), but --chain says chain 56 (bsc)',
    ],
    [
      ['--chain', 'bsc', '--explorer-url', BLOCKSCOUT],
      '--explorer-url https://eth.blockscout.com serves chain 1 (ethereum), but --chain says chain 56 (bsc)',
    ],
  ])('%j', async (flags, message) => {
    const { code, stdout, stderr } = await runCli(
      [
        'trace',
        ...flags,
        '--tx',
        chain.seeds[0] as string,
        '--no-cache',
        '--no-progress',
      ],
      { env: NO_CONFIG },
    )
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

const HH_VICTIM = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' // hardhat account #0
const HH_HOT = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720' // hardhat account #9

/** victim → attacker (10 ETH, 1000 TUSD); ETH via a forwarder's internal call to a deposit; tokens to a second deposit; both swept. */
async function playOnHardhat(url: string) {
  const transport = viemHttp(url)
  const pub = createPublicClient({ chain: hardhat, transport })
  type From = `0x${string}` | ReturnType<typeof privateKeyToAccount>
  const wallet = (account: From) =>
    createWalletClient({ chain: hardhat, transport, account })
  const mined = async (hash: Hash) => pub.waitForTransactionReceipt({ hash })
  const [attacker, split, deposit, tokenDeposit] = [0, 1, 2, 3].map(() =>
    privateKeyToAccount(generatePrivateKey()),
  ) as [
    From & { address: string },
    From & { address: string },
    From & { address: string },
    From & { address: string },
  ]
  const { TestToken, Forwarder } = await compileTestContracts()
  if (!TestToken || !Forwarder) throw new Error('contracts did not compile')
  const deploy = async (c: typeof TestToken, args: unknown[] = []) =>
    (
      await mined(
        await wallet(HH_VICTIM).deployContract({
          abi: c.abi as Abi,
          bytecode: c.bytecode,
          args,
        }),
      )
    ).contractAddress as `0x${string}`
  const token = await deploy(TestToken, [10n ** 12n])
  const forwarder = await deploy(Forwarder)
  const gasPrice = 3_000_000_000n
  const send = async (from: From, to: string, value: bigint) =>
    mined(
      await wallet(from).sendTransaction({
        to: to as `0x${string}`,
        value,
        gasPrice,
        gas: 21_000n,
      }),
    )
  const pay = async (from: From, to: string, value: bigint) =>
    mined(
      await wallet(from).writeContract({
        address: token,
        abi: TestToken.abi as Abi,
        functionName: 'transfer',
        args: [to, value],
        gasPrice,
      }),
    )
  const seedEth = await send(HH_VICTIM, attacker.address, parseEther('10'))
  const seedToken = await pay(HH_VICTIM, attacker.address, 1000_000000n)
  await send(attacker, split.address, parseEther('6'))
  await mined(
    await wallet(split).writeContract({
      address: forwarder,
      abi: Forwarder.abi as Abi,
      functionName: 'forward',
      args: [deposit.address],
      value: parseEther('5'),
      gasPrice,
    }),
  )
  const sweep = await send(
    deposit,
    HH_HOT,
    parseEther('5') - 21_000n * gasPrice,
  )
  await pay(attacker, tokenDeposit.address, 1000_000000n)
  await send(HH_HOT, tokenDeposit.address, parseEther('0.01'))
  const tokenSweep = await pay(tokenDeposit, HH_HOT, 1000_000000n)
  return {
    seeds: [seedEth.transactionHash, seedToken.transactionHash],
    deposit: deposit.address.toLowerCase(),
    tokenDeposit: tokenDeposit.address.toLowerCase(),
    sweep: sweep.transactionHash,
    tokenSweep: tokenSweep.transactionHash,
  }
}

// A node that fails to start fails the test; FUNDTRACE_SKIP_HARDHAT=1 is the
// only way to skip it (the e2e global setup says so in one line).
const describeHardhat = describe.skipIf(skipHardhat())

describeHardhat('EVM trace against a real hardhat node, RPC only', () => {
  test('--chain 31337 --no-explorer --rpc-url finds both deposit addresses', async () => {
    const node = await startHardhatNode()
    try {
      const play = await playOnHardhat(node.url)
      const labels = join(tmp, 'hardhat-labels.csv')
      writeFileSync(
        labels,
        `chain,address,entity,category,source\nhardhat,${HH_HOT},TestExchange,exchange,test\n`,
      )
      const out = join(tmp, 'hardhat')
      const { code, stderr } = await runCli(
        [
          'trace',
          '--chain',
          '31337',
          ...play.seeds.flatMap((s) => ['--tx', s]),
          '--victim',
          HH_VICTIM,
          '--labels',
          labels,
          '--no-bundled-labels',
          '--no-explorer',
          '--rpc-url',
          node.url,
          '--out',
          out,
          '--no-cache',
          '--no-progress',
        ],
        { env: NO_CONFIG },
      )
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const report = JSON.parse(
        readFileSync(join(out, 'report.json'), 'utf8'),
      ) as Report
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
      expect(
        report.hits.map((h) => [
          h.address,
          h.asset,
          h.amount,
          h.attribution,
          h.evidence,
        ]),
      ).toEqual([
        [play.deposit, 'ETH', '5', 'deposit-sweep', [play.sweep]],
        [play.tokenDeposit, 'TUSD', '1000', 'deposit-sweep', [play.tokenSweep]],
      ])
      expect(report.reconciliations?.map((r) => [r.asset, r.balanced])).toEqual(
        [
          ['ETH', true],
          ['TUSD', true],
        ],
      )
    } finally {
      await node.stop()
    }
  }, 120_000)
})
