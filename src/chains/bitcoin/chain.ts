/** Bitcoin as a chain module: names, seeds and addresses on the UTXO model. */
import type { ChainModule, ChainRef } from '../types.js'
import { parseBitcoinAddress, parseBitcoinTxSeed } from './address.js'
import { runBitcoin } from './run.js'

const BITCOIN: ChainRef = {
  name: 'bitcoin',
  model: 'utxo',
  chainId: null,
  asset: { chain: 'bitcoin', symbol: 'BTC', decimals: 8 },
}

const NAMES = new Set(['bitcoin', 'btc', 'xbt'])

export const bitcoinChain: ChainModule = {
  model: 'utxo',
  names: ['bitcoin'],
  resolve: (input) =>
    NAMES.has(input.trim().toLowerCase()) ? BITCOIN : undefined,
  parseTxSeed: parseBitcoinTxSeed,
  parseAddress: (input) => parseBitcoinAddress(input),
  restWord: 'unspent',
  sourceFlags: ['--esplora-url'],
  run: (chain, request) => runBitcoin(chain, request),
}
