/**
 * Each chain's wrapped native coin (WETH9 or a clone emitting its `Deposit`
 * and `Withdrawal` events), lower case: WETH9 on Ethereum, the OP Stack
 * predeploy WETH9 on Optimism and Base, WBNB, WPOL (ex-WMATIC), WAVAX, WXDAI
 * and Arbitrum's WETH, as the chains' block explorers list them.
 */
import type { Label, LabelLookup } from '../../core/types.js'

const WRAPPED_NATIVE: readonly {
  chain: string
  chainId: number
  address: string
  symbol: string
}[] = [
  {
    chain: 'ethereum',
    chainId: 1,
    symbol: 'WETH',
    address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
  },
  {
    chain: 'optimism',
    chainId: 10,
    symbol: 'WETH',
    address: '0x4200000000000000000000000000000000000006',
  },
  {
    chain: 'bsc',
    chainId: 56,
    symbol: 'WBNB',
    address: '0xbb4cdb9cbd36b01bd1cbaebf2de08d9173bc095c',
  },
  {
    chain: 'gnosis',
    chainId: 100,
    symbol: 'WXDAI',
    address: '0xe91d153e0b41518a2ce8dd3d7944fa863463a97d',
  },
  {
    chain: 'polygon',
    chainId: 137,
    symbol: 'WPOL',
    address: '0x0d500b1d8e8ef31e21c99d1db9a6444d3adf1270',
  },
  {
    chain: 'base',
    chainId: 8453,
    symbol: 'WETH',
    address: '0x4200000000000000000000000000000000000006',
  },
  {
    chain: 'arbitrum',
    chainId: 42161,
    symbol: 'WETH',
    address: '0x82af49447d8a07e3bd95bd0d56f35241523fbab1',
  },
  {
    chain: 'avalanche',
    chainId: 43114,
    symbol: 'WAVAX',
    address: '0xb31f66aa3c1e785363f0875a1b74e27b85fd66c7',
  },
]

/** The wrapped native coin contracts of a chain; none known, an empty list. */
export function wrappedNative(chainId: number | null): readonly string[] {
  return WRAPPED_NATIVE.filter((w) => w.chainId === chainId).map(
    (w) => w.address,
  )
}

/**
 * The caller's labels with the wrapped coins added: the walk stops at one
 * (its history is everyone's wraps) and reads the wrap off the tx instead.
 */
export function withWrappedNative(base: LabelLookup): LabelLookup {
  return {
    lookup(chain, address) {
      const own = base.lookup(chain, address)
      const lower = address.toLowerCase()
      const found = WRAPPED_NATIVE.find(
        (w) => w.chain === chain && w.address === lower,
      )
      if (!found || own.length > 0) return own
      return [wrappedLabel(found)]
    },
  }
}

function wrappedLabel(w: (typeof WRAPPED_NATIVE)[number]): Label {
  return {
    chain: w.chain,
    address: w.address,
    entity: `${w.symbol} (wrapped native coin)`,
    category: 'wrapped-native',
    source:
      "fundtrace: the chain's canonical wrapped native coin (WETH9 Deposit/Withdrawal)",
    confidence: 'high',
  }
}
