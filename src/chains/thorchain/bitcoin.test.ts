import { script } from 'bitcoinjs-lib'
import { describe, expect, test } from 'vitest'
import type { UtxoTx } from '../../core/types.js'
import { bitcoinInbound, bitcoinOutbound, opReturnText } from './bitcoin.js'

const opReturn = (text: string) =>
  Buffer.from(
    script.compile([script.OPS.OP_RETURN, Buffer.from(text, 'utf8')]),
  ).toString('hex')

const SHORT =
  '=:e:0x742636d8FBD2C1dD721Db619b49eaD254385D77d:256699:-_/kns:20/0'
// A real memo cut to 80 bytes, the most Bitcoin relays: pushed with OP_PUSHDATA1.
const LONG =
  '=:ETH.USDT-0XDAC17F958D2EE523A2206206994597C13D831EC7:0x44f87741f17b0fd8079c258f'

describe('OP_RETURN memos', () => {
  test.each([
    ['a direct push', SHORT, /^6a41/],
    ['OP_PUSHDATA1 (over 75 bytes)', LONG, /^6a4c50/],
  ])('%s reads back verbatim', (_, memo, prefix) => {
    const hex = opReturn(memo)
    expect(hex).toMatch(prefix)
    expect(opReturnText(hex)).toBe(memo)
  })

  test.each([
    ['a payment script', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
    ['a truncated push', '6a0a6869'],
  ])('%s is no memo', (_, hex) => {
    expect(opReturnText(hex)).toBeNull()
  })
})

const out = (
  index: number,
  address: string | null,
  value: bigint,
  script: string,
) => ({
  index,
  address,
  value,
  scriptType: address ? 'v0_p2wpkh' : 'op_return',
  script,
})
const HASH = 'a79cbb192c8cde6c6253f74d00a7b2748d7a54d326d3cbfc32e94bbbe06f6a08'

function tx(outputs: UtxoTx['outputs']): UtxoTx {
  return {
    txid: 'f'.repeat(64),
    inputs: [
      {
        txid: 'e'.repeat(64),
        vout: 0,
        address: 'bc1qsender',
        value: 10_000n,
        coinbase: false,
      },
    ],
    outputs,
    fee: 100n,
    block: { height: 1, time: 1 },
  }
}

describe('THORChain on Bitcoin', () => {
  test('the vault is the first output neither the memo nor back to the sender', () => {
    const inbound = bitcoinInbound(
      tx([
        out(0, 'bc1qsender', 1_000n, '00'),
        out(1, null, 0n, opReturn(SHORT)),
        out(2, 'bc1qvault', 8_900n, '00'),
      ]),
    )
    expect(inbound).toMatchObject({
      vout: 2,
      vault: 'bc1qvault',
      memo: {
        kind: 'swap',
        destination: '0x742636d8FBD2C1dD721Db619b49eaD254385D77d',
      },
    })
  })

  test('a payout counts only when its memo names the inbound and it pays the destination', () => {
    const payout = tx([
      out(0, 'bc1qdest', 5_000n, '00'),
      out(1, null, 0n, opReturn(`OUT:${HASH.toUpperCase()}`)),
    ])
    expect(bitcoinOutbound(payout, HASH, 'bc1qdest')).toEqual({
      kind: 'out',
      memo: `OUT:${HASH.toUpperCase()}`,
      vout: 0,
      value: 5_000n,
    })
    expect(bitcoinOutbound(payout, 'b'.repeat(64), 'bc1qdest')).toBeNull()
    expect(bitcoinOutbound(payout, HASH, 'bc1qother')).toBeNull()
  })
})
