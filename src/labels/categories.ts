/** The label categories as data: light enough for `--help` to list them. */

/**
 * Every category a label may carry, with what it means. The report's freeze
 * letters, flags and stop reasons key on these names, so a misspelt one would
 * silently drop a hit: label files must use exactly these (or an alias).
 */
export const LABEL_CATEGORIES = {
  exchange: 'a custodial exchange (can freeze what it holds)',
  'exchange-deposit': "a customer's deposit address at an exchange",
  service: 'any other custodial service (wallet provider, payment processor)',
  mixer: 'a mixing or coinjoin service',
  bridge: 'a cross-chain bridge',
  swap: 'an instant swap service',
  dex: 'a decentralised exchange contract',
  'mining-pool': 'a mining pool',
  gambling: 'a gambling site',
  market: 'a darknet or other marketplace',
  sanctioned: 'on a sanctions list (OFAC SDN and the like)',
  hack: 'a hacker, exploit or theft address',
  scam: 'a scam, phishing or ponzi address',
  unknown: 'labelled, but the kind of entity is not known',
} as const satisfies Record<string, string>

export type LabelCategory = keyof typeof LABEL_CATEGORIES

export const CATEGORY_NAMES: readonly string[] = Object.keys(LABEL_CATEGORIES)

/** Other vocabularies' words for the categories above. */
export const CATEGORY_ALIASES: Readonly<Record<string, LabelCategory>> = {
  cex: 'exchange',
  mixing_service: 'mixer',
  coinjoin: 'mixer',
  'tornado-cash': 'mixer',
  'ethereum-mixer': 'mixer',
  miner: 'mining-pool',
  mining: 'mining-pool',
  mining_pool: 'mining-pool',
  defi_dex: 'dex',
  defi_bridge: 'bridge',
  sanction: 'sanctioned',
  sanctions: 'sanctioned',
  'ofac-sanctions-lists': 'sanctioned',
  heist: 'hack',
  exploit: 'hack',
  service_hack: 'hack',
  hacker: 'hack',
  compromised: 'hack',
  'phish-hack': 'scam',
  phishing: 'scam',
  ponzi_scheme: 'scam',
  wallet_service: 'service',
}
