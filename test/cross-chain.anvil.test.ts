/**
 * The Bitcoin → THORChain → Ethereum → DEX → exchange route of
 * cross-dex.e2e.test.ts and cross-chain.e2e.test.ts, with the Ethereum side
 * played on a real node (Foundry's anvil) by contracts compiled here with
 * solc: a THORChain router pays the swap out (TransferOut, memo
 * OUT:<bitcoin inbound txid>); the thief swaps 4 of the 10 ETH for USDT
 * through a Uniswap V2 router and pair (ETH wrapped by WETH9), pays the USDT
 * and 3 ETH into exchange deposits that sweep to Kraken and Binance, and
 * sends 2 ETH back to Bitcoin through the router (depositWithExpiry, Deposit
 * event). Bitcoin stays a simulated Esplora serving genuine serialised txs
 * with the real OP_RETURN memos, THORChain's payout of the swap back included.
 *
 * The node answers as chain 1: the memo's `e` is Ethereum, and fundtrace
 * (rightly) refuses a node whose eth_chainId is not the chain it reads. WETH9
 * and USDT sit at their mainnet addresses (anvil_setCode), because on
 * Ethereum a USDT elsewhere is an impostor token and only the canonical WETH
 * is read as a wrap.
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
import {
  type Abi,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hash,
  type Hex,
  http,
  type PublicClient,
  zeroAddress,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import { type AnvilNode, anvilMissing, startAnvil } from './support/anvil.js'
import { btcWallet, buildBtc } from './support/btc-build.js'
import {
  type EsploraServer,
  startEsploraServer,
} from './support/esplora-server.js'
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js'
import { comparable, readReport, runCli } from './support/run-cli.js'
import { type CompiledContract, compileContracts } from './support/solc.js'

// Ethereum mainnet: WETH9 and Tether USD, where the contracts are placed.
const WETH: Hex = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const USDT: Hex = '0xdac17f958d2ee523a2206206994597c13d831ec7'
// anvil's dev accounts #0 (deploys, provides liquidity), #1 (a THORChain vault), #2 (an exchange's gas).
const DEPLOYER: Hex = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const VAULT: Hex = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const GAS_FUNDER: Hex = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'
const NO_CONFIG = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }
const ETH = 10n ** 18n
const GWEI = 10n ** 9n
const GAS_PRICE = 20n * GWEI

const PAYOUT = 10n * ETH
const SWAPPED = 4n * ETH
const TO_BINANCE = 3n * ETH
const BACK = 2n * ETH
// What THORChain pays on Bitcoin for the 2 ETH swapped back.
const BACK_BTC = 10_000_000n
// The pair holds 1,000 WETH and 3,000,000 USDT; V2 pays for 4 ETH, after its 0.3% fee,
// 4·997·3,000,000 / (1,000·1,000 + 4·997) = 11,964,000,000 / 1,003,988 = 11,916.477089… USDT.
const RESERVE_WETH = 1_000n * ETH
const RESERVE_USDT = 3_000_000_000_000n
const USDT_OUT = 11_916_477_089n

const victim = btcWallet('victim')
const btcThief = btcWallet('thief')
const binanceBtcDeposit = btcWallet('binance-deposit')
const binanceBtc = btcWallet('binance-hot')
const btcVault = btcWallet('thorchain-vault')
const btcVault2 = btcWallet('thorchain-vault-2')
const btcThiefBack = btcWallet('thief-back')
const BACK_MEMO = `=:b:${btcThiefBack.address}:0`

let node: AnvilNode | undefined
let esplora: EsploraServer | undefined
let tmp: string
let play: Awaited<ReturnType<typeof playScenario>> | undefined
let proxy: FaultProxy | undefined

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-cross-anvil-'))
  if (anvilMissing()) return
  node = await startAnvil(30_000, 1)
  play = await playScenario(node.url)
}, 60_000)

afterAll(async () => {
  await proxy?.close()
  await esplora?.close()
  await node?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

/**
 * Theft, THORChain inbound (0.6 BTC to the vault, memo), 0.3998 BTC to a
 * Binance deposit and its sweep; once the swap back from Ethereum is known,
 * THORChain's payout of it (0.1 BTC, OP_RETURN OUT:<ethereum tx hash>).
 */
function bitcoinSide(
  ethThief: string,
  t0: number,
  back?: { ethInbound: string; time: number },
) {
  return buildBtc(
    [
      {
        name: 'theft',
        inputs: [{ external: victim, value: 100_000_000n }],
        outputs: [[btcThief, 99_990_000n]],
        time: t0,
        height: 850_000,
      },
      {
        name: 'inbound',
        inputs: [{ tx: 'theft', vout: 0 }],
        outputs: [
          [btcVault, 60_000_000n],
          { memo: `=:e:${ethThief}:0/1/0:t:0` },
          [binanceBtcDeposit, 39_980_000n],
        ],
        time: t0 + 600,
        height: 850_001,
      },
      {
        name: 'binance',
        inputs: [{ tx: 'inbound', vout: 2 }],
        outputs: [[binanceBtc, 39_970_000n]],
        time: t0 + 1200,
        height: 850_002,
      },
      ...(back
        ? [
            {
              name: 'payout',
              inputs: [{ external: btcVault2, value: 500_000_000n }],
              outputs: [
                [btcThiefBack, BACK_BTC] as [typeof btcVault2, bigint],
                { memo: `OUT:${back.ethInbound.slice(2).toUpperCase()}` },
                [btcVault2, 500_000_000n - BACK_BTC - 10_000n] as [
                  typeof btcVault2,
                  bigint,
                ],
              ],
              time: back.time,
              height: 850_003,
            },
          ]
        : []),
    ],
    850_010,
  )
}

function ethereum(url: string) {
  const transport = http(url)
  const pub = createPublicClient({ chain: mainnet, transport }) as PublicClient
  const test = createTestClient({ chain: mainnet, mode: 'anvil', transport })
  const wallet = (account: Hex | ReturnType<typeof privateKeyToAccount>) =>
    createWalletClient({ chain: mainnet, transport, account })
  const mined = async (hash: Hash) => {
    const receipt = await pub.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`tx ${hash} failed`)
    return receipt
  }
  const deploy = async (c: CompiledContract, args: unknown[] = []) => {
    const receipt = await mined(
      await wallet(DEPLOYER).deployContract({
        abi: c.abi,
        bytecode: c.bytecode,
        args,
      }),
    )
    return receipt.contractAddress as Hex
  }
  /** A deployed contract's code and its first storage slots, copied to a fixed address. */
  const placeAt = async (c: CompiledContract, at: Hex, slots: number) => {
    const deployed = await deploy(c)
    const code = await pub.getCode({ address: deployed })
    if (!code) throw new Error(`no code at ${deployed}`)
    await test.setCode({ address: at, bytecode: code })
    for (let slot = 0; slot < slots; slot++) {
      const index = `0x${slot.toString(16).padStart(64, '0')}` as Hex
      const value = await pub.getStorageAt({ address: deployed, slot: index })
      await test.setStorageAt({ address: at, index, value: value ?? '0x0' })
    }
  }
  const call = async (
    from: Hex | ReturnType<typeof privateKeyToAccount>,
    address: Hex,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value = 0n,
  ) =>
    mined(
      await wallet(from).writeContract({
        address,
        abi,
        functionName,
        args,
        value,
        gasPrice: GAS_PRICE,
      }),
    )
  const pay = async (
    from: Hex | ReturnType<typeof privateKeyToAccount>,
    to: Hex,
    value: bigint,
  ) =>
    mined(
      await wallet(from).sendTransaction({ to, value, gasPrice: GAS_PRICE }),
    )
  return { pub, deploy, placeAt, call, pay }
}

/**
 * The contracts, compiled now: WETH9 and USDT at their mainnet addresses, a
 * WETH/USDT pair holding 1,000 WETH and 3,000,000 USDT, its router, and a
 * THORChain router.
 */
async function deployContracts(chain: ReturnType<typeof ethereum>) {
  const compiled = compileContracts([
    'ThorchainRouter.sol',
    'WETH9.sol',
    'TetherToken.sol',
    'UniswapV2.sol',
  ])
  const get = (name: string) => {
    const found = compiled[name]
    if (!found) throw new Error(`${name} did not compile`)
    return found
  }
  const weth9 = get('WETH9')
  const tether = get('TetherToken')
  const pairC = get('UniswapV2Pair')
  const routerC = get('UniswapV2Router02')
  const thorC = get('THORChain_Router')
  // WETH9 keeps name, symbol and decimals in slots 0-2; USDT's are constants.
  await chain.placeAt(weth9, WETH, 3)
  await chain.placeAt(tether, USDT, 0)
  const pair = await chain.deploy(pairC, [WETH, USDT])
  const dexRouter = await chain.deploy(routerC, [WETH, pair])
  const thorRouter = await chain.deploy(thorC)
  await chain.call(DEPLOYER, WETH, weth9.abi, 'deposit', [], RESERVE_WETH)
  await chain.call(DEPLOYER, WETH, weth9.abi, 'transfer', [pair, RESERVE_WETH])
  await chain.call(DEPLOYER, USDT, tether.abi, 'issue', [pair, RESERVE_USDT])
  await chain.call(DEPLOYER, pair, pairC.abi, 'sync', [])
  return {
    abi: { tether: tether.abi, dex: routerC.abi, thor: thorC.abi },
    pair,
    dexRouter,
    thorRouter,
  }
}

async function playScenario(url: string) {
  const chain = ethereum(url)
  const { abi, pair, dexRouter, thorRouter } = await deployContracts(chain)
  const fresh = () => privateKeyToAccount(generatePrivateKey())
  const [thief, usdtDeposit, ethDeposit, kraken, binance] = [
    fresh(),
    fresh(),
    fresh(),
    fresh(),
    fresh(),
  ]
  const now = Number((await chain.pub.getBlock()).timestamp)
  const ethThief = thief.address.toLowerCase()
  // Its txids do not depend on the payout added below, which names an Ethereum tx.
  const inbound = bitcoinSide(ethThief, now - 1800).txid('inbound')

  // THORChain's vault pays the swap out through the router, as its signers do.
  const payout = await chain.call(
    VAULT,
    thorRouter,
    abi.thor,
    'transferOut',
    [thief.address, zeroAddress, PAYOUT, `OUT:${inbound.toUpperCase()}`],
    PAYOUT,
  )
  const swap = await chain.call(
    thief,
    dexRouter,
    abi.dex,
    'swapExactETHForTokens',
    [0n, [WETH, USDT], thief.address, BigInt(now + 3600)],
    SWAPPED,
  )
  const usdtIn = await chain.call(thief, USDT, abi.tether, 'transfer', [
    usdtDeposit.address,
    USDT_OUT,
  ])
  // The exchange gives its deposit address gas, then sweeps the USDT.
  await chain.pay(GAS_FUNDER, usdtDeposit.address, ETH / 100n)
  await chain.call(usdtDeposit, USDT, abi.tether, 'transfer', [
    kraken.address,
    USDT_OUT,
  ])
  const ethIn = await chain.pay(thief, ethDeposit.address, TO_BINANCE)
  await chain.pay(ethDeposit, binance.address, TO_BINANCE - 21_000n * GAS_PRICE)
  // 2 ETH back into THORChain for BTC, through the router's depositWithExpiry.
  const back = await chain.call(
    thief,
    thorRouter,
    abi.thor,
    'depositWithExpiry',
    [VAULT, zeroAddress, BACK, BACK_MEMO, BigInt(now + 86_400)],
    BACK,
  )
  const backTime = Number(
    (await chain.pub.getBlock({ blockNumber: back.blockNumber })).timestamp,
  )
  const btc = bitcoinSide(ethThief, now - 1800, {
    ethInbound: back.transactionHash,
    time: backTime + 600,
  })
  esplora = await startEsploraServer(btc)
  const lower = (a: { address: Hex }) => a.address.toLowerCase()
  return {
    btc,
    esploraUrl: esplora.url,
    payout: payout.transactionHash,
    swap: swap.transactionHash,
    back: back.transactionHash,
    backGas: back.gasUsed,
    // Gas the thief paid, in ETH, for the swap, the USDT payment, the ETH payment and the swap back.
    thiefGas: [swap, usdtIn, ethIn, back].reduce(
      (sum, r) => sum + r.gasUsed * r.effectiveGasPrice,
      0n,
    ),
    swapGas: swap.gasUsed,
    usdtGas: usdtIn.gasUsed,
    pair,
    dexRouter,
    thorRouter,
    thief: lower(thief),
    usdtDeposit: lower(usdtDeposit),
    ethDeposit: lower(ethDeposit),
    kraken: lower(kraken),
    binance: lower(binance),
  }
}

function played() {
  if (!node || !play) throw new Error('the scenario was not played on anvil')
  return { url: node.url, ...play }
}

function argv(out: string, extra: string[], rpcUrl = played().url): string[] {
  const p = played()
  const labels = join(tmp, 'labels.csv')
  writeFileSync(
    labels,
    [
      'chain,address,entity,category,source,confidence',
      `bitcoin,${binanceBtc.address},Binance,exchange,test,high`,
      `ethereum,${p.kraken},Kraken,exchange,test,high`,
      `ethereum,${p.binance},Binance,exchange,test,high`,
      `ethereum,${p.dexRouter},Uniswap V2 Router,dex,test,high`,
      `ethereum,${p.pair},Uniswap V2 WETH/USDT,dex,test,high`,
      // The router was deployed here, not at THORChain's public address: named by the label file.
      `ethereum,${p.thorRouter},THORChain Router,bridge,test deployment,high`,
    ].join('\n'),
  )
  return [
    'trace',
    '--tx',
    p.btc.txid('theft'),
    '--victim',
    victim.address,
    '--labels',
    labels,
    '--no-bundled-labels',
    '--esplora-url',
    p.esploraUrl,
    '--rpc-url',
    `ethereum=${rpcUrl}`,
    '--out',
    out,
    '--no-progress',
    ...extra,
  ]
}

const books = (report: Report, asset: string) =>
  report.reconciliations?.find((r) => r.asset === asset)

describe.skipIf(anvilMissing())(
  'Bitcoin → THORChain → Ethereum on a real anvil node → DEX → exchanges',
  () => {
    test('a node named for Ethereum that serves another chain: exit 2 before any look-up on it', async () => {
      // The same node behind a proxy that answers eth_chainId as a dev chain (31337).
      const methods: string[] = []
      proxy = await startFaultProxy({
        target: played().url,
        rewrite: (request, upstream) => {
          const call = JSON.parse(request ?? '{}') as { method: string }
          methods.push(call.method)
          if (call.method !== 'eth_chainId') return upstream
          const { id } = JSON.parse(upstream) as { id: number }
          return JSON.stringify({ jsonrpc: '2.0', id, result: '0x7a69' })
        },
      })
      const run = await runCli(
        argv(join(tmp, 'wrong-chain'), ['--no-cache'], proxy.url),
        { env: NO_CONFIG },
      )
      expect(run.code).toBe(2)
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        `fundtrace: --rpc-url ethereum=${proxy.url} serves chain 31337 (hardhat), not chain 1 (ethereum): give ethereum= a source of ethereum`,
      ])
      // The payout was not looked for on the wrong chain.
      expect(methods).toEqual(['eth_chainId'])
    })

    test('deposit hits on both chains with exact amounts, every swap with both hashes, every book balances, replay reproduces', async () => {
      const p = played()
      const out = join(tmp, 'case')
      const run = await runCli(argv(out, ['--cache-dir', join(tmp, 'cache')]), {
        env: NO_CONFIG,
      })
      expect(run.stderr).toBe('')
      expect(run.code, run.stdout).toBe(0)
      expect(run.stdout).toContain(
        'It became ETH on ethereum, BTC on bitcoin, USDT on ethereum through 3 swaps:',
      )
      const report = readReport(out)
      expect(report.status).toBe('complete')
      expect(report.chains).toEqual(['bitcoin', 'ethereum'])
      // 0.3998 BTC at the Binance deposit; all the USDT at the deposit swept to
      // Kraken; the 3 ETH at the deposit swept to Binance.
      expect(
        report.hits.map((h) => [
          h.chain,
          h.entity,
          h.address,
          h.asset,
          h.amountBase,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['bitcoin', 'Binance', binanceBtcDeposit.address, 'BTC', '39980000'],
          ['ethereum', 'Kraken', p.usdtDeposit, 'USDT', String(USDT_OUT)],
          ['ethereum', 'Binance', p.ethDeposit, 'ETH', String(TO_BINANCE)],
        ]),
      )
      expect(report.hits).toHaveLength(3)
      expect(
        report.swaps?.map((s) => [
          s.protocol,
          s.match,
          s.inbound.txHash,
          s.outbound.txHash,
        ]),
      ).toEqual([
        ['thorchain', 'memo-out', p.btc.txid('inbound'), p.payout],
        ['thorchain', 'memo-out', p.back, p.btc.txid('payout')],
        ['dex', 'same-tx', p.swap, p.swap],
      ])
      expect(report.swaps?.[0]).toMatchObject({
        memo: `=:e:${p.thief}:0/1/0:t:0`,
        outMemo: `OUT:${p.btc.txid('inbound').toUpperCase()}`,
        inbound: { chain: 'bitcoin', asset: 'BTC', amountBase: '60000000' },
        outbound: {
          chain: 'ethereum',
          address: p.thief,
          asset: 'ETH',
          amountBase: String(PAYOUT),
        },
      })
      // Read off the router's Deposit event on the node: the vault, 2 ETH, the memo.
      expect(report.swaps?.[1]).toMatchObject({
        memo: BACK_MEMO,
        outMemo: `OUT:${p.back.slice(2).toUpperCase()}`,
        inbound: {
          chain: 'ethereum',
          address: VAULT,
          asset: 'ETH',
          amountBase: String(BACK),
        },
        outbound: {
          chain: 'bitcoin',
          address: btcThiefBack.address,
          index: 0,
          asset: 'BTC',
          amountBase: String(BACK_BTC),
        },
      })
      expect(report.swaps?.[2]).toMatchObject({
        rule: 'uniswap-v2-swap-to',
        inbound: {
          address: p.dexRouter,
          asset: 'ETH',
          amountBase: String(SWAPPED),
        },
        outbound: {
          address: p.thief,
          asset: 'USDT',
          amountBase: String(USDT_OUT),
        },
        taintIn: { amountBase: String(SWAPPED) },
        taintOut: { amountBase: String(USDT_OUT) },
      })
      // BTC: 0.9999 stolen + 0.1 received by swap = 0.3998 Binance + 0.6 swapped
      // + 0.0001 fee + 0.1 at rest with the thief's Bitcoin address.
      expect(books(report, 'BTC')).toMatchObject({
        stolen: { amountBase: '99990000' },
        receivedBySwap: { amountBase: String(BACK_BTC) },
        atExchanges: { amountBase: '39980000' },
        swapped: { amountBase: '60000000' },
        fees: { amountBase: '10000' },
        atRest: { amountBase: String(BACK_BTC) },
        balanced: true,
      })
      // ETH: 10 received = 4 swapped on the DEX + 2 swapped back to BTC + 3 at
      // Binance + the thief's gas at 20 gwei (the node's gas used for the DEX
      // swap, the USDT payment and the deposit into THORChain, + 21,000 for the
      // plain payment) + the rest at rest with the thief.
      expect(p.thiefGas).toBe(
        (p.swapGas + p.usdtGas + p.backGas + 21_000n) * GAS_PRICE,
      )
      const atRest = PAYOUT - SWAPPED - BACK - TO_BINANCE - p.thiefGas
      expect(books(report, 'ETH')).toMatchObject({
        receivedBySwap: { amountBase: String(PAYOUT) },
        swapped: { amountBase: String(SWAPPED + BACK) },
        atExchanges: { amountBase: String(TO_BINANCE) },
        fees: { amountBase: String(p.thiefGas) },
        atRest: { amountBase: String(atRest) },
        balanced: true,
      })
      expect(
        report.atRest.map((r) => [r.chain, r.address, r.amountBase]),
      ).toEqual(
        expect.arrayContaining([
          ['ethereum', p.thief, String(atRest)],
          ['bitcoin', btcThiefBack.address, String(BACK_BTC)],
        ]),
      )
      expect(report.atRest).toHaveLength(2)
      // USDT: its books begin with what the swap paid and end at Kraken.
      expect(books(report, 'USDT')).toMatchObject({
        stolen: { amountBase: '0' },
        receivedBySwap: { amountBase: String(USDT_OUT) },
        atExchanges: { amountBase: String(USDT_OUT) },
        balanced: true,
      })
      expect(report.reconciliations?.every((r) => r.balanced)).toBe(true)
      // One freeze request per exchange: Binance's names its deposits on both chains.
      const letters = join(out, 'freeze-requests')
      expect(readdirSync(letters).sort()).toEqual(['binance.txt', 'kraken.txt'])
      const binanceLetter = readFileSync(join(letters, 'binance.txt'), 'utf8')
      expect(binanceLetter).toContain(
        'Freeze up to 3 ETH (native coin, no token contract) and 0.3998 BTC (native coin, no token contract)',
      )
      expect(binanceLetter).toContain(`Deposit address: ${p.ethDeposit}`)
      expect(binanceLetter).toContain(
        `Deposit address: ${binanceBtcDeposit.address}`,
      )
      expect(readFileSync(join(letters, 'kraken.txt'), 'utf8')).toContain(
        `Deposit address: ${p.usdtDeposit}`,
      )
      // The figure: a band per chain, the three swaps drawn as swap edges.
      const html = readFileSync(join(out, 'report.html'), 'utf8')
      expect(html.match(/<g id="clust\d+" class="cluster">/g)).toHaveLength(2)
      for (const swap of ['BTC → ETH', 'ETH → BTC', 'ETH → USDT'])
        expect(html).toContain(`swap ${swap}`)

      // Replay with both sources gone: the same report from the bundle alone.
      await esplora?.close()
      esplora = undefined
      await node?.stop()
      const again = join(tmp, 'replayed')
      const replay = await runCli(argv(again, ['--replay', out]), {
        env: NO_CONFIG,
      })
      expect(replay.stderr).toBe('')
      expect(replay.code).toBe(0)
      expect(comparable(readReport(again))).toEqual(comparable(report))
    }, 60_000)
  },
)
