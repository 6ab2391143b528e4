import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { decodeRawCall, rawTxid } from './raw.js'
import type { TronTx, TronTxInfo } from './trongrid.schema.js'
import { txByIdSchema, txInfoSchema } from './trongrid.schema.js'
import {
  type ListedOutcome,
  TronIntegrityError,
  verifyTronTx,
} from './verify.js'

type Fixture = {
  tx: unknown
  info: unknown
  listed?: { contractRet: string; fee: number }
}
const FIXTURES = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/tron/txs.json', import.meta.url),
    'utf8',
  ),
) as Record<string, Fixture>

const load = (txid: string) => {
  const f = FIXTURES[txid]
  if (!f) throw new Error(`no fixture ${txid}`)
  const listed: ListedOutcome | undefined = f.listed && {
    contractRet: f.listed.contractRet,
    fee: BigInt(f.listed.fee),
  }
  return {
    tx: txByIdSchema.parse(f.tx),
    info: txInfoSchema.parse(f.info),
    listed,
  }
}

const TRX_100 =
  'b0b68ea41e7b46f06196ea0ff47837afe821f985eb966a4915eb3809ac893461'

describe('raw bytes', () => {
  test.each([
    [
      TRX_100,
      1,
      '4105cc125604448afeb6867eb688efb7e80411d57a',
      '41f03c5fb459d4f746ff01692b940c5a8a01480db1',
      100_000_000n,
    ],
    [
      '47086db397eac45d2fe7dacedcb6f77267d6895dce645210e495e64f8a2a7910',
      1,
      '419b3281a60ab7a44f351ef2896c653f134972ad22',
      '4105cc125604448afeb6867eb688efb7e80411d57a',
      5n,
    ],
    [
      'c70b20da8cb8d96a99c1aceb283412acb9dea313a9e467178431a3c6ae8b9f08',
      31,
      '41495511a493d8c362be4267224e6d81013a6862ee',
      '41eca9bc828a3005b9a3b909f2cc5c2a54794de05f',
      0n,
    ],
  ])('%s hashes to its id and decodes', (txid, type, owner, to, amount) => {
    const raw = Buffer.from(load(txid).tx.raw_data_hex ?? '', 'hex')
    expect(rawTxid(raw)).toBe(txid)
    expect(decodeRawCall(raw)).toEqual({
      contracts: 1,
      type,
      owner,
      to,
      amount,
    })
  })

  test.each([
    ['a truncated field', '0a05ab'],
    ['a truncated varint', '08ff'],
    ['an unknown wire type', '0f'],
  ])('rejects %s', (_, hex) => {
    expect(() => decodeRawCall(Buffer.from(hex, 'hex'))).toThrow()
  })
})

type Mutation = (f: {
  tx: TronTx
  info: TronTxInfo
  listed: ListedOutcome | undefined
}) => void

const value = (tx: TronTx) => {
  const v = tx.raw_data.contract[0]?.parameter.value
  if (!v) throw new Error('no contract')
  return v
}

describe('verifyTronTx', () => {
  test.each(Object.keys(FIXTURES))('%s: the genuine answers agree', (txid) => {
    const { tx, info, listed } = load(txid)
    expect(() => verifyTronTx(txid, tx, info, listed)).not.toThrow()
  })

  const tampered: [string, Mutation, RegExp][] = [
    ['no raw bytes', ({ tx }) => delete tx.raw_data_hex, /no raw_data_hex/],
    [
      'raw bytes of another tx',
      ({ tx }) => {
        tx.raw_data_hex = `${tx.raw_data_hex?.slice(0, -1)}0`
      },
      /raw bytes hash to [0-9a-f]{64}, not to the tx id/,
    ],
    [
      'another txID',
      ({ tx }) => {
        tx.txID = 'ab'.repeat(32)
      },
      /raw bytes hash to/,
    ],
    [
      'a JSON amount the bytes do not hold',
      ({ tx }) => {
        value(tx).amount = 200_000_000
      },
      /amount: json 200000000, raw 100000000/,
    ],
    [
      'a JSON recipient the bytes do not hold',
      ({ tx }) => {
        value(tx).to_address = '419b3281a60ab7a44f351ef2896c653f134972ad22'
      },
      /the recipient differs/,
    ],
    [
      'a JSON sender the bytes do not hold',
      ({ tx }) => {
        value(tx).owner_address = '419b3281a60ab7a44f351ef2896c653f134972ad22'
      },
      /the sender differs/,
    ],
    [
      'a JSON contract type the bytes do not hold',
      ({ tx }) => {
        const c = tx.raw_data.contract[0]
        if (c) c.type = 'TriggerSmartContract'
      },
      /contract type: json TriggerSmartContract, raw 1/,
    ],
    [
      'an info for another tx',
      ({ info }) => {
        info.id = 'cd'.repeat(32)
      },
      /its info answers for another tx/,
    ],
    [
      'a failed info for a successful tx',
      ({ info }) => {
        info.result = 'FAILED'
      },
      /result: the tx says SUCCESS, its info FAILED/,
    ],
    [
      'a list row that says the tx failed',
      ({ listed }) => {
        if (listed) listed.contractRet = 'REVERT'
      },
      /result: the REST list says REVERT, its info SUCCESS/,
    ],
    [
      'a list row with another fee',
      ({ listed }) => {
        if (listed) listed.fee = 0n
      },
      /fee: the REST list says 0, its info 1100000/,
    ],
  ]
  test.each(tampered)('distrusts %s', (_, mutate, reason) => {
    const answers = load(TRX_100)
    mutate(answers)
    const check = () =>
      verifyTronTx(TRX_100, answers.tx, answers.info, answers.listed)
    expect(check).toThrow(TronIntegrityError)
    expect(check).toThrow(reason)
  })
})
