/** Shared harness for engine tests: runs a trace and checks the invariants every trace must keep. */
import { expect } from 'vitest'
import type { Seed } from '../../src/core/seeds.js'
import { trace } from '../../src/trace/engine.js'
import { reconcile } from '../../src/trace/reconcile.js'
import type {
  AssetAmount,
  Endpoint,
  PolicyName,
  TraceOptions,
} from '../../src/trace/types.js'
import {
  createFakeAdapter,
  createFakeLabels,
  type FakeAdapterOptions,
  type FakeTx,
} from './fake-utxo-adapter.js'

export type RunOptions = Partial<Omit<TraceOptions, 'adapter' | 'labels'>> & {
  labels?: readonly (readonly [string, string, string])[]
  fake?: FakeAdapterOptions
}

export async function run(fakes: readonly FakeTx[], options: RunOptions = {}) {
  const { labels = [], fake, ...rest } = options
  const adapter = createFakeAdapter(fakes, fake)
  const result = await trace({
    seeds: [{ kind: 'tx', txid: 'S' }] satisfies Seed[],
    victims: [],
    policy: 'haircut' satisfies PolicyName,
    ...rest,
    adapter,
    labels: createFakeLabels(labels),
  })
  expectNoRepeats(adapter.calls.getTx)
  expectNoRepeats(adapter.calls.getOutspends)
  for (const r of reconcile(result)) expect(r.balanced).toBe(true)
  return { result, adapter }
}

/** Σ of a single-asset amount list (a UTXO trace moves one asset). */
export function total(amounts: readonly AssetAmount[]): bigint {
  return amounts.reduce((sum, a) => sum + a.amount, 0n)
}

/** The reconciliation of a single-asset (UTXO) trace. */
export function reconcileOne(
  result: Parameters<typeof reconcile>[0],
): ReturnType<typeof reconcile>[number] {
  const [only] = reconcile(result)
  if (!only) throw new Error('no reconciliation')
  return only
}

function expectNoRepeats(txids: readonly string[]) {
  expect(txids.length).toBe(new Set(txids).size)
}

/** Endpoints as short rows: [reason, txid:vout, address, taint]. */
export function rows(endpoints: readonly Endpoint[]) {
  return endpoints
    .map((e) => [e.reason, `${e.txid}:${e.vout}`, e.address, e.taint] as const)
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
}
