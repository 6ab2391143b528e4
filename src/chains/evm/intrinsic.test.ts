import { describe, expect, it } from 'vitest'
import {
  calldataFloor,
  intrinsicGas,
  isPrecompile,
  ranCode,
} from './intrinsic.js'

const TO = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
/** forward(address): selector and one padded address word (4 + 32 bytes, 12 of them zero). */
const FORWARD = `0x6e9c9b04${'0'.repeat(24)}${'ab'.repeat(20)}`

describe('intrinsicGas', () => {
  it.each([
    ['a plain transfer', { to: TO, input: '0x' }, 21_000n],
    // 24 non-zero bytes x 16, 12 zero bytes x 4.
    ['a call with 36 bytes of calldata', { to: TO, input: FORWARD }, 21_432n],
    // 32,000 for the creation and 2 per 32-byte initcode word (2 words).
    [
      'a creation with 36 bytes of initcode',
      { to: null, input: FORWARD },
      21_000n + 432n + 32_000n + 4n,
    ],
    [
      'an access list of one address and two keys',
      {
        to: TO,
        input: '0x',
        accessList: [{ storageKeys: ['0x01', '0x02'] }],
      },
      21_000n + 2_400n + 3_800n,
    ],
    [
      'one EIP-7702 authorisation',
      { to: TO, input: '0x', authorizationList: [{}] },
      46_000n,
    ],
  ])('%s', (_name, tx, want) => {
    expect(intrinsicGas(tx)).toBe(want)
  })
})

describe('ranCode: above both the intrinsic cost and the EIP-7623 floor', () => {
  it.each([
    ['a plain transfer at 21,000', { to: TO, input: '0x' }, 21_000n, false],
    // The report of the issue: a contract call that used 56,452 gas.
    ['a forward() call at 56,452', { to: TO, input: FORWARD }, 56_452n, true],
    // 36 bytes: floor 21,000 + 10 x (12 + 4 x 24) = 22,080 > 21,432.
    [
      'calldata to an account without code, at the floor',
      { to: TO, input: FORWARD },
      22_080n,
      false,
    ],
    ['one gas above the floor', { to: TO, input: FORWARD }, 22_081n, true],
  ])('%s', (_name, tx, gasUsed, want) => {
    expect(ranCode(tx, gasUsed)).toBe(want)
  })

  it('the floor counts a zero byte as one token and any other as four', () => {
    expect(calldataFloor({ input: '0x00ff' })).toBe(21_000n + 10n * 5n)
  })
})

describe('isPrecompile', () => {
  it.each([
    ['0x0000000000000000000000000000000000000002', true],
    ['0x0000000000000000000000000000000000000100', true],
    [TO, false],
    [null, false],
  ])('%s → %s', (to, want) => {
    expect(isPrecompile(to)).toBe(want)
  })
})
