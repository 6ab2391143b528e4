/**
 * The one registry of chain modules: a chain name or id is resolved here,
 * once, and everything else asks the module it gets back.
 */
import { UsageError } from '../core/errors.js'
import { bitcoinChain } from './bitcoin/chain.js'
import { evmChain } from './evm/chain.js'
import { tronChain } from './tron/chain.js'
import type { ChainModel, ChainModule, ChainRef, TxSeedInput } from './types.js'

// Re-exported so callers reach a module through the registry and its import order.
export { bitcoinChain, evmChain }

/**
 * Tron before EVM: viem also lists a "tron" chain, which is not an EVM chain
 * fundtrace can read. A function, not a constant: a chain module's own imports
 * may reach this registry before the module itself has finished loading.
 */
export const chainModules = (): readonly ChainModule[] => [
  bitcoinChain,
  tronChain,
  evmChain,
]

/** Which chain a mistyped value most likely belongs to: a 0x hash is EVM before Tron. */
const hintOrder = (): readonly ChainModule[] => [
  bitcoinChain,
  evmChain,
  tronChain,
]

export type ResolvedChain = ChainRef & { module: ChainModule }

/** Resolves `bitcoin`, `ethereum`, `bsc`, … or a numeric EVM chain id; exit 2 otherwise. */
export function resolveChain(input: string): ResolvedChain {
  for (const module of chainModules()) {
    const ref = module.resolve(input)
    if (ref) return { ...ref, module }
  }
  throw new UsageError(
    `unknown chain "${input}": use ${chainNames().join(', ')}`,
  )
}

/** Like resolveChain, but undefined for a name no module knows. */
export function findChain(input: string): ResolvedChain | undefined {
  try {
    return resolveChain(input)
  } catch {
    return undefined
  }
}

export function chainNames(): string[] {
  return chainModules().flatMap((m) => m.names)
}

/** The model of a chain named in a report; an unknown name is an account chain. */
export function modelOf(chain: string): ChainModel {
  return findChain(chain)?.model ?? 'account'
}

/**
 * A seed that does not parse on its chain, with a hint when it parses on
 * another (an EVM hash given without --chain).
 */
export function parseTxSeed(chain: ResolvedChain, input: string): TxSeedInput {
  try {
    return chain.module.parseTxSeed(input)
  } catch (err) {
    throw withHint(err, (m) => m.parseTxSeed(input), chain)
  }
}

export function parseAddress(chain: ResolvedChain, input: string): string {
  try {
    return chain.module.parseAddress(input)
  } catch (err) {
    throw withHint(err, (m) => m.parseAddress(input), chain)
  }
}

function withHint(
  err: unknown,
  parses: (m: ChainModule) => unknown,
  chain: ResolvedChain,
): unknown {
  if (!(err instanceof UsageError)) return err
  const other = hintOrder().find((m) => {
    if (m === chain.module) return false
    try {
      parses(m)
      return true
    } catch {
      return false
    }
  })
  if (!other) return err
  const example = other.names[0] ?? ''
  return new UsageError(
    `${err.shortMessage} (it looks like ${other === evmChain ? 'an EVM' : `a ${example}`} value: set the chain, e.g. --chain ${example})`,
    { cause: err },
  )
}
