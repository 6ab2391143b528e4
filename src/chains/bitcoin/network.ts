/**
 * Which Bitcoin network an Esplora server serves, told by its genesis block
 * hash. A testnet or signet server answers the same paths with coins worth
 * nothing, so a trace checks this once, before any trace work, and never
 * calls another network's coins "bitcoin".
 */
import { UsageError } from '../../core/errors.js'
import type { CallOptions } from '../../core/types.js'
import { ReplayMissError } from '../../sources/errors.js'
import type { EsploraSource } from './esplora.js'

/** Bitcoin Core's chainparams; every signet, default or custom, shares one genesis block. */
const GENESIS_NETWORKS: Readonly<Record<string, string>> = {
  '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f':
    'Bitcoin mainnet',
  '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943':
    'Bitcoin testnet3',
  '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043':
    'Bitcoin testnet4',
  '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6':
    'Bitcoin signet',
  '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206':
    'Bitcoin regtest',
}

export const MAINNET_GENESIS =
  '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f'

/** The network a genesis block hash names, in words. */
export function networkOfGenesis(hash: string): string {
  return GENESIS_NETWORKS[hash] ?? `an unknown network (genesis block ${hash})`
}

export type NetworkCheckOptions = CallOptions & {
  /** The Esplora URL as messages may show it (secrets removed). */
  shownUrl: string
}

/**
 * Throws UsageError (exit 2) unless the server's block 0 is mainnet's.
 * Evidence recorded before this check existed has no answer to replay:
 * that is returned as a limitation for the report, never guessed.
 */
export async function checkEsploraNetwork(
  esplora: EsploraSource,
  options: NetworkCheckOptions,
): Promise<string | undefined> {
  const call = options.signal ? { signal: options.signal } : {}
  let genesis: string
  try {
    genesis = await esplora.getBlockHash(0, call)
  } catch (err) {
    if (err instanceof ReplayMissError)
      return `The network of ${options.shownUrl} was not checked: this evidence holds no answer to GET /block-height/0 (it was recorded before fundtrace asked for the genesis block).`
    throw err
  }
  if (genesis !== MAINNET_GENESIS)
    throw new UsageError(
      `${options.shownUrl} serves ${networkOfGenesis(genesis)}, not Bitcoin mainnet (--chain bitcoin)`,
    )
  return undefined
}
