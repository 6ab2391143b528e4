/**
 * THORChain's addresses as labels: the public EVM routers (bundled with
 * their source, so a trace recognises them even with --no-bundled-labels),
 * and Bitcoin vaults, which rotate and are known only from a tx whose
 * OP_RETURN memo names THORChain.
 */
import type { Label, LabelLookup } from '../../core/types.js'

export const THORCHAIN_ENTITY = 'THORChain'
const SOURCE =
  'https://dev.thorchain.org/concepts/querying-thorchain.html (inbound_addresses router)'

/** Router contracts by chain, lower case (data-sources.md §5.2; bridges.csv). */
export const THORCHAIN_ROUTERS: readonly { chain: string; address: string }[] =
  [
    {
      chain: 'ethereum',
      address: '0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146',
    },
    {
      chain: 'ethereum',
      address: '0x42a5ed456650a09dc10ebc6361a7480fdd61f27b',
    },
    { chain: 'bsc', address: '0xb30ec53f98ff5947ede720d32ac2da7e52a5f56b' },
    {
      chain: 'avalanche',
      address: '0x00dc6100103bc402d490aee3f9a5560cbd91f1d4',
    },
    { chain: 'base', address: '0x00dc6100103bc402d490aee3f9a5560cbd91f1d4' },
  ]

/** Is this label one of THORChain's (router or vault)? */
export const isThorchainLabel = (label: Pick<Label, 'entity'>): boolean =>
  label.entity.startsWith(THORCHAIN_ENTITY)

export type SwapLabels = LabelLookup & {
  /** A vault seen paid with a THORChain memo in `txid`. */
  addVault(chain: string, address: string, txid: string): void
  /** Extra router addresses (a test's own deployment). */
  addRouter(chain: string, address: string, source: string): void
}

/** The caller's labels, with THORChain's routers and the vaults seen so far. */
export function createSwapLabels(base: LabelLookup): SwapLabels {
  const extra = new Map<string, Label>()
  const key = (chain: string, address: string) =>
    `${chain}|${address.startsWith('0x') ? address.toLowerCase() : address}`
  const add = (label: Label) => {
    const k = key(label.chain, label.address)
    if (!extra.has(k)) extra.set(k, label)
  }
  const router = (chain: string, address: string, source: string) =>
    add({
      chain,
      address,
      entity: `${THORCHAIN_ENTITY} Router`,
      category: 'bridge',
      source,
      confidence: 'high',
    })
  for (const r of THORCHAIN_ROUTERS) router(r.chain, r.address, SOURCE)
  return {
    lookup(chain, address) {
      const own = base.lookup(chain, address)
      const found = extra.get(key(chain, address))
      if (!found || own.some(isThorchainLabel)) return own
      return [...own, found]
    },
    addVault(chain, address, txid) {
      add({
        chain,
        address,
        entity: `${THORCHAIN_ENTITY} vault`,
        category: 'bridge',
        source: `THORChain memo in the OP_RETURN of tx ${txid}`,
        confidence: 'high',
      })
    },
    addRouter: router,
  }
}
