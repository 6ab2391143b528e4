/** Explorer directory names in the Etherscan label scrapes → chains. */
const EXPLORERS: Record<string, string> = {
  etherscan: 'ethereum',
  bscscan: 'bsc',
  polygonscan: 'polygon',
  arbiscan: 'arbitrum',
  optimism: 'optimism',
  'optimistic-etherscan': 'optimism',
  basescan: 'base',
  snowtrace: 'avalanche',
  avalanche: 'avalanche',
  ftmscan: 'fantom',
  celo: 'celo',
  celoscan: 'celo',
  gnosis: 'gnosis',
  gnosisscan: 'gnosis',
}

/** `data/<explorer>/...` in a path names the chain; defaults to ethereum. */
export function chainFromPath(path: string): string {
  const parts = path.split(/[\\/]/).map((p) => p.toLowerCase())
  for (const part of parts) {
    const chain = EXPLORERS[part]
    if (chain) return chain
  }
  return 'ethereum'
}

/** `.../<label>/accounts.json` or `.../accounts/<label>.csv` → label slug. */
export function labelFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]/)
  const last = parts.at(-1) ?? ''
  if (/^accounts\.json$/i.test(last)) return parts.at(-2)
  const match = /^([^.]+)\.(csv|json)$/i.exec(last)
  return match && parts.at(-2) === 'accounts' ? match[1] : undefined
}
