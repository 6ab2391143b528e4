/** An in-memory AccountChainAdapter over plain transfers (Ethereum, ETH native). */
import { TooManyTransfersError } from '../../src/core/errors.js'
import type {
  AccountChainAdapter,
  AccountTransfer,
  Asset,
} from '../../src/core/types.js'

export const ETH: Asset = { chain: 'ethereum', symbol: 'ETH', decimals: 18 }
export const USDT: Asset = {
  chain: 'ethereum',
  symbol: 'USDT',
  decimals: 6,
  contract: '0xdac17f958d2ee523a2206206994597c13d831ec7',
}

/** `stopsEarly`: like the explorer adapter, refuses to read past maxTransfers. */
export function createFakeAccountAdapter(
  all: readonly AccountTransfer[],
  stopsEarly = false,
): AccountChainAdapter {
  return {
    model: 'account',
    chain: 'ethereum',
    chainId: 1,
    asset: ETH,
    limitations: [],
    explorer: { tx: (h) => h, address: (a) => a },
    parseAddress: (a) => a.toLowerCase(),
    parseTxid: (h) => h.toLowerCase(),
    getTxTransfers: async (h) => all.filter((x) => x.txHash === h),
    getAddressTransfers: async (a, { fromBlock, maxTransfers }) => {
      const rows = all.filter(
        (x) => (x.from === a || x.to === a) && x.block.height >= fromBlock,
      )
      if (
        stopsEarly &&
        maxTransfers !== undefined &&
        rows.length > maxTransfers
      )
        throw new TooManyTransfersError(maxTransfers, `the history of ${a}`)
      return rows
    },
    getTipHeight: async () => 1000,
  }
}
