import { describe, expect, it } from 'vitest'
import { transferNotes } from '../../report/case-section.js'
import { resolveEvmChain } from './chains.js'
import {
  type EtherscanToken,
  etherscanListSchema,
  etherscanTokenSchema,
} from './etherscan.schema.js'
import { filterReason, fromTokenRow, validDecimals } from './rows.js'

const chain = resolveEvmChain('ethereum')
const row = (tokenDecimal: string, value = '1000'): EtherscanToken =>
  ({
    hash: `0x${'a'.repeat(64)}`,
    blockNumber: '10',
    timeStamp: '120',
    from: `0x${'1'.repeat(40)}`,
    to: `0x${'2'.repeat(40)}`,
    value,
    contractAddress: `0x${'3'.repeat(40)}`,
    tokenSymbol: 'ODD',
    tokenDecimal,
  }) as EtherscanToken

describe('token decimals outside 0–255 make the token invalid', () => {
  it.each([
    ['0', undefined],
    ['6', undefined],
    ['255', undefined],
    ['256', 'invalid-decimals'],
    ['1000000000', 'invalid-decimals'],
    ['-1', 'invalid-decimals'],
    ['1.5', 'invalid-decimals'],
    ['abc', 'invalid-decimals'],
  ])('decimals %s → %s', (decimals, reason) => {
    expect(filterReason(chain, fromTokenRow(chain, row(decimals), 0))).toBe(
      reason,
    )
  })

  it('lists the transfer in base units, never formatted', () => {
    const transfer = fromTokenRow(chain, row('1000000000', '1234'), 0)
    const { filtered } = transferNotes({
      filtered: [{ transfer, reason: 'invalid-decimals' }],
    })
    expect(filtered).toMatchObject([
      { amount: '1234', amountBase: '1234', reason: 'invalid-decimals' },
    ])
  })
})

describe('a row with an empty tokenDecimal (real for some tokens)', () => {
  const page = (...rows: EtherscanToken[]) => ({
    status: '1',
    message: 'OK',
    result: rows.map((r) => ({ ...r, transactionIndex: '0' })),
  })

  it('does not fail its page', () => {
    const parsed = etherscanListSchema(etherscanTokenSchema).safeParse(
      page(row('6'), row('')),
    )
    expect(parsed.success).toBe(true)
  })

  it('is a token of unknown decimals: listed and filtered', () => {
    const transfer = fromTokenRow(chain, row(''), 0)
    expect(validDecimals(transfer.asset.decimals)).toBe(false)
    expect(filterReason(chain, transfer)).toBe('invalid-decimals')
  })
})
