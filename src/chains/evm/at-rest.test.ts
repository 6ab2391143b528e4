import { describe, expect, test } from 'vitest'
import {
  createFakeAccountAdapter,
  ETH,
  USDT,
} from '../../../test/support/fake-account-adapter.js'
import type { AccountTransfer, Asset } from '../../core/types.js'
import { createLabelIndex } from '../../labels/memory.js'
import { walkAccount } from '../../trace/account/walk.js'
import { reconcile } from '../../trace/reconcile.js'
import { type BalanceOf, verifyAtRest } from './at-rest.js'

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, REST_A, REST_B] = [1, 2, 3, 4].map(addr) as [
  string,
  string,
  string,
  string,
]
const t = (
  n: number,
  asset: Asset,
  from: string,
  to: string,
  value: bigint,
): AccountTransfer => ({
  chain: 'ethereum',
  asset,
  kind: asset.contract ? 'erc20' : 'native',
  ...(asset.contract ? { token: asset.contract } : {}),
  txHash: hash(n),
  block: { height: 10 + n, time: (10 + n) * 12 },
  txIndex: 0,
  logIndex: asset.contract ? 0 : -1,
  from,
  to,
  value,
  fee: 0n,
})

/** 10 ETH and 500 USDT stolen; 6 ETH and 500 USDT rest at A, 4 ETH at B. */
const THEFT = [
  t(1, ETH, VICTIM, THIEF, 10n),
  t(2, USDT, VICTIM, THIEF, 500n),
  t(3, ETH, THIEF, REST_A, 6n),
  t(4, ETH, THIEF, REST_B, 4n),
  t(5, USDT, THIEF, REST_A, 500n),
]

async function walked() {
  return walkAccount({
    adapter: createFakeAccountAdapter(THEFT),
    labels: createLabelIndex([]),
    seeds: [{ txHash: hash(1) }, { txHash: hash(2) }],
    victims: [VICTIM],
    policy: 'haircut',
  })
}

/** Balances by `address|contract`; a missing key throws as a failed read. */
function balances(table: Record<string, bigint>) {
  const asked: string[] = []
  const read: BalanceOf = async (holder, asset) => {
    const key = `${holder}|${asset.contract ?? 'ETH'}`
    asked.push(key)
    const found = table[key]
    if (found === undefined) throw new Error('HTTP 503')
    return found
  }
  return { read, asked }
}

const A_ETH = `${REST_A}|ETH`
const B_ETH = `${REST_B}|ETH`
const A_USDT = `${REST_A}|${USDT.contract}`

describe('verifyAtRest: at rest only when the balance covers it', () => {
  test.each([
    [
      'every balance covers its amount',
      { [A_ETH]: 6n, [B_ETH]: 40n, [A_USDT]: 500n },
      'complete',
      [],
    ],
    [
      'B holds less ETH than reported',
      { [A_ETH]: 6n, [B_ETH]: 1n, [A_USDT]: 500n },
      'incomplete',
      [[REST_B, 'ETH', 'balance-short']],
    ],
    [
      "A's USDT is gone, its ETH is not",
      { [A_ETH]: 6n, [B_ETH]: 4n, [A_USDT]: 0n },
      'incomplete',
      [[REST_A, 'USDT', 'balance-short']],
    ],
    [
      "B's balance cannot be read",
      { [A_ETH]: 6n, [A_USDT]: 500n },
      'incomplete',
      [[REST_B, 'ETH', 'fetch-failed']],
    ],
  ] as const)('%s', async (_name, table, status, cut) => {
    const traced = await walked()
    expect(traced.status).toBe('complete')
    const { read, asked } = balances(table)
    const { result } = await verifyAtRest(traced, {
      balanceOf: read,
      asOf: 'block 99',
    })
    expect(result.status).toBe(status)
    expect(
      result.endpoints
        .filter((e) => e.reason !== 'unspent')
        .map((e) => [e.address, e.asset.symbol, e.reason]),
    ).toEqual(cut)
    // One request per address and asset.
    expect([...asked].sort()).toEqual([A_ETH, A_USDT, B_ETH].sort())
    // The books still balance: a cut amount moves from at rest to unexplored.
    expect(reconcile(result).every((r) => r.balanced)).toBe(true)
  })

  test('a shortfall names the address, asset, reported and found amounts', async () => {
    const { read } = balances({ [A_ETH]: 6n, [B_ETH]: 0n, [A_USDT]: 500n })
    const { result, limitations } = await verifyAtRest(await walked(), {
      balanceOf: read,
      asOf: 'block 99',
    })
    expect(limitations).toEqual([
      `discrepancy: ${REST_B} holds 0 ETH at block 99, less than the 0.000000000000000004 ETH the trace found at rest there; the difference is not accounted for`,
    ])
    const cut = result.endpoints.find((e) => e.reason === 'balance-short')
    expect(cut?.detail).toContain('the balance at block 99 is 0 ETH')
  })

  test('no source for balances: nothing is verified, status incomplete', async () => {
    const { result } = await verifyAtRest(await walked(), {
      balanceOf: null,
      asOf: 'the tip',
    })
    expect(result.status).toBe('incomplete')
    expect(result.endpoints.map((e) => e.reason)).toEqual([
      'fetch-failed',
      'fetch-failed',
      'fetch-failed',
    ])
    expect(result.endpoints[0]?.detail).toContain('at rest but not verified')
  })
})
