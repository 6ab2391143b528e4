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
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import {
  BACK_MEMO,
  binance,
  binanceDeposit,
  bitcoinSide,
  deposit,
  E1,
  E2,
  E4,
  ESPLORA,
  ETH,
  EXPLORER,
  ethereumSide,
  ethThief,
  GWEI,
  KEY,
  kraken,
  SWAP_MEMO,
  thief,
  victim,
} from './support/cross-scenario.js'
import { esploraHandlers } from './support/esplora-server.js'
import { evmSimHandlers } from './support/evm-sim.js'
import { comparable, readReport, runCli } from './support/run-cli.js'

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
