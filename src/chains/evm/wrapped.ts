/**
 * Each chain's wrapped native coin (WETH9 or a clone emitting its `Deposit`
 * and `Withdrawal` events), by chain id, lower case. Addresses as the chains'
 * own documentation and block explorers list them: WETH9 on Ethereum
 * (etherscan.io/token/0xc02a…6cc2), the OP Stack predeploy WETH9 on Optimism
 * and Base, WBNB, WPOL (ex-WMATIC), WAVAX, WXDAI and Arbitrum's WETH.
 */
const WRAPPED_NATIVE: Record<number, readonly string[]> = {
  1: ['0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'],
  10: ['0x4200000000000000000000000000000000000006'],
  56: ['0xbb4cdb9cbd36b01bd1cbaebf2de08d9173bc095c'],
  100: ['0xe91d153e0b41518a2ce8dd3d7944fa863463a97d'],
  137: ['0x0d500b1d8e8ef31e21c99d1db9a6444d3adf1270'],
  8453: ['0x4200000000000000000000000000000000000006'],
  42161: ['0x82af49447d8a07e3bd95bd0d56f35241523fbab1'],
  43114: ['0xb31f66aa3c1e785363f0875a1b74e27b85fd66c7'],
}

/** The wrapped native coin contracts of a chain; none known, an empty list. */
export function wrappedNative(chainId: number | null): readonly string[] {
  return chainId === null ? [] : (WRAPPED_NATIVE[chainId] ?? [])
}
