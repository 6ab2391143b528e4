/**
 * Same-transaction conversions: in one tx an address sends asset A and it,
 * or the recipient the swap names, receives asset B. Read from the tx's
 * transfers and its receipt's own events (Uniswap V2/V3 `Swap`, WETH9
 * `Deposit`/`Withdrawal`); the rate is what the chain shows. Through
 * several pools only the first input and the last output matter. Pure.
 */
import { decodeEventLog, type Hex, parseAbi } from 'viem'
import type { AccountTransfer, Asset } from '../../core/types.js'
import type { ReceiptLog } from './sources.js'

export const DEX_EVENTS_ABI = parseAbi([
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
  'event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)',
  'event Deposit(address indexed dst, uint256 wad)',
  'event Withdrawal(address indexed src, uint256 wad)',
])

/** Which reading named the output: the swap's recipient, the sender itself, or a wrap. */
export type ConversionRule =
  | 'uniswap-v2-swap-to'
  | 'uniswap-v3-swap-recipient'
  | 'same-address'
  | 'weth-deposit'
  | 'weth-withdrawal'

export type Conversion = {
  rule: ConversionRule
  /** Asset A and what the sender put in of it in this tx. */
  input: { asset: Asset; amount: bigint; from: string }
  /** The payment of asset B the funds became (a wrap's is read off its event). */
  output: AccountTransfer
}

/** A log as receipts give it. */
export type ConversionLog = ReceiptLog

export type ConversionInput = {
  /** The tainted address that sent asset A. */
  sender: string
  /** Asset A, as the tainted transfer carried it. */
  asset: Asset
  transfers: readonly AccountTransfer[]
  logs: readonly ConversionLog[]
  /** The chain's wrapped native coin contracts (WETH9 and its clones), lower case. */
  wrapped: readonly string[]
  /** The chain's native coin: a wrap's other side. */
  native: Asset
}

type Decoded =
  | { kind: 'swap'; rule: ConversionRule; recipient: string; logIndex: number }
  | {
      kind: 'wrap'
      event: 'Deposit' | 'Withdrawal'
      account: string
      wad: bigint
      contract: string
      logIndex: number
    }

export function readConversion(input: ConversionInput): Conversion | null {
  const events = decodeAll(input)
  const transfers = [...input.transfers, ...wrapTransfers(input, events)]
  const a = keyOf(input.asset)
  const amount = transfers
    .filter((t) => t.from === input.sender && keyOf(t.asset) === a)
    .reduce((s, t) => s + t.value, 0n)
  if (amount === 0n) return null
  const found = outputOf(input, transfers, events)
  if (!found) return null
  return {
    rule: found.rule,
    input: { asset: input.asset, amount, from: input.sender },
    output: found.output,
  }
}

/**
 * The last payment of another asset to the sender or to the last swap's
 * recipient; where that recipient (a router) passes the asset on, or unwraps
 * it and pays the native coin on, the payment it makes.
 */
function outputOf(
  input: ConversionInput,
  transfers: readonly AccountTransfer[],
  events: readonly Decoded[],
): { rule: ConversionRule; output: AccountTransfer } | null {
  const a = keyOf(input.asset)
  const other = transfers.filter(
    (t) => keyOf(t.asset) !== a && t.value > 0n && t.from !== t.to,
  )
  const swaps = events.filter((e) => e.kind === 'swap')
  const lastSwap = swaps.at(-1)
  if (lastSwap) {
    const paid = handedOn(input, other, lastSwap.recipient)
    if (paid) return { rule: lastSwap.rule, output: paid }
  }
  const own = lastOf(
    other.filter((t) => t.to === input.sender && t.from !== input.sender),
  )
  if (!own) return null
  return { rule: wrapRule(events, own) ?? 'same-address', output: own }
}

/** Follows a recipient that only passes value on (a router), at most a few steps. */
function handedOn(
  input: ConversionInput,
  other: readonly AccountTransfer[],
  recipient: string,
): AccountTransfer | null {
  let holder = recipient
  let paid = lastOf(
    other.filter((t) => t.to === holder && t.from !== input.sender),
  )
  for (let step = 0; paid && holder !== input.sender && step < 3; step++) {
    const from = holder
    const next = lastOf(
      other.filter((t) => t.from === from && !input.wrapped.includes(t.to)),
    )
    if (!next) break
    paid = next
    holder = next.to
  }
  return paid ?? null
}

function wrapRule(
  events: readonly Decoded[],
  t: AccountTransfer,
): ConversionRule | null {
  const wrap = events.find(
    (e) => e.kind === 'wrap' && e.account === t.to && e.wad === t.value,
  )
  if (wrap?.kind !== 'wrap') return null
  return wrap.event === 'Deposit' ? 'weth-deposit' : 'weth-withdrawal'
}

/**
 * WETH9 emits no Transfer for a wrap or an unwrap: the token side of each is
 * read off `Deposit(dst, wad)` / `Withdrawal(src, wad)`, and only where the
 * native coin moved the other way in the same tx (dst paid the contract wad;
 * the contract paid src wad).
 */
function wrapTransfers(
  input: ConversionInput,
  events: readonly Decoded[],
): AccountTransfer[] {
  const natives = input.transfers.filter((t) => t.kind !== 'erc20')
  const template = input.transfers[0]
  if (!template) return []
  return events.flatMap((e) => {
    if (e.kind !== 'wrap') return []
    const deposit = e.event === 'Deposit'
    const matched = natives.some((t) =>
      deposit
        ? t.from === e.account && t.to === e.contract && t.value === e.wad
        : t.from === e.contract && t.to === e.account && t.value === e.wad,
    )
    if (!matched) return []
    const asset = wrappedAsset(input, e.contract)
    return [
      {
        chain: template.chain,
        asset,
        kind: 'erc20' as const,
        txHash: template.txHash,
        block: template.block,
        txIndex: template.txIndex,
        logIndex: e.logIndex,
        from: deposit ? e.contract : e.account,
        to: deposit ? e.account : e.contract,
        value: e.wad,
      },
    ]
  })
}

/** The wrapped coin as the tx's own token rows name it, else W + the native symbol. */
function wrappedAsset(input: ConversionInput, contract: string): Asset {
  const seen = input.transfers.find(
    (t) => t.asset.contract?.toLowerCase() === contract,
  )
  if (seen) return seen.asset
  return {
    chain: input.native.chain,
    symbol: `W${input.native.symbol}`,
    decimals: input.native.decimals,
    contract,
  }
}

function decodeAll(input: ConversionInput): Decoded[] {
  return [...input.logs]
    .sort((x, y) => x.logIndex - y.logIndex)
    .flatMap((log) => {
      const d = decodeOne(log, input.wrapped)
      return d ? [d] : []
    })
}

function decodeOne(
  log: ConversionLog,
  wrapped: readonly string[],
): Decoded | null {
  let parsed: ReturnType<typeof decodeEventLog<typeof DEX_EVENTS_ABI>>
  try {
    parsed = decodeEventLog({
      abi: DEX_EVENTS_ABI,
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data as Hex,
      strict: true,
    })
  } catch {
    return null
  }
  const contract = log.address.toLowerCase()
  const { logIndex } = log
  const args = parsed.args as Record<string, unknown>
  if (parsed.eventName === 'Swap') {
    const v2 = typeof args.to === 'string'
    const recipient = String(v2 ? args.to : args.recipient).toLowerCase()
    return {
      kind: 'swap',
      rule: v2 ? 'uniswap-v2-swap-to' : 'uniswap-v3-swap-recipient',
      recipient,
      logIndex,
    }
  }
  // Deposit(address,uint256) is a common event shape: only a wrapped native coin's counts.
  if (!wrapped.includes(contract)) return null
  const account = String(args.dst ?? args.src).toLowerCase()
  return {
    kind: 'wrap',
    event: parsed.eventName,
    account,
    wad: args.wad as bigint,
    contract,
    logIndex,
  }
}

function lastOf(list: readonly AccountTransfer[]): AccountTransfer | undefined {
  return [...list].sort(byPosition).at(-1)
}

/** Token logs by log index; internal calls by trace position after them; the tx's own value first. */
function byPosition(x: AccountTransfer, y: AccountTransfer): number {
  const rank = (t: AccountTransfer) =>
    t.kind === 'native' ? 0 : t.kind === 'erc20' ? 1 : 2
  return rank(x) - rank(y) || x.logIndex - y.logIndex
}

function keyOf(asset: Asset): string {
  return asset.contract?.toLowerCase() ?? 'native'
}
