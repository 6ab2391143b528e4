/** Bitcoin as a chain module: names, seeds and addresses on the UTXO model. */
import { UsageError } from '../../core/errors.js'
import type { ChainModule, ChainRef, TxSeedInput } from '../types.js'
import { parseBitcoinAddress, parseTxid } from './address.js'

const BITCOIN: ChainRef = {
  name: 'bitcoin',
  model: 'utxo',
  chainId: null,
  asset: { chain: 'bitcoin', symbol: 'BTC', decimals: 8 },
}

const NAMES = new Set(['bitcoin', 'btc', 'xbt'])

/** `TXID` or `TXID:VOUT` (pins the stolen output). */
function parseTxSeed(input: string): TxSeedInput {
  const [txid = '', vout, ...rest] = input.trim().split(':')
  if (rest.length > 0 || (vout !== undefined && !/^\d{1,6}$/.test(vout)))
    throw new UsageError(`invalid tx "${input}": expected TXID or TXID:VOUT`)
  const parsed = parseTxid(txid)
  return vout === undefined
    ? { txid: parsed }
    : { txid: parsed, vout: Number(vout) }
}

export const bitcoinChain: ChainModule = {
  model: 'utxo',
  names: ['bitcoin'],
  resolve: (input) =>
    NAMES.has(input.trim().toLowerCase()) ? BITCOIN : undefined,
  parseTxSeed,
  parseAddress: (input) => parseBitcoinAddress(input),
  restWord: 'unspent',
  sourceFlags: ['--esplora-url'],
}
