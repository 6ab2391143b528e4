/**
 * A real hardhat 2 node on loopback: plays a theft (native, internal via a
 * forwarding contract, ERC-20 on a second path, two deposit sweeps) and
 * traces it through JSON-RPC alone.
 */
import {
  type Abi,
  createPublicClient,
  createWalletClient,
  type Hash,
  http,
  type PublicClient,
  parseEther,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { hardhat } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvmAdapter } from '../src/chains/evm/adapter.js'
import { resolveEvmChain } from '../src/chains/evm/chains.js'
import { createRpcSource } from '../src/chains/evm/rpc.js'
import { createLabelIndex } from '../src/labels/memory.js'
import { createHttpClient } from '../src/sources/http.js'
import { walkAccount } from '../src/trace/account/walk.js'
import { reconcile } from '../src/trace/reconcile.js'
import {
  compileTestContracts,
  type HardhatNode,
  startHardhatNode,
} from './support/hardhat.js'
import { skipHardhat } from './support/hardhat-skip.js'

const VICTIM = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' // hardhat account #0
const HOT = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720' // hardhat account #9, labelled as an exchange
const GAS_PRICE = 3_000_000_000n

let node: HardhatNode | undefined
let play: Awaited<ReturnType<typeof playTheft>> | undefined

// A node that fails to start fails the suite; FUNDTRACE_SKIP_HARDHAT=1 is the
// only way to skip it (the e2e global setup says so in one line).
beforeAll(async () => {
  if (skipHardhat()) return
  node = await startHardhatNode()
  play = await playTheft(node.url)
}, 120_000)

afterAll(async () => {
  await node?.stop()
})

/** The theft played in beforeAll; it threw there if the node did not start. */
function played() {
  if (!play) throw new Error('the theft was not played on the hardhat node')
  return play
}

async function playTheft(url: string) {
  const transport = http(url)
  const pub = createPublicClient({ chain: hardhat, transport }) as PublicClient
  const wallet = (
    account: `0x${string}` | ReturnType<typeof privateKeyToAccount>,
  ) => createWalletClient({ chain: hardhat, transport, account })
  const fresh = () => privateKeyToAccount(generatePrivateKey())
  const attacker = fresh()
  const split1 = fresh()
  const split2 = fresh()
  const deposit = fresh()
  const tokenHop = fresh()
  const tokenDeposit = fresh()
  const { TestToken, Forwarder } = await compileTestContracts()
  if (!TestToken || !Forwarder) throw new Error('contracts did not compile')
  const mined = async (hash: Hash) => {
    const receipt = await pub.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`tx ${hash} failed`)
    return receipt
  }
  const victim = wallet(VICTIM)
  const token = (
    await mined(
      await victim.deployContract({
        abi: TestToken.abi as Abi,
        bytecode: TestToken.bytecode,
        args: [10n ** 12n],
      }),
    )
  ).contractAddress as `0x${string}`
  const forwarder = (
    await mined(
      await victim.deployContract({
        abi: Forwarder.abi as Abi,
        bytecode: Forwarder.bytecode,
      }),
    )
  ).contractAddress as `0x${string}`
  const send = async (
    from: Parameters<typeof wallet>[0],
    to: string,
    value: bigint,
  ) =>
    mined(
      await wallet(from).sendTransaction({
        to: to as `0x${string}`,
        value,
        gasPrice: GAS_PRICE,
        gas: 21_000n,
      }),
    )
  const transfer = async (
    from: Parameters<typeof wallet>[0],
    to: string,
    value: bigint,
  ) =>
    mined(
      await wallet(from).writeContract({
        address: token,
        abi: TestToken.abi as Abi,
        functionName: 'transfer',
        args: [to, value],
        gasPrice: GAS_PRICE,
      }),
    )

  const seedEth = await send(VICTIM, attacker.address, parseEther('10'))
  const seedToken = await transfer(VICTIM, attacker.address, 1000_000000n)
  await send(attacker, split1.address, parseEther('6'))
  await send(attacker, split2.address, parseEther('3'))
  const forward = await mined(
    await wallet(split1).writeContract({
      address: forwarder,
      abi: Forwarder.abi as Abi,
      functionName: 'forward',
      args: [deposit.address],
      value: parseEther('5'),
      gasPrice: GAS_PRICE,
    }),
  )
  const sweepValue = parseEther('5') - 21_000n * GAS_PRICE
  const sweep = await send(deposit, HOT, sweepValue)
  // Token path: the thief pays the hop's gas from stolen ETH; the exchange tops up its deposit address.
  await send(attacker, tokenHop.address, parseEther('0.1'))
  await transfer(attacker, tokenHop.address, 1000_000000n)
  await transfer(tokenHop, tokenDeposit.address, 1000_000000n)
  await send(HOT, tokenDeposit.address, parseEther('0.01'))
  const tokenSweep = await transfer(tokenDeposit, HOT, 1000_000000n)
  return {
    url,
    token,
    forwarder,
    forward,
    seedEth,
    seedToken,
    sweep,
    tokenSweep,
    deposit: deposit.address.toLowerCase(),
    tokenDeposit: tokenDeposit.address.toLowerCase(),
    split2: split2.address.toLowerCase(),
  }
}

/** The node is ours, on loopback: no need for a hosted node's pace. */
const loopbackHttp = () =>
  createHttpClient({ defaultLimit: { rps: 200, concurrency: 8 } })

const describeHardhat = describe.skipIf(skipHardhat())

describeHardhat('EVM trace against a real hardhat node (RPC only)', () => {
  it('reads internal transfers from struct logs', async () => {
    const play = played()
    const adapter = createEvmAdapter({
      chain: resolveEvmChain('31337'),
      rpc: createRpcSource({ urls: [play.url], http: loopbackHttp() }),
    })
    const txs = await adapter.getTxTransfers(play.forward.transactionHash)
    const internal = txs.filter((t) => t.kind === 'internal')
    expect(txs.find((t) => t.kind === 'native')).toMatchObject({
      to: play.forwarder.toLowerCase(),
      value: parseEther('5'),
    })
    expect(internal).toHaveLength(1)
    expect(internal[0]).toMatchObject({
      from: play.forwarder.toLowerCase(),
      to: play.deposit,
      value: parseEther('5'),
    })
  })

  it('traces the theft to both deposit addresses with exact amounts', async () => {
    const play = played()
    const chain = resolveEvmChain('31337')
    const adapter = createEvmAdapter({
      chain,
      rpc: createRpcSource({ urls: [play.url], http: loopbackHttp() }),
    })
    const labels = createLabelIndex([
      {
        chain: 'hardhat',
        address: HOT,
        entity: 'TestExchange',
        category: 'exchange',
        source: 'test',
        confidence: 'high',
      },
    ])
    const result = await walkAccount({
      adapter,
      labels,
      victims: [VICTIM],
      policy: 'haircut',
      seeds: [
        { txHash: play.seedEth.transactionHash },
        { txHash: play.seedToken.transactionHash },
      ],
    })
    const hits = result.hits.map((h) => [
      h.address,
      h.asset.symbol,
      h.amount,
      h.attribution,
      h.evidence,
    ])
    expect(hits).toEqual(
      expect.arrayContaining([
        [
          play.deposit,
          'ETH',
          parseEther('5'),
          'deposit-sweep',
          [play.sweep.transactionHash],
        ],
        [
          play.tokenDeposit,
          'TUSD',
          1000_000000n,
          'deposit-sweep',
          [play.tokenSweep.transactionHash],
        ],
      ]),
    )
    expect(result.hits).toHaveLength(2)
    const atRest = result.endpoints.filter((e) => e.reason === 'unspent')
    expect(atRest.find((r) => r.address === play.split2)?.taint).toBe(
      parseEther('3'),
    )
    const reconciliations = reconcile(result)
    expect(reconciliations.map((r) => [r.asset.symbol, r.balanced])).toEqual([
      ['ETH', true],
      ['TUSD', true],
    ])
    const eth = reconciliations.find((r) => r.asset.symbol === 'ETH')
    expect(eth?.stolen).toBe(parseEther('10'))
    expect(eth?.fees).toBeGreaterThan(0n)
  })
})
