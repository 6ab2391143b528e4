/**
 * A real anvil node (chain 31337): the node's chain is checked against
 * --chain, an empty struct-log trace of a call that ran code is no data, and
 * every amount at rest is checked against the node's balance. A thief takes
 * 10 ETH, forwards 5 through a contract's internal CALL to a fresh address,
 * and cashes out 3 in a plain transfer. Lies come from a fault proxy in front
 * of the node (test/support/fault-proxy.ts), never from the node itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from '../src/report/types.js'
import { type AnvilNode, anvilMissing, startAnvil } from './support/anvil.js'
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js'
import { compileTestContracts } from './support/hardhat.js'
import { readReport, runCli } from './support/run-cli.js'

const VICTIM = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' // anvil account #0
const NO_CONFIG = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }

let node: AnvilNode | undefined
let tmp: string
let play: Awaited<ReturnType<typeof playTheft>> | undefined
const proxies: FaultProxy[] = []

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-anvil-'))
  if (anvilMissing()) return
  node = await startAnvil()
  play = await playTheft(node.url)
}, 120_000)

afterAll(async () => {
  for (const proxy of proxies) await proxy.close()
  await node?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

function played() {
  if (!node || !play) throw new Error('the theft was not played on anvil')
  return { url: node.url, ...play }
}

async function playTheft(url: string) {
  const transport = http(url)
  const pub = createPublicClient({ chain: foundry, transport }) as PublicClient
  const wallet = (account: `0x${string}` | ReturnType<typeof fresh>) =>
    createWalletClient({ chain: foundry, transport, account })
  const fresh = () => privateKeyToAccount(generatePrivateKey())
  const [thief, payee, cashout] = [fresh(), fresh(), fresh()]
  const mined = async (hash: Hash) => {
    const receipt = await pub.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`tx ${hash} failed`)
    return receipt
  }
  const { Forwarder } = await compileTestContracts()
  if (!Forwarder) throw new Error('the forwarder did not compile')
  const forwarder = (
    await mined(
      await wallet(VICTIM).deployContract({
        abi: Forwarder.abi as Abi,
        bytecode: Forwarder.bytecode,
      }),
    )
  ).contractAddress as `0x${string}`
  const theft = await mined(
    await wallet(VICTIM).sendTransaction({
      to: thief.address,
      value: parseEther('10'),
    }),
  )
  const forward = await mined(
    await wallet(thief).writeContract({
      address: forwarder,
      abi: Forwarder.abi as Abi,
      functionName: 'forward',
      args: [payee.address],
      value: parseEther('5'),
    }),
  )
  await mined(
    await wallet(thief).sendTransaction({
      to: cashout.address,
      value: parseEther('3'),
    }),
  )
  return {
    theft: theft.transactionHash,
    forward,
    forwarder: forwarder.toLowerCase(),
    thief: thief.address.toLowerCase(),
    payee: payee.address.toLowerCase(),
    cashout: cashout.address.toLowerCase(),
  }
}

/** A proxy in front of anvil that rewrites some JSON-RPC answers. */
async function lyingNode(
  lie: (method: string, params: unknown[], result: unknown) => object | null,
) {
  const proxy = await startFaultProxy({
    target: played().url,
    rewrite: (request, upstream) => {
      const call = JSON.parse(request ?? '{}') as {
        method: string
        params: unknown[]
      }
      const answer = JSON.parse(upstream) as { id: number; result?: unknown }
      const changed = lie(call.method, call.params, answer.result)
      return changed
        ? JSON.stringify({ jsonrpc: '2.0', id: answer.id, ...changed })
        : upstream
    },
  })
  proxies.push(proxy)
  return proxy.url
}

async function trace(name: string, rpcUrl: string, chain = '31337') {
  const out = join(tmp, name)
  const run = await runCli(
    [
      'trace',
      '--chain',
      chain,
      '--tx',
      played().theft,
      '--victim',
      VICTIM,
      '--rpc-url',
      rpcUrl,
      '--no-explorer',
      '--no-bundled-labels',
      '--out',
      out,
      '--no-cache',
      '--no-progress',
    ],
    { env: NO_CONFIG },
  )
  return { ...run, out }
}

const cut = (report: Report) =>
  (report.cuts ?? []).map((c) => [c.reason, c.address, c.asset])

describe.skipIf(anvilMissing())('a real anvil node', () => {
  test('--chain ethereum against anvil: exit 2, one line naming 1 and 31337', async () => {
    const run = await trace('wrong-chain', played().url, 'ethereum')
    expect(run.code).toBe(2)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(
      `--rpc-url ${played().url} serves chain 31337 (hardhat), but --chain says chain 1 (ethereum)`,
    )
  })

  test('the honest node: the internal transfer is followed, every amount at rest verified, complete', async () => {
    const run = await trace('honest', played().url)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = readReport(run.out)
    expect(report.status).toBe('complete')
    expect(report.cuts).toBeUndefined()
    const atRest = Object.fromEntries(
      report.atRest.map((r) => [r.address, r.amount]),
    )
    expect(atRest[played().payee]).toBe('5')
    expect(atRest[played().cashout]).toBe('3')
    expect(atRest[played().forwarder]).toBeUndefined()
  })

  test('struct logs blanked, no other tracer: the forwarded 5 ETH is an untraced cut, exit 3', async () => {
    const url = await lyingNode((method, params, result) => {
      if (method === 'trace_transaction')
        return { error: { code: -32601, message: 'method not found' } }
      if (method !== 'debug_traceTransaction') return null
      const options = params[1] as { tracer?: string } | undefined
      if (options?.tracer)
        return { error: { code: -32000, message: 'tracer not found' } }
      return { result: { ...(result as object), structLogs: [] } }
    })
    const run = await trace('blank-structlogs', url)
    expect(run.code).toBe(3)
    const report = readReport(run.out)
    expect(report.status).toBe('incomplete')
    expect(cut(report)).toEqual([['untraced', played().forwarder, 'ETH']])
    expect(report.atRest.map((r) => r.address)).not.toContain(
      played().forwarder,
    )
    expect(report.limitations).toContainEqual(
      expect.stringContaining(
        `the struct-log trace of ${played().forward.transactionHash} had no steps, though the tx used ${played().forward.gasUsed} gas`,
      ),
    )
    // Named in the terminal summary and on page 1 of the HTML report.
    expect(run.stdout).toContain('INCOMPLETE: the trail was cut (1)')
    // The terminal shortens addresses to their head and tail.
    expect(run.stdout).toMatch(
      new RegExp(`untraced\\s+${played().forwarder.slice(0, 10)}…`),
    )
    const html = readFileSync(join(run.out, 'report.html'), 'utf8')
    expect(html).toContain('untraced')
  })

  test('a history that hides the outflows: the balance falls short, exit 3', async () => {
    // trace_filter and eth_getLogs answer nothing: the thief seems to hold all 10 ETH.
    const url = await lyingNode((method) =>
      method === 'trace_filter' || method === 'eth_getLogs'
        ? { result: [] }
        : null,
    )
    const run = await trace('hidden-outflows', url)
    expect(run.code).toBe(3)
    const report = readReport(run.out)
    expect(report.status).toBe('incomplete')
    expect(cut(report)).toEqual([['balance-short', played().thief, 'ETH']])
    expect(report.limitations).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^discrepancy: ${played().thief} holds 1\\.99\\d* ETH at block \\d+, less than the 10 ETH`,
        ),
      ),
    )
    expect(run.stdout).toMatch(
      new RegExp(`balance-short\\s+${played().thief.slice(0, 10)}…`),
    )
  })
})
