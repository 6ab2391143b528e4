import { describe, expect, test } from 'vitest'
import type { UtxoInput, UtxoTx } from '../core/types.js'
import { parentMismatches } from './parents.js'

const PARENT = 'aa'.repeat(32)
const SCRIPT = `0014${'11'.repeat(20)}`
const parent: UtxoTx = {
  txid: PARENT,
  inputs: [],
  outputs: [
    {
      index: 0,
      address: 'bc1q…',
      value: 40_000n,
      scriptType: 'v0_p2wpkh',
      script: SCRIPT,
    },
  ],
  fee: 0n,
  block: null,
}
const input = (over: Partial<UtxoInput>): UtxoInput => ({
  txid: PARENT,
  vout: 0,
  address: 'bc1q…',
  value: 40_000n,
  coinbase: false,
  script: SCRIPT,
  ...over,
})
const child = (inputs: UtxoInput[]): UtxoTx => ({
  txid: 'bb'.repeat(32),
  inputs,
  outputs: [],
  fee: 0n,
  block: null,
})
const check = (inputs: UtxoInput[]) =>
  parentMismatches(
    child(inputs),
    (txid) => (txid === PARENT ? parent : undefined),
    (v) => `${v} sat`,
  )

describe('parentMismatches', () => {
  test.each<[string, UtxoInput[], string[]]>([
    ['agrees with its verified parent', [input({})], []],
    [
      'parent not fetched: nothing to compare',
      [input({ txid: 'cc'.repeat(32), value: 1n })],
      [],
    ],
    ['coinbase', [input({ coinbase: true, value: 0n })], []],
    ['no script claimed (hex-built input)', [input({ script: undefined })], []],
    [
      'value moved to another input',
      [
        input({ txid: 'cc'.repeat(32), value: 50_000n }),
        input({ value: 30_000n }),
      ],
      [`input 1 claims 30000 sat but ${PARENT}:0 holds 40000 sat`],
    ],
    [
      'another script',
      [input({ script: `0014${'22'.repeat(20)}` })],
      [`input 0 claims another script than ${PARENT}:0 has`],
    ],
    [
      'an output the parent does not have',
      [input({ vout: 3 })],
      [`input 0 spends ${PARENT}:3, which its parent does not have`],
    ],
  ])('%s', (_, inputs, expected) => {
    expect(check(inputs)).toEqual(expected)
  })
})
