/** Links from a report to public block explorers, for a reader to check a tx. */
import type { Report } from '../types.js'

const TXID = /^[0-9a-f]{64}$/i
const EVM_TX = /^0x[0-9a-f]{64}$/i

/** Web explorers of the EVM chains the CLI names (src/chains/evm/chains.ts). */
const EVM_EXPLORERS: Record<string, string> = {
  ethereum: 'https://etherscan.io',
  bsc: 'https://bscscan.com',
  polygon: 'https://polygonscan.com',
  arbitrum: 'https://arbiscan.io',
  optimism: 'https://optimistic.etherscan.io',
  base: 'https://basescan.org',
  avalanche: 'https://snowtrace.io',
}

/** Public explorer URL for a tx, or null when the chain or hash is unknown. */
export function explorerTxUrl(chain: string, txHash: string): string | null {
  const evm = EVM_EXPLORERS[chain]
  if (evm)
    return EVM_TX.test(txHash) ? `${evm}/tx/${txHash.toLowerCase()}` : null
  if (!TXID.test(txHash)) return null
  const hash = txHash.toLowerCase()
  switch (chain) {
    case 'bitcoin':
      return `https://mempool.space/tx/${hash}`
    case 'bitcoin-testnet':
    case 'testnet':
      return `https://mempool.space/testnet/tx/${hash}`
    case 'bitcoin-signet':
    case 'signet':
      return `https://mempool.space/signet/tx/${hash}`
    default:
      return null
  }
}

/** No link in a synthetic report: its txs exist on no public chain. */
export function reportTxUrl(
  report: Pick<Report, 'provenance'>,
  chain: string,
  txHash: string,
): string | null {
  return report.provenance?.synthetic ? null : explorerTxUrl(chain, txHash)
}
