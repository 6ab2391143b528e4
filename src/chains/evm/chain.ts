/** EVM chains as one chain module: any chain viem knows, on the account model. */
import { UsageError } from '../../core/errors.js'
import type { ChainModule, ChainRef } from '../types.js'
import { parseEvmAddress, parseEvmTxHash } from './address.js'
import { EVM_CHAIN_NAMES, findEvmChain } from './chains.js'
import { runEvm } from './run.js'

function resolve(input: string): ChainRef | undefined {
  const chain = findEvmChain(input)
  if (!chain) return undefined
  return {
    name: chain.name,
    model: 'account',
    chainId: chain.chainId,
    asset: chain.asset,
  }
}

export const evmChain: ChainModule = {
  model: 'account',
  names: [...EVM_CHAIN_NAMES, '<numeric chain id>'],
  resolve,
  parseTxSeed: (input) => {
    if (input.includes(':'))
      throw new UsageError(
        `invalid tx "${input}": EVM seeds are plain tx hashes (no :vout)`,
      )
    return { txid: parseEvmTxHash(input) }
  },
  parseAddress: parseEvmAddress,
  restWord: 'still held',
  run: (chain, request) => runEvm(chain, request),
  sourceFlags: [
    '--explorer-url',
    '--explorer-kind',
    '--rpc-url',
    '--no-explorer',
  ],
}
