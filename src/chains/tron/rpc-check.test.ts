import { describe, expect, test } from 'vitest'
import type { AccountTransfer } from '../../core/types.js'
import type { ReceiptTransfer, TronRpc } from './jsonrpc.js'
import { confirmByRpc } from './rpc-check.js'
import { TRX } from './transfers.js'
import { TronIntegrityError } from './verify.js'

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'
const A = 'TV6MuMXfmLbBqPZvBHdwFsDnQeVfnmiuSi'
const B = 'TXFBqBbqJommqZf7BV8NNYzePh97UmJodJ'
const TXID = 'ab'.repeat(32)

const base = {
  chain: 'tron',
  txHash: TXID,
  block: { height: 1, time: 1 },
  txIndex: 0,
}
const token = (value: bigint, logIndex = 0): AccountTransfer => ({
  ...base,
  asset: { chain: 'tron', symbol: 'USDT', decimals: 6, contract: USDT },
  kind: 'erc20',
  logIndex,
  from: A,
  to: B,
  value,
})
const trx: AccountTransfer = {
  ...base,
  asset: TRX,
  kind: 'native',
  logIndex: -1,
  from: A,
  to: USDT,
  value: 0n,
}
const log = (value: bigint): ReceiptTransfer => ({
  contract: USDT,
  from: A,
  to: B,
  value,
})
const node = (receipt: Awaited<ReturnType<TronRpc['receipt']>>): TronRpc => ({
  shownUrl: 'https://node.test/…',
  receipt: async () => receipt,
  checkChain: async () => {},
})

describe('confirmByRpc', () => {
  test.each([
    ['one transfer each', [trx, token(5n)], { ok: true, transfers: [log(5n)] }],
    [
      'two equal transfers, matched once each',
      [token(5n, 0), token(5n, 1)],
      { ok: true, transfers: [log(5n), log(5n)] },
    ],
    ['a failed tx with no logs', [trx], { ok: false, transfers: [] }],
  ] as const)('agrees: %s', async (_, transfers, receipt) => {
    const ok = receipt.ok
    await expect(
      confirmByRpc(
        node({ ...receipt, transfers: [...receipt.transfers] }),
        TXID,
        ok,
        transfers,
      ),
    ).resolves.toBeUndefined()
  })

  test.each([
    ['an unknown tx', undefined, true, /does not know it/],
    [
      'another amount',
      { ok: true, transfers: [log(6n)] },
      true,
      /FullNode API's transfer .* 5 is not in the JSON-RPC receipt/,
    ],
    [
      'a transfer the FullNode missed',
      { ok: true, transfers: [log(5n), log(7n)] },
      true,
      /the JSON-RPC receipt's transfer .* 7 is not in the FullNode/,
    ],
    [
      'another result',
      { ok: false, transfers: [log(5n)] },
      true,
      /result: the FullNode API says SUCCESS, the JSON-RPC receipt failed/,
    ],
  ] as const)('distrusts %s', async (_, receipt, ok, reason) => {
    const rpc = node(
      receipt && { ...receipt, transfers: [...receipt.transfers] },
    )
    const check = confirmByRpc(rpc, TXID, ok, [token(5n)])
    await expect(check).rejects.toThrow(TronIntegrityError)
    await expect(confirmByRpc(rpc, TXID, ok, [token(5n)])).rejects.toThrow(
      reason,
    )
  })
})
