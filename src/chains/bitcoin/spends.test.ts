/**
 * Spenders through address histories and batched outspends: the same trace
 * as one outspends request per tx, in fewer requests.
 */
import { readdirSync } from 'node:fs'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { buildPeelChain } from '../../../bench/peel.js'
import {
  type EsploraFixtures,
  type FixtureTx,
  loadEsploraFixtures,
  padHistory,
} from '../../../test/support/esplora-fixtures.js'
import { esploraHandlers } from '../../../test/support/esplora-server.js'
import { createSimpleHttp } from '../../../test/support/simple-http.js'
import type { UtxoChainAdapter } from '../../core/types.js'
import { parseLabelsCsv } from '../../labels/csv.js'
import { createLabelIndex } from '../../labels/memory.js'
import { trace } from '../../trace/engine.js'
import { OUTSPENDS_BATCH } from '../../trace/spends.js'
import type { PolicyName } from '../../trace/types.js'
import { createBitcoinAdapter } from './adapter.js'
import { createEsploraSource } from './esplora.js'

type Case = {
  fixtures: EsploraFixtures
  seed: string
  victims: string[]
  /** Address histories too long for one answer: each a request that tells nothing. */
  longHistories?: number
}

const root = new URL('../../../fixtures/esplora/', import.meta.url).pathname
const HOPS = 40

/** The peel chain's txs in chain order (seed first) and the change output each pays. */
function chainOf(peel: ReturnType<typeof buildPeelChain>): FixtureTx[] {
  const chain = [peel.fixtures.txs.get(peel.seedTxid)!]
  for (;;) {
    const last = chain.at(-1)!
    const spends = peel.fixtures.outspends.get(last.txid) as {
      spent: boolean
      txid?: string
    }[]
    const next = spends[1]?.spent ? spends[1].txid : undefined
    if (!next) return chain
    chain.push(peel.fixtures.txs.get(next)!)
  }
}

const peelCase = (edit?: (peel: ReturnType<typeof buildPeelChain>) => void) => {
  const peel = buildPeelChain(HOPS)
  edit?.(peel)
  const fixtures = { ...peel.fixtures, labelsCsv: peel.labelsCsv }
  return { fixtures, seed: peel.seedTxid, victims: [] }
}

/** Hop 10's change address also received 30 older payments: its history is not one answer. */
function reuseChange(peel: ReturnType<typeof buildPeelChain>): void {
  const change = chainOf(peel)[10]!.vout[1]!.scriptpubkey_address!
  padHistory(peel.fixtures, change)
}

/** The last hop is still in the mempool: its funder's change history lists it unconfirmed. */
function lastInMempool(peel: ReturnType<typeof buildPeelChain>): void {
  const last = chainOf(peel).at(-1)!
  // Shared with the funder's outspends entry, as the server would answer both.
  for (const key of Object.keys(last.status)) delete last.status[key]
  last.status.confirmed = false
}

const CASES: Record<string, Case> = {
  ...Object.fromEntries(
    readdirSync(root)
      .sort()
      .map((name) => {
        const fixtures = loadEsploraFixtures(`${root}${name}`)
        const c = fixtures.case as { seedTxid: string; victims: string[] }
        return [name, { fixtures, seed: c.seedTxid, victims: c.victims }]
      }),
  ),
  'peel-40': peelCase(),
  'peel-40-reused-change': { ...peelCase(reuseChange), longHistories: 1 },
  'peel-40-last-in-mempool': peelCase(lastInMempool),
}
const NAMES = Object.keys(CASES)

const baseOf = (name: string, batch: boolean) =>
  `https://${name}.${batch ? 'mempool' : 'electrs'}.test/api`
const server = setupServer(
  ...NAMES.flatMap((name) =>
    [true, false].flatMap((batch) =>
      esploraHandlers(CASES[name]!.fixtures, baseOf(name, batch), { batch }),
    ),
  ),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** The adapter, or (plain) the same without histories and batches: one outspends per tx. */
function source(name: string, batch: boolean, plain = false) {
  const http = createSimpleHttp()
  const full = createBitcoinAdapter({
    esplora: createEsploraSource({ baseUrl: baseOf(name, batch), http }),
  })
  const { getAddressHistory: _h, getOutspendsBatch: _b, ...old } = full
  const adapter: UtxoChainAdapter = plain ? old : full
  return { adapter, http }
}

async function run(
  name: string,
  policy: PolicyName,
  batch = true,
  plain = false,
) {
  const c = CASES[name]!
  const { adapter, http } = source(name, batch, plain)
  const csv = c.fixtures.labelsCsv || 'chain,address,entity,category\n'
  const result = await trace({
    adapter,
    labels: createLabelIndex(parseLabelsCsv(csv, { file: 'labels.csv' })),
    seeds: [{ kind: 'tx', txid: c.seed }],
    victims: c.victims,
    policy,
    maxHops: HOPS + 5,
  })
  const base = baseOf(name, batch)
  const paths = http.requests().map((url) => url.slice(base.length))
  return { result, paths }
}

/** Requests by kind: /tx/:id, /tx/:id/outspends, /address/:a/txs, /txs/outspends. */
function kinds(paths: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const path of paths) {
    const kind = path
      .replace(/\?.*/, '')
      .replace(/[0-9a-f]{64}/g, ':id')
      .replace(/\/address\/[^/]+/, '/address/:a')
    out[kind] = (out[kind] ?? 0) + 1
  }
  return out
}

describe.each(NAMES)('%s', (name) => {
  describe.each(['haircut', 'poison', 'fifo'] as const)('%s', (policy) => {
    test.each([
      ['a mempool-compatible server', true],
      ['plain Esplora (no batch endpoint)', false],
    ])(
      'behind %s: the same trace as one outspends request per tx, no URL twice',
      async (_, batch) => {
        const old = await run(name, policy, batch, true)
        const now = await run(name, policy, batch)
        expect(now.result).toEqual(old.result)
        expect(new Set(now.paths).size).toBe(now.paths.length)
        // Never more than before but for one probe of the batch endpoint and
        // the histories that were too long to tell.
        const extra = 1 + (CASES[name]!.longHistories ?? 0)
        expect(now.paths.length).toBeLessThanOrEqual(old.paths.length + extra)
      },
    )
  })
})

describe('requests per hop on a peel chain of 40 hops (1 sweep into the exchange)', () => {
  const sweeps = Math.floor(HOPS / 25)
  test('mempool-compatible: one history per hop, a batch per 25 txs, no tx fetched but the seed and the sweeps', async () => {
    const { paths, result } = await run('peel-40', 'haircut')
    expect(kinds(paths)).toEqual({
      '/blocks/tip/height': 1,
      '/tx/:id': 1 + sweeps,
      '/address/:a/txs': HOPS,
      '/txs/outspends': Math.ceil(HOPS / OUTSPENDS_BATCH),
    })
    expect(result.hits.length).toBe(sweeps)
    const batches = paths.filter((p) => p.startsWith('/txs/outspends'))
    expect(batches.map((p) => p.split(',').length)).toEqual([25, 15])
  })

  test('plain Esplora: the batch endpoint is probed once, then one outspends per hop', async () => {
    const { paths } = await run('peel-40', 'haircut', false)
    const k = kinds(paths)
    expect(k['/txs/outspends']).toBe(1)
    expect(k['/tx/:id/outspends']).toBe(HOPS)
    // Each hop: its outspends, and the next tx by its JSON or in a history.
    expect(paths.length).toBeLessThanOrEqual(2 * HOPS + sweeps + 2)
  })
})

describe('what a history tells', () => {
  const chain = chainOf(buildPeelChain(HOPS))
  const at = (name: string) => run(name, 'haircut')

  test('an unspent change: at rest, from the history alone', async () => {
    const { result, paths } = await at('peel-40')
    const last = chain.at(-1)!
    const change = last.vout[1]!.scriptpubkey_address
    expect(paths).toContain(`/address/${change}/txs`)
    expect(paths).not.toContain(`/tx/${last.txid}/outspends`)
    const rest = result.endpoints.find(
      (e) => e.txid === last.txid && e.vout === 1,
    )
    expect(rest?.reason).toBe('unspent')
  })

  test('a reused address (a history longer than one answer): its spender is found by outspends', async () => {
    const { paths } = await at('peel-40-reused-change')
    const reused = chain[10]!
    const spender = chain[11]!
    expect(paths).toContain(
      `/address/${reused.vout[1]!.scriptpubkey_address}/txs`,
    )
    // Named by the batch, so fetched by its own JSON: the history could not carry it.
    expect(paths).toContain(`/tx/${spender.txid}`)
    expect(paths.filter((p) => p.startsWith(`/tx/${chain[12]!.txid}`))).toEqual(
      [],
    )
  })

  test('a spender in the mempool: followed from the history, unconfirmed', async () => {
    const { result, paths } = await at('peel-40-last-in-mempool')
    const last = chain.at(-1)!
    expect(paths).not.toContain(`/tx/${last.txid}`)
    const rest = result.endpoints.find(
      (e) => e.txid === last.txid && e.vout === 1,
    )
    expect(rest).toMatchObject({ reason: 'unspent', block: null })
  })
})
