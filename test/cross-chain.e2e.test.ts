/**
 * One trace across Bitcoin and Ethereum through THORChain, through main():
 * a Bitcoin theft is swapped to ETH (vault output + OP_RETURN memo), the ETH
 * payout (router TransferOut, memo OUT:<btc txid>) is split between an
 * exchange deposit and a swap back to Bitcoin (router depositWithExpiry +
 * Deposit event), whose payout (OP_RETURN OUT:<eth hash>) rests on Bitcoin;
 * the rest of the stolen BTC goes to an address swept whole into a labelled exchange. Real Bitcoin txs
 * (bitcoinjs-lib), router calldata and events encoded with viem. Expected
 * figures are derived by hand below.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import {
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROUTER_ABI } from '../src/chains/thorchain/router.js'
import type { Report } from '../src/report/types.js'
import { btcWallet, buildBtc } from './support/btc-build.js'
import { esploraHandlers } from './support/esplora-server.js'
import { evmSimHandlers, type SimChain } from './support/evm-sim.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

const ESPLORA = 'http://esplora.test/api'
const EXPLORER = 'https://api.etherscan.io/v2/api'
const KEY = 'SECRETKEY-cross-4242'
const ROUTER = '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146'
const ETH = 10n ** 18n
const GWEI = 10n ** 9n

const victim = btcWallet('victim')
const thief = btcWallet('thief')
const binanceDeposit = btcWallet('binance-deposit')
const binance = btcWallet('binance-hot')
const vault = btcWallet('thorchain-vault')
const vault2 = btcWallet('thorchain-vault-2')
const thiefBack = btcWallet('thief-back')

const ethThief = '0x2000000000000000000000000000000000000002'
const ethVault = '0x5acaed152386de95772468072e1b3fad2f4423f0'
const deposit = '0x4000000000000000000000000000000000000004'
const kraken = '0x8000000000000000000000000000000000000008'
const E1 = `0x${'e1'.repeat(32)}`
const E2 = `0x${'e2'.repeat(32)}`
const E3 = `0x${'e3'.repeat(32)}`
const E4 = `0x${'e4'.repeat(32)}`
const T0_TIME = 1_719_000_000
const BACK_MEMO = `=:b:${thiefBack.address}:0`
const SWAP_MEMO = `=:e:${ethThief}:0/1/0:t:0`

/** T0 theft, T1 inbound to THORChain, T2 to Binance, T3 THORChain's payout of the swap back. */
function bitcoinSide(ethInbound: string | null, refundOf?: string) {
  return buildBtc(
    [
      {
        name: 'theft',
        inputs: [{ external: victim, value: 100_000_000n }],
        outputs: [[thief, 99_990_000n]],
        time: T0_TIME,
        height: 850_000,
      },
      {
        name: 'inbound',
        inputs: [{ tx: 'theft', vout: 0 }],
        outputs: [
          [vault, 60_000_000n],
          { memo: SWAP_MEMO },
          [binanceDeposit, 39_980_000n],
        ],
        time: T0_TIME + 600,
        height: 850_001,
      },
      {
        name: 'binance',
        inputs: [{ tx: 'inbound', vout: 2 }],
        outputs: [[binance, 39_970_000n]],
        time: T0_TIME + 1200,
        height: 850_002,
      },
      ...(ethInbound
        ? [
            {
              name: 'payout',
              inputs: [{ external: vault2, value: 500_000_000n }],
              outputs: [
                [thiefBack, 15_000_000n] as [typeof vault2, bigint],
                { memo: `OUT:${ethInbound.slice(2).toUpperCase()}` },
                [vault2, 484_990_000n] as [typeof vault2, bigint],
              ],
              time: T0_TIME + 2000,
              height: 850_003,
            },
          ]
        : []),
      ...(refundOf
        ? [
            {
              name: 'refund',
              inputs: [{ external: vault2, value: 500_000_000n }],
              outputs: [
                [thief, 59_990_000n] as [typeof vault2, bigint],
                { memo: `REFUND:${refundOf.toUpperCase()}` },
                [vault2, 440_000_000n] as [typeof vault2, bigint],
              ],
              time: T0_TIME + 3000,
              height: 850_004,
            },
          ]
        : []),
    ],
    850_010,
  )
}

const topics = (t: readonly unknown[]) => t as string[]

/** E1 THORChain pays 10 ETH out; E2 6 ETH to a deposit; E3 its sweep to Kraken; E4 3 ETH back into THORChain for BTC. */
function ethereumSide(btcInbound: string, withPayout: boolean): SimChain {
  const gas = (used: bigint) => ({
    gasUsed: String(used),
    gasPrice: String(20n * GWEI),
  })
  return {
    chainId: 1,
    tip: 200,
    genesisTime: T0_TIME,
    blockTime: 12,
    txs: [
      ...(withPayout
        ? [
            {
              hash: E1,
              block: 60,
              index: 0,
              from: ethVault,
              to: ROUTER,
              value: String(10n * ETH),
              ...gas(60_000n),
              internal: [
                { from: ROUTER, to: ethThief, value: String(10n * ETH) },
              ],
              logs: [
                {
                  address: ROUTER,
                  logIndex: 0,
                  topics: topics(
                    encodeEventTopics({
                      abi: ROUTER_ABI,
                      eventName: 'TransferOut',
                      args: { vault: ethVault, to: ethThief },
                    }),
                  ),
                  data: encodeAbiParameters(
                    parseAbiParameters('address, uint256, string'),
                    [zeroAddress, 10n * ETH, `OUT:${btcInbound.toUpperCase()}`],
                  ),
                },
              ],
            },
            {
              hash: E2,
              block: 70,
              index: 0,
              from: ethThief,
              to: deposit,
              value: String(6n * ETH),
              ...gas(21_000n),
            },
            {
              hash: E3,
              block: 72,
              index: 0,
              from: deposit,
              to: kraken,
              value: String(6n * ETH - 21_000n * 20n * GWEI),
              ...gas(21_000n),
            },
            {
              hash: E4,
              block: 80,
              index: 0,
              from: ethThief,
              to: ROUTER,
              value: String(3n * ETH),
              ...gas(50_000n),
              input: encodeFunctionData({
                abi: ROUTER_ABI,
                functionName: 'depositWithExpiry',
                args: [
                  ethVault,
                  zeroAddress,
                  3n * ETH,
                  BACK_MEMO,
                  1_800_000_000n,
                ],
              }),
              internal: [
                { from: ROUTER, to: ethVault, value: String(3n * ETH) },
              ],
              logs: [
                {
                  address: ROUTER,
                  logIndex: 0,
                  topics: topics(
                    encodeEventTopics({
                      abi: ROUTER_ABI,
                      eventName: 'Deposit',
                      args: { to: ethVault, asset: zeroAddress },
                    }),
                  ),
                  data: encodeAbiParameters(
                    parseAbiParameters('uint256, string'),
                    [3n * ETH, BACK_MEMO],
                  ),
                },
              ],
            },
          ]
        : []),
    ],
  }
}

let tmp: string
const server = setupServer()
let requests = 0
server.events.on('request:start', () => {
  requests++
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-cross-'))
})
afterAll(() => {
  server.close()
  rmSync(tmp, { recursive: true, force: true })
})

function serve(
  withEthPayout: boolean,
  withBtcPayout: boolean,
  payoutNames?: string,
) {
  const first = bitcoinSide(null)
  const btc = bitcoinSide(withBtcPayout ? E4 : null)
  expect(btc.txid('inbound')).toBe(first.txid('inbound'))
  server.resetHandlers(
    ...esploraHandlers(btc, ESPLORA),
    ...evmSimHandlers(
      ethereumSide(payoutNames ?? btc.txid('inbound'), withEthPayout),
      KEY,
      {
        explorer: EXPLORER,
      },
    ),
  )
  return btc
}

function labels(): string {
  const file = join(tmp, 'labels.csv')
  writeFileSync(
    file,
    [
      'chain,address,entity,category,source,confidence',
      `bitcoin,${binance.address},Binance,exchange,test,high`,
      `ethereum,${kraken},Kraken,exchange,test,high`,
    ].join('\n'),
  )
  return file
}

const ENV = {
  ETHERSCAN_API_KEY: KEY,
  FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json',
}

function argv(txid: string, out: string, extra: string[] = []): string[] {
  return [
    'trace',
    '--tx',
    txid,
    '--victim',
    victim.address,
    '--labels',
    labels(),
    '--no-bundled-labels',
    '--esplora-url',
    ESPLORA,
    '--out',
    out,
    '--cache-dir',
    join(out, '..', `${out.split('/').pop()}-cache`),
    '--no-progress',
    '--rps',
    '1000',
    ...extra,
  ]
}

const recon = (report: Report, chain: string) => {
  const asset = chain === 'bitcoin' ? 'BTC' : 'ETH'
  return report.reconciliations?.find((r) => r.asset === asset)
}

describe('Bitcoin → THORChain → Ethereum → exchange, and back to Bitcoin', () => {
  test('deposit hits on both chains, swap edges with both hashes, every asset balances, replay reproduces it', async () => {
    const btc = serve(true, true)
    const out = join(tmp, 'full')
    const run = await runCli(
      argv(btc.txid('theft'), out, [
        '--explorer-url',
        `ethereum=${EXPLORER}`,
        '--full',
      ]),
      { env: ENV },
    )
    expect(run.stderr).toBe('')
    expect(run.code, run.stdout).toBe(0)
    // The terminal names what the stolen BTC became, and each swap with both hashes.
    expect(run.stdout).toContain(
      'It became ETH on ethereum, BTC on bitcoin through 2 THORChain swaps:',
    )
    expect(run.stdout).toContain(`${E4} → 0.15 BTC bitcoin`)
    expect(run.stdout).toMatch(
      /Reconciliation ETH: stolen 0 \+ received by swap 10 ETH — balanced\n\s+= .* \+ swapped 3\n/,
    )
    const report = readReport(out)
    expect(report.status).toBe('complete')
    expect(report.chains).toEqual(['bitcoin', 'ethereum'])
    // Hits: 0.3998 BTC at the address swept whole into Binance; 6 ETH at the deposit swept to Kraken.
    const hits = report.hits.map((h) => [
      h.chain,
      h.entity,
      h.address,
      h.amountBase,
    ])
    expect(hits).toEqual(
      expect.arrayContaining([
        ['bitcoin', 'Binance', binanceDeposit.address, '39980000'],
        ['ethereum', 'Kraken', deposit, String(6n * ETH)],
      ]),
    )
    expect(hits).toHaveLength(2)
    // Swap edges: both hashes, both assets and amounts, the memos verbatim.
    expect(report.swaps).toEqual([
      expect.objectContaining({
        match: 'memo-out',
        memo: SWAP_MEMO,
        outMemo: `OUT:${btc.txid('inbound').toUpperCase()}`,
        inbound: expect.objectContaining({
          chain: 'bitcoin',
          txHash: btc.txid('inbound'),
          index: 0,
          asset: 'BTC',
          amountBase: '60000000',
        }),
        outbound: expect.objectContaining({
          chain: 'ethereum',
          txHash: E1,
          asset: 'ETH',
          address: ethThief,
          amountBase: String(10n * ETH),
        }),
      }),
      expect.objectContaining({
        match: 'memo-out',
        memo: BACK_MEMO,
        inbound: expect.objectContaining({
          chain: 'ethereum',
          txHash: E4,
          asset: 'ETH',
          amountBase: String(3n * ETH),
        }),
        outbound: expect.objectContaining({
          chain: 'bitcoin',
          txHash: btc.txid('payout'),
          index: 0,
          asset: 'BTC',
          amountBase: '15000000',
        }),
      }),
    ])
    // BTC books: 0.9999 stolen + 0.15 received by swap = 0.3998 Binance deposit + 0.6 swapped + 0.0001 fee (T1) + 0.15 at rest.
    expect(recon(report, 'bitcoin')).toMatchObject({
      stolen: { amountBase: '99990000' },
      receivedBySwap: { amountBase: '15000000' },
      atExchanges: { amountBase: '39980000' },
      swapped: { amountBase: '60000000' },
      fees: { amountBase: '10000' },
      atRest: { amountBase: '15000000' },
      balanced: true,
    })
    // ETH books: 10 received = 6 deposit + 3 swapped + (21000 + 50000) gas × 20 gwei + 0.99858 at rest.
    const fees = 71_000n * 20n * GWEI
    expect(recon(report, 'ethereum')).toMatchObject({
      stolen: { amountBase: '0' },
      receivedBySwap: { amountBase: String(10n * ETH) },
      atExchanges: { amountBase: String(6n * ETH) },
      swapped: { amountBase: String(3n * ETH) },
      fees: { amountBase: String(fees) },
      atRest: { amountBase: String(10n * ETH - 9n * ETH - fees) },
      balanced: true,
    })
    // One freeze request per exchange, each on the chain its deposit is on.
    const letters = readdirSync(join(out, 'freeze-requests')).sort()
    expect(letters).toEqual(['binance.txt', 'kraken.txt'])
    const krakenLetter = readFileSync(
      join(out, 'freeze-requests', 'kraken.txt'),
      'utf8',
    )
    expect(krakenLetter).toContain(`Freeze – ethereum ETH deposit ${deposit}`)
    expect(krakenLetter).toMatch(
      new RegExp(`Deposit tx ${E2}: https://etherscan.io/tx/${E2}`),
    )
    const binanceLetter = readFileSync(
      join(out, 'freeze-requests', 'binance.txt'),
      'utf8',
    )
    expect(binanceLetter).toContain(
      `Freeze – bitcoin BTC deposit ${binanceDeposit.address}`,
    )
    // Replay: no network, the same report.
    const before = requests
    const again = join(tmp, 'replayed')
    const replay = await runCli(
      [
        ...argv(btc.txid('theft'), again, [
          '--explorer-url',
          `ethereum=${EXPLORER}`,
          '--replay',
          out,
        ]).filter(
          (a, i, all) => a !== '--cache-dir' && all[i - 1] !== '--cache-dir',
        ),
      ],
      { env: ENV },
    )
    expect(replay.stderr).toBe('')
    expect(replay.code).toBe(0)
    expect(requests).toBe(before)
    const replayed = readReport(again)
    expect(comparable(replayed)).toEqual(comparable(report))
  })

  test('a chain without sources stops with no-source naming the chain and the flag', async () => {
    const btc = serve(true, true)
    const out = join(tmp, 'nosource')
    const run = await runCli(argv(btc.txid('theft'), out), { env: ENV })
    expect(run.code).toBe(3)
    const report = readReport(out)
    expect(report.status).toBe('incomplete')
    expect(report.cuts).toEqual([
      expect.objectContaining({
        reason: 'no-source',
        chain: 'bitcoin',
        amountBase: '60000000',
        flag: '--explorer-url ethereum=URL or --rpc-url ethereum=URL',
      }),
    ])
    expect(
      report.unexplored.find((u) => u.reason === 'no-source')?.detail,
    ).toContain(ethThief)
  })

  test('a swap whose payout is not found is swap-pending with the destination as the lead', async () => {
    const btc = serve(false, false)
    const out = join(tmp, 'pending')
    const run = await runCli(
      argv(btc.txid('theft'), out, ['--explorer-url', `ethereum=${EXPLORER}`]),
      { env: ENV },
    )
    expect(run.code).toBe(3)
    const report = readReport(out)
    const pending = report.unexplored.find((u) => u.reason === 'swap-pending')
    expect(pending).toMatchObject({ amountBase: '60000000' })
    expect(pending?.detail).toContain(`for ${ethThief} on ethereum`)
    expect(report.swaps).toEqual([])
    expect(recon(report, 'bitcoin')?.balanced).toBe(true)
  })

  test('a payout to the destination whose memo names another inbound is not this swap', async () => {
    const btc = serve(true, false, 'c'.repeat(64))
    const out = join(tmp, 'other-inbound')
    const run = await runCli(
      argv(btc.txid('theft'), out, ['--explorer-url', `ethereum=${EXPLORER}`]),
      { env: ENV },
    )
    expect(run.code).toBe(3)
    const report = readReport(out)
    expect(report.swaps).toEqual([])
    expect(report.unexplored.map((u) => u.reason)).toContain('swap-pending')
  })

  test('a swap THORChain refunds (REFUND:<inbound> back to the sender) is followed on the sending chain', async () => {
    const first = bitcoinSide(null)
    const btc = bitcoinSide(null, first.txid('inbound'))
    server.resetHandlers(
      ...esploraHandlers(btc, ESPLORA),
      ...evmSimHandlers(ethereumSide(btc.txid('inbound'), false), KEY, {
        explorer: EXPLORER,
      }),
    )
    const out = join(tmp, 'refund')
    const run = await runCli(
      argv(btc.txid('theft'), out, ['--explorer-url', `ethereum=${EXPLORER}`]),
      { env: ENV },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = readReport(out)
    expect(report.swaps).toEqual([
      expect.objectContaining({
        match: 'memo-refund',
        outMemo: `REFUND:${btc.txid('inbound').toUpperCase()}`,
        inbound: expect.objectContaining({
          chain: 'bitcoin',
          txHash: btc.txid('inbound'),
        }),
        outbound: expect.objectContaining({
          chain: 'bitcoin',
          txHash: btc.txid('refund'),
          address: thief.address,
          amountBase: '59990000',
        }),
      }),
    ])
    // 0.9999 stolen + 0.5999 refunded = 0.3998 deposit + 0.6 swapped + 0.0001 fee + 0.5999 at rest.
    expect(recon(report, 'bitcoin')).toMatchObject({
      stolen: { amountBase: '99990000' },
      receivedBySwap: { amountBase: '59990000' },
      swapped: { amountBase: '60000000' },
      atRest: { amountBase: '59990000' },
      balanced: true,
    })
  })
})
