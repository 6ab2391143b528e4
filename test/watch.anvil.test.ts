/**
 * `fundtrace watch` on a real EVM node (Foundry's anvil): a thief's 10 ETH
 * rest; later blocks move 4 of them to a fresh address that sweeps them into
 * a wallet labelled Kraken, the deposit-sweep rule's case. One watch round
 * finds it, alerts once with the freeze request and writes revision 1; the
 * next round, with no new block, asks only about the frontier. The watch is
 * given only the node: the label file comes from the bundle.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
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
import { type AnvilNode, anvilMissing, startAnvil } from './support/anvil.js'
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js'
import { readReport, runCli } from './support/run-cli.js'

const VICTIM = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' // anvil account #0
const NO_CONFIG = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }
const SLOW = 120_000

let node: AnvilNode | undefined
let proxy: FaultProxy | undefined
let tmp: string
/** The JSON-RPC methods the proxy saw, in order. */
const methods: string[] = []

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fundtrace-watch-anvil-'))
  if (anvilMissing()) return
  node = await startAnvil()
  proxy = await startFaultProxy({
    target: node.url,
    rewrite: (request, upstream) => {
      const calls = [JSON.parse(request ?? '{}')].flat() as { method: string }[]
      methods.push(...calls.map((c) => c.method))
      return upstream
    },
  })
}, 60_000)

afterAll(async () => {
  await proxy?.close()
  await node?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')
const manifestFiles = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[]
    }
  ).files

function chainOf(url: string) {
  const transport = http(url)
  const pub = createPublicClient({ chain: foundry, transport }) as PublicClient
  const fresh = () => privateKeyToAccount(generatePrivateKey())
  const send = async (
    from: `0x${string}` | ReturnType<typeof fresh>,
    to: `0x${string}`,
    value: bigint,
  ) => {
    const hash: Hash = await createWalletClient({
      chain: foundry,
      transport,
      account: from,
    }).sendTransaction({ to, value })
    const receipt = await pub.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`tx ${hash} failed`)
    return receipt
  }
  return { pub, fresh, send }
}

describe.skipIf(anvilMissing())('watch on a real anvil node', () => {
  test(
    'funds at rest move to a Kraken deposit: one alert with the freeze request, then no movement',
    async () => {
      const { fresh, send, pub } = chainOf(node!.url)
      const [thief, deposit, hot] = [fresh(), fresh(), fresh()]
      const labels = join(tmp, 'labels.csv')
      writeFileSync(
        labels,
        `chain,address,entity,category,source\nhardhat,${hot.address},Kraken,exchange,test hot wallet\n`,
      )
      const theft = await send(VICTIM, thief.address, parseEther('10'))
      const out = join(tmp, 'case')
      const cache = join(tmp, 'cache')
      const traced = await runCli(
        [
          'trace',
          '--chain',
          'anvil',
          '--tx',
          theft.transactionHash,
          '--victim',
          VICTIM,
          '--rpc-url',
          proxy!.url,
          '--no-explorer',
          '--labels',
          labels,
          '--no-bundled-labels',
          '--cache-dir',
          cache,
          '--out',
          out,
          '--no-progress',
        ],
        { env: NO_CONFIG },
      )
      expect(traced.stderr).toBe('')
      expect(traced.code).toBe(0)
      // The bundle carries the label file, hashed in its manifest.
      expect(manifestFiles(out)).toContainEqual({
        path: 'labels/1-labels.csv',
        sha256: sha256(readFileSync(labels)),
        size: readFileSync(labels).byteLength,
      })
      expect(readReport(out).atRest.map((r) => [r.address, r.amount])).toEqual([
        [thief.address.toLowerCase(), '10'],
      ])

      // The thief moves 4 ETH on; the deposit sweeps them (less gas) to Kraken.
      await send(thief, deposit.address, parseEther('4'))
      const left = await pub.getBalance({ address: deposit.address })
      await send(deposit, hot.address, left - parseEther('0.001'))

      const watchOnce = () =>
        runCli(
          [
            'watch',
            out,
            '--once',
            '--rpc-url',
            proxy!.url,
            '--no-explorer',
            '--cache-dir',
            cache,
          ],
          { env: NO_CONFIG },
        )
      const moved = await watchOnce()
      expect(moved.stderr).toBe('')
      expect(moved.code).toBe(0)
      const alerts = moved.stdout
        .split('\n')
        .filter((l) => l.startsWith('ALERT'))
      const depositAddress = deposit.address.toLowerCase()
      expect(alerts).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ALERT DEPOSIT at Kraken: ${depositAddress} received 4 ETH; freeze request: revisions/1/freeze-requests/kraken\\.txt \\[[0-9a-f]{32}\\]$`,
          ),
        ),
      ])
      expect(
        existsSync(join(out, 'revisions/1/freeze-requests/kraken.txt')),
      ).toBe(true)
      const revision = readReport(join(out, 'revisions/1'))
      expect(
        revision.hits.map((h) => [h.entity, h.address, h.amount, h.asset]),
      ).toEqual([['Kraken', depositAddress, '4', 'ETH']])
      expect(readReport(out).hits).toEqual(revision.hits)
      // Attributed by the bundle's own label file, which the revision carries on.
      expect(revision.hits[0]?.basis).toContainEqual(
        expect.objectContaining({ kind: 'label', source: 'test hot wallet' }),
      )
      expect(manifestFiles(join(out, 'revisions/1'))).toContainEqual(
        expect.objectContaining({
          path: 'labels/1-labels.csv',
          sha256: sha256(readFileSync(labels)),
        }),
      )
      expect((await runCli(['verify', out])).code).toBe(0)

      // No new block: one frontier check, nothing else.
      methods.length = 0
      const quiet = await watchOnce()
      expect(quiet.stderr).toBe('')
      expect(quiet.code).toBe(0)
      expect(quiet.stdout).toMatch(/^round 2: no movement \(1 at-rest/)
      expect(quiet.stdout).not.toContain('ALERT')
      // The tip is still the block the revision was traced at: nothing to read.
      expect(quiet.stdout).toContain(
        '(1 at-rest or open endpoints, 1 requests)',
      )
      expect(methods).toEqual(['eth_blockNumber'])

      // A new block that does not touch the thief: the history since the
      // as-of block is read (logs and trace_filter, each side once), nothing more.
      await send(VICTIM, fresh().address, parseEther('1'))
      methods.length = 0
      const unrelated = await watchOnce()
      expect(unrelated.code).toBe(0)
      expect(unrelated.stdout).toMatch(/^round 3: no movement \(1 at-rest/)
      expect([...methods].sort()).toEqual([
        'eth_blockNumber',
        'eth_getLogs',
        'eth_getLogs',
        'trace_filter',
        'trace_filter',
      ])
    },
    SLOW,
  )
})
