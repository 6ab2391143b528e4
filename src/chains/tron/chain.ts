/** Tron as one chain module: TRX and TRC-20 tokens on the account model. */
import type { ChainModule, ChainRef } from '../types.js'
import { parseTronAddress, parseTronTxid } from './address.js'
import { runTron } from './run.js'
import { TRX } from './transfers.js'

const NAMES = ['tron', 'trx', '728126428']

function resolve(input: string): ChainRef | undefined {
  if (!NAMES.includes(input.trim().toLowerCase())) return undefined
  return { name: 'tron', model: 'account', chainId: 728126428, asset: TRX }
}

export const tronChain: ChainModule = {
  model: 'account',
  names: ['tron'],
  resolve,
  parseTxSeed: (input) => ({ txid: parseTronTxid(input) }),
  parseAddress: parseTronAddress,
  restWord: 'still held',
  run: runTron,
  sourceFlags: ['--explorer-url', '--rpc-url'],
}
