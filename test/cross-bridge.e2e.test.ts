/**
 * Stolen ETH bridged from Ethereum to Arbitrum through Across, through
 * main(): the SpokePool deposit's V3FundsDeposited names Arbitrum, the
 * recipient and deposit id 4242; on Arbitrum a relayer's FilledV3Relay
 * naming (origin 1, deposit 4242) pays the recipient, who pays an exchange
 * deposit swept to Kraken. Both chains behind one Etherscan v2 URL, told
 * apart by chainid; event ABI encoding with viem. Figures derived by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import { setupServer } from 'msw/node'
import {
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ACROSS_ABI } from '../src/chains/bridges/abi.js'
import type { Report } from '../src/report/types.js'
import {
  evmMultiSimHandlers,
  type SimChain,
  type SimTx,
} from './support/evm-sim.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

const EXPLORER = 'https://api.etherscan.io/v2/api'
const KEY = 'SECRETKEY-cross-bridge-4242'
// Across SpokePools (across-protocol/contracts deployments), WETH on both chains.
const SPOKE_ETH: Hex = '0x5c7bcd6e7de5423a257d81b442095a1a6ced35c5'
const SPOKE_ARB: Hex = '0xe35e9842fceaca96570b734083f4a58e8f7c5f2a'
const WETH: Hex = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const ARB_WETH: Hex = '0x82af49447d8a07e3bd95bd0d56f35241523fbab1'
const ETH = 10n ** 18n
const GWEI = 10n ** 9n
const T0 = 1_719_000_000

const victim = '0x1000000000000000000000000000000000000001'
const thief: Hex = '0x2000000000000000000000000000000000000002'
const arbThief: Hex = '0x3000000000000000000000000000000000000003'
const relayer: Hex = '0x5000000000000000000000000000000000000005'
const arbDeposit = '0x4000000000000000000000000000000000000004'
const kraken = '0x8000000000000000000000000000000000000008'
const funder = '0x6000000000000000000000000000000000000006'
const [E0, E1, E2, A1, A2, A3, A4] = [
  'e0',
  'e1',
  'e2',
  'a1',
  'a2',
  'a3',
  'a4',
].map((b) => `0x${b.repeat(32)}`) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
]

const STOLEN = 10n * ETH
const BRIDGED = 6n * ETH
// Across's relayer fee: 6 ETH in, 5.994 out.
const FILLED = 5_994_000_000_000_000_000n
const SENT = 5_990_000_000_000_000_000n
const DEPOSIT_ID = 4242
const gas = (used: bigint, price = 20n * GWEI) => ({
  gasUsed: String(used),
  gasPrice: String(price),
})
const topics = (t: readonly unknown[]) => t as string[]

/**
 * E1 the theft; E2 6 ETH into the SpokePool with its V3FundsDeposited (none
 * when `undecodable`); with `clean`, E0 pays the thief 10 ETH of its own first.
 */
function ethereum(undecodable = false, clean = false): SimChain {
  return {
    chainId: 1,
    tip: 1_000,
    genesisTime: T0,
    blockTime: 12,
    txs: [
      ...(clean
        ? [
            {
              hash: E0,
              block: 40,
              index: 0,
              from: funder,
              to: thief,
              value: String(10n * ETH),
              ...gas(21_000n),
            },
          ]
        : []),
      {
        hash: E1,
        block: 50,
        index: 0,
        from: victim,
        to: thief,
        value: String(STOLEN),
        ...gas(21_000n),
      },
      {
        hash: E2,
        block: 60,
        index: 0,
        from: thief,
        to: SPOKE_ETH,
        value: String(BRIDGED),
        ...gas(90_000n),
        input: '0x7b939232',
        logs: undecodable
          ? []
          : [
              {
                address: SPOKE_ETH,
                logIndex: 0,
                topics: topics(
                  encodeEventTopics({
                    abi: ACROSS_ABI,
                    eventName: 'V3FundsDeposited',
                    args: {
                      destinationChainId: 42161n,
                      depositId: DEPOSIT_ID,
                      depositor: thief,
                    },
                  }),
                ),
                data: encodeAbiParameters(
                  parseAbiParameters(
                    'address, address, uint256, uint256, uint32, uint32, uint32, address, address, bytes',
                  ),
                  [
                    WETH,
                    ARB_WETH,
                    BRIDGED,
                    FILLED,
                    T0 + 700,
                    T0 + 10_000,
                    0,
                    arbThief,
                    zeroAddress,
                    '0x',
                  ],
                ),
              },
            ],
      },
    ],
  }
}

/** A relayer's fill: the SpokePool unwraps WETH and pays the recipient ETH, with FilledV3Relay (none when `withEvent` is false). */
function fill(hash: string, block: number, withEvent: boolean): SimTx {
  return {
    hash,
    block,
    index: 0,
    from: relayer,
    to: SPOKE_ARB,
    value: '0',
    ...gas(120_000n, GWEI / 100n),
    input: '0x2e378115',
    internal: [{ from: SPOKE_ARB, to: arbThief, value: String(FILLED) }],
    logs: withEvent
      ? [
          {
            address: SPOKE_ARB,
            logIndex: 3,
            topics: topics(
              encodeEventTopics({
                abi: ACROSS_ABI,
                eventName: 'FilledV3Relay',
                args: {
                  originChainId: 1n,
                  depositId: DEPOSIT_ID,
                  relayer,
                },
              }),
            ),
            data: encodeAbiParameters(
              parseAbiParameters(
                'address, address, uint256, uint256, uint256, uint32, uint32, address, address, address, bytes, (address, bytes, uint256, uint8)',
              ),
              [
                WETH,
                ARB_WETH,
                BRIDGED,
                FILLED,
                42161n,
                T0 + 10_000,
                0,
                zeroAddress,
                thief,
                arbThief,
                '0x',
                [zeroAddress, '0x', FILLED, 0],
              ],
            ),
          },
        ]
      : [],
  }
}

const ARB_GAS = 21_000n * (GWEI / 100n)

/** A1 the fill (the deposit is at block 60 × 12 s); A2 5.99 ETH to a deposit; A3 its sweep to Kraken. */
function arbitrum(fills: SimTx[] = [fill(A1, 62, true)]): SimChain {
  return {
    chainId: 42161,
    tip: 1_000,
    genesisTime: T0,
    blockTime: 12,
    txs: [
      ...fills,
      {
        hash: A2,
        block: 80,
        index: 0,
        from: arbThief,
        to: arbDeposit,
        value: String(SENT),
        ...gas(21_000n, GWEI / 100n),
      },
      {
        hash: A3,
        block: 82,
        index: 0,
        from: arbDeposit,
        to: kraken,
        value: String(SENT - ARB_GAS),
        ...gas(21_000n, GWEI / 100n),
      },
    ],
  }
}

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile<Report>(
  JSON.parse(
    readFileSync(
      new URL('../schema/report.schema.json', import.meta.url),
      'utf8',
    ),
  ),
)

/** report.json, checked against schema/report.schema.json. */
function readChecked(out: string): Report {
  const report = readReport(out)
  validate(report)
  expect(validate.errors ?? []).toEqual([])
  return report
}

let tmp: string
const server = setupServer()
let requests = 0
server.events.on('request:start', () => {
  requests++
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-cross-bridge-'))
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

function argv(out: string, extra: string[]): string[] {
  const labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source,confidence',
      `ethereum,${SPOKE_ETH},Across SpokePool,bridge,test,high`,
      `arbitrum,${SPOKE_ARB},Across SpokePool,bridge,test,high`,
      `arbitrum,${kraken},Kraken,exchange,test,high`,
    ].join('\n'),
  )
  return [
    'trace',
    '--chain',
    'ethereum',
    '--tx',
    E1,
    '--victim',
    victim,
    '--labels',
    labels,
    '--no-bundled-labels',
    '--explorer-url',
    EXPLORER,
    '--out',
    out,
    '--no-progress',
    // A replay reads the evidence the first run wrote to its folder.
    ...(extra.includes('--replay') ? [] : ['--no-cache']),
    '--rps',
    '1000',
    '--full',
    ...extra,
  ]
}

const serve = (eth: SimChain, arb: SimChain) =>
  server.resetHandlers(...evmMultiSimHandlers([eth, arb], KEY, EXPLORER))

/** The ETH books of one chain: the symbol is the same on both (a trace that stays on Ethereum names no chain). */
const books = (report: Report, chain: string) =>
  report.reconciliations?.find(
    (r) => r.asset === 'ETH' && (r.chain ?? 'ethereum') === chain,
  )

const ARB = ['--explorer-url', `arbitrum=${EXPLORER}`]

const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'
const ARB_USDC: Hex = '0xaf88d065e77c8cc2239327c5edb3a432268e5831'
// A token symbol is whatever the token contract says: here, markup.
const HOSTILE = '<img src=x onerror=alert(1)>'
const USDC_IN = 1_000_000_000n
const USDC_OUT = 999_500_000n

/** The same route in USDC: E1 1,000 USDC stolen, E2 all of it into the SpokePool for 999.5 on Arbitrum. */
function ethereumUsdc(): SimChain {
  const row = (from: string, to: string, logIndex: number) => ({
    contract: USDC,
    symbol: 'USDC',
    name: 'USD Coin',
    decimals: 6,
    from,
    to,
    value: String(USDC_IN),
    logIndex,
  })
  const deposit = ethereum().txs[1]
  return {
    ...ethereum(),
    txs: [
      {
        hash: E1,
        block: 50,
        index: 0,
        from: victim,
        to: USDC,
        value: '0',
        ...gas(60_000n),
        tokens: [row(victim, thief, 0)],
      },
      {
        hash: E2,
        block: 60,
        index: 0,
        from: thief,
        to: SPOKE_ETH,
        value: '0',
        ...gas(90_000n),
        input: '0x7b939232',
        tokens: [row(thief, SPOKE_ETH, 0)],
        logs: [
          {
            address: SPOKE_ETH,
            logIndex: 1,
            topics: deposit?.logs?.[0]?.topics ?? [],
            data: encodeAbiParameters(
              parseAbiParameters(
                'address, address, uint256, uint256, uint32, uint32, uint32, address, address, bytes',
              ),
              [
                USDC,
                ARB_USDC,
                USDC_IN,
                USDC_OUT,
                T0 + 700,
                T0 + 10_000,
                0,
                arbThief,
                zeroAddress,
                '0x',
              ],
            ),
          },
        ],
      },
    ],
  }
}

/** The relayer pays the recipient 999.5 of a token whose symbol is markup, with FilledV3Relay. */
function arbitrumUsdc(): SimChain {
  const filled = fill(A1, 62, true)
  return {
    ...arbitrum([]),
    txs: [
      {
        ...filled,
        internal: [],
        tokens: [
          {
            contract: ARB_USDC,
            symbol: HOSTILE,
            name: HOSTILE,
            decimals: 6,
            from: relayer,
            to: arbThief,
            value: String(USDC_OUT),
            logIndex: 2,
          },
        ],
      },
    ],
  }
}

describe('Ethereum → Across → Arbitrum → exchange', () => {
  test.each(['haircut', 'poison', 'fifo'])(
    '%s: the fill is found by deposit id and walked; the Arbitrum deposit is a hit with exact amounts; every book balances; replay reproduces',
    async (policy) => {
      serve(ethereum(), arbitrum())
      const out = join(tmp, `full-${policy}`)
      const run = await runCli(argv(out, [...ARB, '--policy', policy]), {
        env: ENV,
      })
      expect(run.stderr).toBe('')
      expect(run.code, run.stdout).toBe(0)
      const report = readChecked(out)
      expect(report.status).toBe('complete')
      expect(report.chains).toEqual(['ethereum', 'arbitrum'])
      expect(
        report.hits.map((h) => [h.chain, h.entity, h.address, h.amountBase]),
      ).toEqual([['arbitrum', 'Kraken', arbDeposit, String(SENT)]])
      expect(report.swaps).toEqual([
        {
          protocol: 'across',
          match: 'deposit-id',
          rule: 'V3FundsDeposited → FilledV3Relay',
          confidence: 'high',
          memo: '',
          outMemo: '',
          inbound: expect.objectContaining({
            chain: 'ethereum',
            txHash: E2,
            index: 0,
            address: SPOKE_ETH,
            asset: 'ETH',
            amountBase: String(BRIDGED),
          }),
          outbound: expect.objectContaining({
            chain: 'arbitrum',
            txHash: A1,
            address: arbThief,
            asset: 'ETH',
            amountBase: String(FILLED),
          }),
          taintIn: expect.objectContaining({ amountBase: String(BRIDGED) }),
          taintOut: expect.objectContaining({ amountBase: String(FILLED) }),
        },
      ])
      // The deposit's stop carries the lead the event gave.
      const bridged = report.unexplored.find((u) => u.reason === 'swapped')
      expect(bridged).toMatchObject({
        chain: 'ethereum',
        address: SPOKE_ETH,
        txHash: E2,
        amountBase: String(BRIDGED),
        bridge: {
          protocol: 'across',
          event: 'V3FundsDeposited',
          destinationChainId: 42161,
          destinationChain: 'arbitrum',
          recipient: arbThief,
          depositId: String(DEPOSIT_ID),
          inputToken: WETH,
          inputAmountBase: String(BRIDGED),
          outputToken: ARB_WETH,
          outputAmountBase: String(FILLED),
        },
      })
      expect(bridged?.detail).toBe(
        `Across deposit 4242 to arbitrum for ${arbThief}: filled with 5.994 ETH on arbitrum, tx ${A1}, matched by deposit id (high confidence)`,
      )
      // Ethereum ETH: 10 stolen = 6 bridged (swapped) + 90,000 gas × 20 gwei + the rest at rest.
      const ethFees = 90_000n * 20n * GWEI
      expect(books(report, 'ethereum')).toMatchObject({
        stolen: { amountBase: String(STOLEN) },
        swapped: { amountBase: String(BRIDGED) },
        fees: { amountBase: String(ethFees) },
        atRest: { amountBase: String(STOLEN - BRIDGED - ethFees) },
        unexplored: { amountBase: '0' },
        balanced: true,
      })
      // Arbitrum ETH: its books begin with the 5.994 filled; 5.99 at Kraken's deposit, the gas, the rest at rest.
      expect(books(report, 'arbitrum')).toMatchObject({
        stolen: { amountBase: '0' },
        receivedBySwap: { amountBase: String(FILLED) },
        atExchanges: { amountBase: String(SENT) },
        fees: { amountBase: String(ARB_GAS) },
        atRest: { amountBase: String(FILLED - SENT - ARB_GAS) },
        balanced: true,
      })
      if (policy !== 'haircut') return
      // The terminal and the HTML name the bridge; the CSV row carries the lead.
      expect(run.stdout).toContain(
        'It became ETH on arbitrum through 1 bridge:',
      )
      expect(run.stdout).toContain(
        `${E2} → 5.994 ETH arbitrum ${A1} (Across, matched by deposit id, high confidence)`,
      )
      const html = readFileSync(join(out, 'report.html'), 'utf8')
      expect(html).toContain('bridge ETH → ETH')
      expect(html).toContain(`Across deposit 4242 to arbitrum for ${arbThief}`)
      const csv = readFileSync(join(out, 'endpoints.csv'), 'utf8')
      expect(csv).toContain(`matched by deposit id (high confidence)`)
      // Replay: no network, the same report.
      const before = requests
      const again = join(tmp, 'replayed')
      const replay = await runCli(
        argv(again, [...ARB, '--policy', policy, '--replay', out]),
        { env: ENV },
      )
      expect(replay.stderr).toBe('')
      expect(replay.code).toBe(0)
      expect(requests).toBe(before)
      expect(comparable(readReport(again))).toEqual(comparable(report))
    },
  )

  test('haircut with clean funds mixed in: the fill carries the tainted share of the deposit, and every book balances', async () => {
    serve(ethereum(false, true), arbitrum())
    const out = join(tmp, 'mixed')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    const report = readChecked(out)
    const [swap] = report.swaps ?? []
    const taintIn = BigInt(swap?.taintIn.amountBase ?? '0')
    // The thief held 10 ETH of its own and 10 stolen: haircut taints half the 6 ETH bridged.
    expect(taintIn).toBe(3n * ETH)
    // The fill carries the same share: 5.994 × 3 / 6 = 2.997 ETH.
    const taintOut = (FILLED * taintIn) / BRIDGED
    expect(taintOut).toBe(2_997_000_000_000_000_000n)
    expect(swap?.taintOut.amountBase).toBe(String(taintOut))
    expect(books(report, 'ethereum')).toMatchObject({
      swapped: { amountBase: String(taintIn) },
      balanced: true,
    })
    expect(books(report, 'arbitrum')).toMatchObject({
      receivedBySwap: { amountBase: String(taintOut) },
      balanced: true,
    })
    const [hit] = report.hits
    expect(hit?.chain).toBe('arbitrum')
    expect(BigInt(hit?.amountBase ?? '0') <= taintOut).toBe(true)
  })

  test('USDC bridged: the token fill is found by deposit id; a hostile token symbol stays text in the HTML', async () => {
    serve(ethereumUsdc(), arbitrumUsdc())
    const out = join(tmp, 'usdc')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    const report = readChecked(out)
    expect(report.swaps).toEqual([
      expect.objectContaining({
        protocol: 'across',
        match: 'deposit-id',
        inbound: expect.objectContaining({
          asset: 'USDC',
          amountBase: String(USDC_IN),
        }),
        outbound: expect.objectContaining({
          chain: 'arbitrum',
          txHash: A1,
          asset: HOSTILE,
          contract: ARB_USDC,
          amountBase: String(USDC_OUT),
        }),
      }),
    ])
    const bridged = report.unexplored.find((u) => u.reason === 'swapped')
    expect(bridged?.bridge).toMatchObject({
      inputToken: USDC,
      outputToken: ARB_USDC,
    })
    // The 999.5 wait at the recipient, in the token's own books.
    expect(report.atRest).toEqual([
      expect.objectContaining({
        chain: 'arbitrum',
        address: arbThief,
        amountBase: String(USDC_OUT),
      }),
    ])
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html).not.toContain(HOSTILE)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  test('a destination without sources stops with no-source naming arbitrum and its flags, the lead kept', async () => {
    serve(ethereum(), arbitrum())
    const out = join(tmp, 'nosource')
    const run = await runCli(argv(out, []), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(3)
    const report = readChecked(out)
    expect(report.status).toBe('incomplete')
    expect(report.swaps).toEqual([])
    expect(report.cuts).toEqual([
      expect.objectContaining({
        reason: 'no-source',
        chain: 'ethereum',
        amountBase: String(BRIDGED),
        flag: '--explorer-url arbitrum=URL or --rpc-url arbitrum=URL',
      }),
    ])
    const stop = report.unexplored.find((u) => u.reason === 'no-source')
    expect(stop?.detail).toBe(
      `Across deposit 4242 to arbitrum for ${arbThief}: no source for arbitrum; continue with --explorer-url arbitrum=URL or --rpc-url arbitrum=URL`,
    )
    expect(stop?.bridge).toMatchObject({
      recipient: arbThief,
      depositId: '4242',
    })
    expect(books(report, 'ethereum')).toMatchObject({
      unexplored: { amountBase: String(BRIDGED) },
      balanced: true,
    })
  })

  test('no fill in the window: swap-pending with the recipient as the lead, exit 3', async () => {
    // The only payment to the recipient comes a day after the 3-day window.
    serve(ethereum(), arbitrum([fill(A1, 60 + (4 * 86_400) / 12, false)]))
    const out = join(tmp, 'pending')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(3)
    const report = readChecked(out)
    expect(report.swaps).toEqual([])
    const pending = report.unexplored.find((u) => u.reason === 'swap-pending')
    expect(pending).toMatchObject({
      amountBase: String(BRIDGED),
      bridge: { recipient: arbThief, destinationChain: 'arbitrum' },
    })
    expect(pending?.detail).toBe(
      `Across deposit 4242 to arbitrum for ${arbThief}: no fill to the recipient on arbitrum within 72 h; the recipient is the lead`,
    )
    expect(books(report, 'ethereum')?.balanced).toBe(true)
  })

  test('two payments that fit and no fill event: not guessed between, both named', async () => {
    serve(ethereum(), arbitrum([fill(A1, 62, false), fill(A4, 63, false)]))
    const out = join(tmp, 'ambiguous')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.code).toBe(3)
    const report = readChecked(out)
    expect(report.swaps).toEqual([])
    const pending = report.unexplored.find((u) => u.reason === 'swap-pending')
    expect(pending?.detail).toContain(
      `2 payments on arbitrum fit its fill (${A1}, ${A4}); not guessed between`,
    )
    expect(report.limitations).toContain(
      `bridge deposit ${E2}: 2 payments to ${arbThief} on arbitrum fit its fill (${A1}, ${A4}); not guessed between`,
    )
  })

  test('one payment of the stated amount and no fill event: matched by amount and time, medium confidence', async () => {
    serve(ethereum(), arbitrum([fill(A1, 62, false)]))
    const out = join(tmp, 'by-amount')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = readChecked(out)
    expect(report.swaps).toEqual([
      expect.objectContaining({
        protocol: 'across',
        match: 'amount-time',
        confidence: 'medium',
        rule: 'V3FundsDeposited → payment to the recipient',
      }),
    ])
    expect(report.hits.map((h) => [h.chain, h.amountBase])).toEqual([
      ['arbitrum', String(SENT)],
    ])
  })

  test('a bridge tx with no deposit event to read stays a bridge stop as before', async () => {
    serve(ethereum(true), arbitrum())
    const out = join(tmp, 'undecodable')
    const run = await runCli(argv(out, ARB), { env: ENV })
    expect(run.stderr).toBe('')
    const report = readChecked(out)
    expect(report.swaps ?? []).toEqual([])
    const stop = report.unexplored.find((u) => u.address === SPOKE_ETH)
    expect(stop).toMatchObject({
      reason: 'service',
      category: 'bridge',
      entity: 'Across SpokePool',
      amountBase: String(BRIDGED),
    })
    expect(stop?.bridge).toBeUndefined()
    expect(report.hits).toEqual([])
  })
})
