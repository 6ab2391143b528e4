/**
 * One internal transfer, one identity, whichever explorer or tracer reported
 * it. The facts are those of a real mainnet internal transfer (tx 0x0aa66c2c…,
 * block 20,542,456) as Etherscan (traceId "0_1") and Routescan/Blockscout
 * ("19") number it; the rows are written here in each API's shape.
 */
import { describe, expect, it } from 'vitest'
import { flowEdgeId } from '../../trace/account/flow.js'
import { edgeKey } from '../../trace/account/ledger.js'
import { resolveEvmChain } from './chains.js'
import type { EtherscanInternal } from './etherscan.js'
import {
  compareTransfers,
  fromInternalRow,
  fromRpcTx,
  withOccurrences,
} from './rows.js'
import type { EvmTransfer } from './types.js'

const chain = resolveEvmChain('ethereum')
const TX = '0x0aa66c2ca8d917c7b18a0ba022abcacdca6e50d10a941e6f57c58e329f448ee6'
const FROM = '0x253553366da8546fc250f225fe3d25d0c782303b'
const TO = '0x706a70067be19bdadbea3600db0626859ff25d74'
const VALUE = '77008458570671'

const row = (id: Partial<EtherscanInternal>, to = TO): EtherscanInternal => ({
  blockNumber: '20542456',
  timeStamp: '1723826543',
  hash: TX,
  from: FROM,
  to,
  value: VALUE,
  contractAddress: '',
  type: 'call',
  isError: '0',
  ...id,
})

/** What the graph calls each transfer of a list, after the adapter's numbering. */
function ids(transfers: (EvmTransfer | undefined)[]): string[] {
  const list = transfers.filter((t): t is EvmTransfer => t !== undefined)
  return withOccurrences([...list].sort(compareTransfers)).map((t) =>
    flowEdgeId({ ...t, key: edgeKey(t) }),
  )
}

describe('an internal transfer has one id across sources', () => {
  const fromNode = (): EvmTransfer[] =>
    fromRpcTx({
      chain,
      tx: { hash: TX, from: FROM, to: FROM, value: 0n } as never,
      receipt: {
        status: 'success',
        transactionIndex: 3,
        gasUsed: 0n,
        effectiveGasPrice: 0n,
        logs: [],
      } as never,
      block: { height: 20_542_456, time: 1_723_826_543 },
      internal: [
        { from: FROM, to: TO, value: BigInt(VALUE), position: 7, type: 'CALL' },
      ],
      tokens: new Map(),
      outcome: 'executed',
    }).filter((t) => t.kind === 'internal')

  it.each([
    ['Etherscan traceId "0_1"', { traceId: '0_1' }],
    ['Routescan traceId "19"', { traceId: '19' }],
    [
      'Blockscout index "19"',
      { index: '19', hash: undefined, transactionHash: TX },
    ],
  ])('%s names it like the node trace does', (_, id) => {
    expect(ids([fromInternalRow(chain, row(id), 0)])).toEqual(ids(fromNode()))
  })

  it('"0_1" and "1_1" in one tx are two edges, not one', () => {
    const other = '0x1111111111111111111111111111111111111111'
    const both = ids([
      fromInternalRow(chain, row({ traceId: '0_1' }), 0),
      fromInternalRow(chain, row({ traceId: '1_1' }, other), 1),
    ])
    expect(new Set(both).size).toBe(2)
  })

  it('two identical moves in one tx keep distinct ids', () => {
    const twice = ids([
      fromInternalRow(chain, row({ traceId: '0_1' }), 0),
      fromInternalRow(chain, row({ traceId: '0_2' }), 1),
    ])
    expect(new Set(twice).size).toBe(2)
  })
})
