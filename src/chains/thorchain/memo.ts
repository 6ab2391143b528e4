/**
 * THORChain memos as THORChain documents them (dev.thorchain.org, "Transaction
 * Memos"): `SWAP:ASSET:DEST:LIM/INTERVAL/QUANTITY:AFFILIATE:FEE` (also `s:` and
 * `=:`), and the outbound `OUT:<inbound hash>` / `REFUND:<inbound hash>`. Pure:
 * the memo stays verbatim beside what was read from it.
 */

/** A THORChain asset: `CHAIN.SYMBOL[-CONTRACT]`, synth `CHAIN/SYMBOL`, trade `CHAIN~SYMBOL`. */
export type ThorAsset = {
  /** THORChain's chain code: BTC, ETH, BSC, AVAX, BASE, THOR, … */
  chain: string
  symbol: string
  /** The token contract (`0x…`), or its last characters when the memo shortens it. */
  contract?: string | undefined
  kind: 'layer1' | 'synth' | 'trade'
  /** As written in the memo (a short code stays `b`, `e`). */
  text: string
}

export type ThorAffiliate = { name: string; bps: number | null }

export type ThorMemo =
  | {
      kind: 'swap'
      memo: string
      asset: ThorAsset
      /** Empty when the memo leaves it out (the sender receives). */
      destination: string
      refundAddress?: string | undefined
      /** Least output, in THORChain's 1e8 units; null when absent or 0. */
      limit: bigint | null
      /** Streaming swap: blocks between sub-swaps and their number. */
      streaming?: { interval: number; quantity: number } | undefined
      affiliates: ThorAffiliate[]
    }
  | { kind: 'out' | 'refund'; memo: string; inboundHash: string }
  | { kind: 'other'; memo: string; action: string }

/** THORChain's shortened asset codes, for memos that must fit 80 bytes. */
const SHORT_CODES: Record<string, string> = {
  a: 'AVAX.AVAX',
  b: 'BTC.BTC',
  c: 'BCH.BCH',
  d: 'DOGE.DOGE',
  e: 'ETH.ETH',
  f: 'BASE.ETH',
  g: 'GAIA.ATOM',
  l: 'LTC.LTC',
  r: 'THOR.RUNE',
  s: 'BSC.BNB',
}

const SWAP = new Set(['swap', 's', '='])
const OTHER_ACTIONS = new Set([
  '+',
  'a',
  'add',
  '-',
  'wd',
  'withdraw',
  'loan+',
  '$+',
  'loan-',
  '$-',
  'bond',
  'unbond',
  'leave',
  'donate',
  'd',
  'reserve',
  '~',
  'name',
  'n',
  'trade+',
  'trade-',
  'secure+',
  'secure-',
  'pool+',
  'pool-',
  'noop',
  'migrate',
  'ragnarok',
  'consolidate',
  'yggdrasilfund',
  'yggdrasilreturn',
])

/** The memo read, or null when it is not a THORChain memo at all. */
export function parseThorMemo(memo: string): ThorMemo | null {
  const parts = memo.split(':')
  const action = (parts[0] ?? '').trim().toLowerCase()
  if (SWAP.has(action)) return parseSwap(memo, parts.slice(1))
  if (action === 'out' || action === 'refund') {
    const inboundHash = normaliseHash(parts[1] ?? '')
    if (!inboundHash || parts.length !== 2) return null
    return { kind: action, memo, inboundHash }
  }
  if (OTHER_ACTIONS.has(action) && parts.length > 1)
    return { kind: 'other', memo, action: parts[0] ?? '' }
  return null
}

/** A tx hash as THORChain writes it: 64 hex, upper case, no 0x. */
export function normaliseHash(hash: string): string | null {
  const hex = hash.trim().replace(/^0x/i, '')
  return /^[0-9a-fA-F]{64}$/.test(hex) ? hex.toUpperCase() : null
}

function parseSwap(memo: string, fields: string[]): ThorMemo | null {
  const [assetText = '', dest = '', limitText = '', aff = '', fee = ''] = fields
  const asset = parseThorAsset(assetText)
  if (!asset) return null
  const limits = parseLimit(limitText)
  if (!limits) return null
  const [destination = '', refundAddress] = dest.trim().split('/')
  return {
    kind: 'swap',
    memo,
    asset,
    destination,
    ...(refundAddress ? { refundAddress } : {}),
    ...limits,
    affiliates: parseAffiliates(aff, fee),
  }
}

/** `CHAIN.SYMBOL[-CONTRACT]`, its synth and trade forms, or a short code. */
export function parseThorAsset(input: string): ThorAsset | null {
  const text = input.trim()
  const full = SHORT_CODES[text] ?? SHORT_CODES[text.toLowerCase()] ?? text
  const match =
    /^([A-Za-z0-9]+)([./~])([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?$/.exec(full)
  if (!match) return null
  const [, chain = '', sep, symbol = '', contract] = match
  const kind = sep === '.' ? 'layer1' : sep === '/' ? 'synth' : 'trade'
  return {
    chain: chain.toUpperCase(),
    symbol: symbol.toUpperCase(),
    ...(contract ? { contract: contract.toLowerCase() } : {}),
    kind,
    text,
  }
}

/** `LIM`, `LIM/INTERVAL/QUANTITY`, LIM possibly in THORChain's `1234e5` form. */
function parseLimit(
  text: string,
): Pick<Extract<ThorMemo, { kind: 'swap' }>, 'limit' | 'streaming'> | null {
  const [lim = '', interval, quantity] = text.trim().split('/')
  const limMatch = /^(\d*)(?:e(\d+))?$/i.exec(lim)
  if (!limMatch) return null
  const digits = limMatch[1] ?? ''
  const limit =
    digits === '' ? 0n : BigInt(digits) * 10n ** BigInt(limMatch[2] ?? '0')
  const streaming =
    interval !== undefined
      ? { interval: Number(interval || 0), quantity: Number(quantity || 0) }
      : undefined
  if (
    streaming &&
    !(
      Number.isInteger(streaming.interval) &&
      Number.isInteger(streaming.quantity)
    )
  )
    return null
  return {
    limit: limit === 0n ? null : limit,
    ...(streaming ? { streaming } : {}),
  }
}

/** `name[/name…]:bps[/bps…]`: each affiliate with its fee, where given. */
function parseAffiliates(names: string, fees: string): ThorAffiliate[] {
  if (!names.trim()) return []
  const bps = fees.split('/')
  return names.split('/').map((name, i) => {
    const fee = Number.parseInt(bps[i] ?? bps[0] ?? '', 10)
    return { name: name.trim(), bps: Number.isFinite(fee) ? fee : null }
  })
}

/** THORChain chain codes our chain modules trace; others are leads only. */
const CHAIN_NAMES: Record<string, string> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  BSC: 'bsc',
  AVAX: 'avalanche',
  BASE: 'base',
}

/**
 * Our chain name for where a swap pays out, or null when we trace none:
 * synths and trade assets stay on THORChain itself.
 */
export function chainOfThorAsset(
  asset: Pick<ThorAsset, 'chain' | 'kind'>,
): string | null {
  if (asset.kind !== 'layer1') return null
  return CHAIN_NAMES[asset.chain] ?? null
}

/** THORChain's code for one of our chains, for the inbound side. */
export function thorChainCode(chain: string): string | null {
  const found = Object.entries(CHAIN_NAMES).find(([, name]) => name === chain)
  return found?.[0] ?? null
}
