import { readFileSync } from 'node:fs'
import {
  formatTransaction,
  formatTransactionReceipt,
  type RpcTransaction,
  type RpcTransactionReceipt,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { resolveEvmChain } from './chains.js'
import { outcomeOfStatus, txOutcome } from './outcome.js'
import { fromRpcTx } from './rows.js'

const rpc = (name: string) =>
  JSON.parse(readFileSync(`fixtures/rpc/${name}`, 'utf8')).result

const block = rpc('block-0x1ac9f3.json') as {
  transactions: RpcTransaction[]
}
const txOf = (hash: string) => {
  const raw = block.transactions.find((t) => t.hash.startsWith(hash))
  if (!raw) throw new Error(`no tx ${hash} in the fixture`)
  return formatTransaction(raw)
}

describe('txOutcome', () => {
  const tx = { gas: 90_000n, input: '0x' as const }
  it.each([
    ['explicit success', 'success', 21_000n, undefined, 'executed'],
    ['explicit 0x0', 'reverted', 21_000n, undefined, 'failed'],
    ['no status, trace says failed', null, 90_000n, true, 'failed'],
    ['no status, trace says executed', null, 90_000n, false, 'executed'],
    ['no status, gas left over', null, 50_000n, undefined, 'executed'],
    ['no status, all gas used, no trace', null, 90_000n, undefined, 'unknown'],
  ] as const)('%s → %s', (_, status, gasUsed, topCallFailed, expected) => {
    expect(txOutcome({ status, gasUsed }, tx, topCallFailed)).toBe(expected)
  })

  it('a plain payment that used exactly its 21,000 gas executed', () => {
    expect(
      txOutcome(
        { status: null, gasUsed: 21_000n },
        { gas: 21_000n, input: '0x' },
      ),
    ).toBe('executed')
  })

  it.each([
    ['0', 'executed'],
    ['1', 'failed'],
    ['', 'unknown'],
  ] as const)('explorer isError "%s" → %s', (isError, expected) => {
    expect(outcomeOfStatus(isError)).toBe(expected)
  })
})

describe('a real pre-Byzantium receipt (block 1,755,635, no status field)', () => {
  const chain = resolveEvmChain('ethereum')
  const receipt = formatTransactionReceipt(
    rpc('receipt-0x9a5437ec.json') as RpcTransactionReceipt,
  )
  const tx = txOf('0x9a5437ec')

  it('viem gives no status, which is not a failure', () => {
    expect(receipt.status).toBeNull()
    expect(txOutcome(receipt, tx)).toBe('executed')
  })

  it('the payment keeps its 0.405738107 ETH', () => {
    const [native] = fromRpcTx({
      chain,
      tx,
      receipt,
      block: { height: 1_755_635, time: 0x576b99fa },
      internal: [],
      tokens: new Map(),
      outcome: txOutcome(receipt, tx),
    })
    expect(native?.value).toBe(405_738_107_000_000_000n)
    expect(native?.fee).toBe(21_000n * receipt.effectiveGasPrice)
  })

  it('a failed outcome moves nothing, internal transfers included', () => {
    const transfers = fromRpcTx({
      chain,
      tx,
      receipt,
      block: { height: 1_755_635, time: 0 },
      internal: [
        { from: '0xaa', to: '0xbb', value: 5n, position: 1, type: 'CALL' },
      ],
      tokens: new Map(),
      outcome: 'failed',
    })
    expect(transfers.map((t) => [t.kind, t.value])).toEqual([['native', 0n]])
  })
})
