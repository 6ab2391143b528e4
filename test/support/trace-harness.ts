/** Shared harness for engine tests: runs a trace and checks the invariants every trace must keep. */
import { expect } from 'vitest'
import type { Seed } from '../../src/core/seeds.js'
import { reconcileBase } from '../../src/report/reconcile.js'
import { trace } from '../../src/trace/engine.js'
import type {
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
  expect(reconcileBase(result).balanced).toBe(true)
  return { result, adapter }
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
