/**
 * An EVM address seed: a drained wallet. Every outflow from the victim's
 * address at or after `since` is part of the theft. That includes token
 * transfers the attacker pulled with an approval (transferFrom), whose tx
 * the attacker sent: they are read from the address's history, not from who
 * signed the tx.
 */
import type { AccountChainAdapter, CallOptions } from '../../core/types.js'

export type AddressSeed = { address: string; since?: number | undefined }

export type AddressSeedTx = {
  txHash: string
  /** Unix seconds of the block. */
  time: number
  /** What left the address in this tx, e.g. "1.5 ETH, 2,000 USDT". */
  assets: string[]
}

/** The txs that moved value out of `seed.address` from `seed.since` on, oldest first. */
export async function addressSeedTxs(
  adapter: AccountChainAdapter,
  seed: AddressSeed,
  options: CallOptions = {},
): Promise<AddressSeedTx[]> {
  const transfers = await adapter.getAddressTransfers(seed.address, {
    ...options,
    fromBlock: 0,
  })
  const since = seed.since ?? 0
  const byTx = new Map<string, AddressSeedTx>()
  for (const t of transfers) {
    if (t.from !== seed.address || t.to === seed.address) continue
    if (t.value === 0n || t.block.time < since) continue
    const entry = byTx.get(t.txHash) ?? {
      txHash: t.txHash,
      time: t.block.time,
      assets: [],
    }
    if (!entry.assets.includes(t.asset.symbol))
      entry.assets.push(t.asset.symbol)
    byTx.set(t.txHash, entry)
  }
  return [...byTx.values()]
}
