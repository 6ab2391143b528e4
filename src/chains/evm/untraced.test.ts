import { describe, expect, test } from 'vitest'
import {
  createFakeAccountAdapter,
  ETH,
} from '../../../test/support/fake-account-adapter.js'
import type { AccountTransfer } from '../../core/types.js'
import { createLabelIndex } from '../../labels/memory.js'
import { walkAccount } from '../../trace/account/walk.js'
import { reconcile } from '../../trace/reconcile.js'
import { markUntraced } from './untraced.js'

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const [VICTIM, THIEF, ROUTER, REST] = [1, 2, 3, 4].map(addr) as [
  string,
  string,
  string,
  string,
]
const t = (n: number, from: string, to: string, value: bigint) =>
  ({
    chain: 'ethereum',
    asset: ETH,
    kind: 'native',
    txHash: hash(n),
    block: { height: 10 + n, time: (10 + n) * 12 },
    txIndex: 0,
    logIndex: -1,
    from,
    to,
    value,
    fee: 0n,
  }) as AccountTransfer

/** 10 ETH stolen; 4 sent into a router whose internal transfers are unknown, 6 at rest. */
async function walked() {
  return walkAccount({
    adapter: createFakeAccountAdapter([
      t(1, VICTIM, THIEF, 10n),
      t(2, THIEF, ROUTER, 4n),
      t(3, THIEF, REST, 6n),
    ]),
    labels: createLabelIndex([]),
    seeds: [{ txHash: hash(1) }],
    victims: [VICTIM],
    policy: 'haircut',
  })
}

describe('markUntraced: value an untraced tx passed on is a cut, not "still held"', () => {
  test.each([
    ['no untraced tx', [], [], 'complete'],
    [
      'the router call was untraced',
      [{ txHash: hash(2), to: ROUTER, why: 'empty trace' }],
      [[ROUTER, 'untraced']],
      'incomplete',
    ],
    // A tx into an address that holds nothing tainted changes nothing.
    [
      'an untraced tx elsewhere',
      [{ txHash: hash(9), to: addr(9), why: 'empty trace' }],
      [],
      'complete',
    ],
  ] as const)('%s', async (_name, untraced, cuts, status) => {
    const { result, limitations } = markUntraced(await walked(), untraced)
    expect(
      result.endpoints
        .filter((e) => e.reason !== 'unspent')
        .map((e) => [e.address, e.reason]),
    ).toEqual(cuts)
    expect(result.status).toBe(status)
    expect(limitations).toHaveLength(untraced.length)
    expect(reconcile(result).every((r) => r.balanced)).toBe(true)
  })

  test('the cut and the limitation name the tx and why', async () => {
    const { result, limitations } = markUntraced(await walked(), [
      { txHash: hash(2), to: ROUTER, why: 'the struct-log trace had no steps' },
    ])
    const cut = result.endpoints.find((e) => e.reason === 'untraced')
    expect(cut?.taint).toBe(4n)
    expect(cut?.detail).toContain(hash(2))
    expect(limitations[0]).toContain(
      `the struct-log trace had no steps: the internal transfers of ${hash(2)} are unknown`,
    )
  })
})
