/**
 * THORChain's EVM router as its source declares it (THORChain_Router.sol,
 * router v4 on gitlab.com/thorchain/ethereum/eth-router): the inbound
 * `deposit`/`depositWithExpiry` calls and `Deposit` event, the outbound
 * `TransferOut` and `TransferOutAndCall` events. Pure decoding.
 */
import {
  decodeEventLog,
  decodeFunctionData,
  type Hex,
  parseAbi,
  zeroAddress,
} from 'viem'
import type { ReceiptLog } from '../evm/sources.js'

export const ROUTER_ABI = parseAbi([
  'function deposit(address vault, address asset, uint256 amount, string memo) payable',
  'function depositWithExpiry(address vault, address asset, uint256 amount, string memo, uint256 expiration) payable',
  'event Deposit(address indexed to, address indexed asset, uint256 amount, string memo)',
  'event TransferOut(address indexed vault, address indexed to, address asset, uint256 amount, string memo)',
  'event TransferOutAndCall(address indexed vault, address target, uint256 amount, address finalAsset, address to, uint256 amountOutMin, string memo)',
])

/** A log as receipts and eth_getLogs give it. */
export type RawLog = ReceiptLog

/** One payment into or out of THORChain read off the router's events. */
export type RouterEvent = {
  event: 'Deposit' | 'TransferOut' | 'TransferOutAndCall'
  router: string
  logIndex: number
  /** Deposit: the vault; outbound: the vault that paid. */
  vault: string
  /** Outbound: who was paid (TransferOutAndCall: the final recipient). */
  to: string | null
  /** null for the native coin (the router's zero address). */
  token: string | null
  amount: bigint
  memo: string
}

/** The router events of a receipt, any router address: the memo format decides. */
export function routerEvents(logs: readonly RawLog[]): RouterEvent[] {
  return logs.flatMap((log) => {
    const decoded = decode(log)
    return decoded ? [decoded] : []
  })
}

function decode(log: RawLog): RouterEvent | null {
  let parsed: ReturnType<typeof decodeEventLog<typeof ROUTER_ABI>>
  try {
    parsed = decodeEventLog({
      abi: ROUTER_ABI,
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data as Hex,
    })
  } catch {
    return null
  }
  const base = { router: log.address.toLowerCase(), logIndex: log.logIndex }
  const token = (a: string) =>
    a.toLowerCase() === zeroAddress ? null : a.toLowerCase()
  const { args } = parsed
  if (parsed.eventName === 'Deposit' && 'asset' in args && 'to' in args)
    return {
      ...base,
      event: 'Deposit',
      vault: args.to.toLowerCase(),
      to: null,
      token: token(args.asset),
      amount: args.amount,
      memo: args.memo,
    }
  if (parsed.eventName === 'TransferOut' && 'vault' in args && 'asset' in args)
    return {
      ...base,
      event: 'TransferOut',
      vault: args.vault.toLowerCase(),
      to: args.to.toLowerCase(),
      token: token(args.asset),
      amount: args.amount,
      memo: args.memo,
    }
  if (parsed.eventName === 'TransferOutAndCall' && 'finalAsset' in args)
    return {
      ...base,
      event: 'TransferOutAndCall',
      vault: args.vault.toLowerCase(),
      to: args.to.toLowerCase(),
      token: token(args.finalAsset),
      amount: args.amount,
      memo: args.memo,
    }
  return null
}

/** The memo and vault of a `deposit`/`depositWithExpiry` call, or null. */
export function depositCall(input: string): {
  vault: string
  token: string | null
  amount: bigint
  memo: string
} | null {
  try {
    const { functionName, args } = decodeFunctionData({
      abi: ROUTER_ABI,
      data: input as Hex,
    })
    if (functionName !== 'deposit' && functionName !== 'depositWithExpiry')
      return null
    const [vault, asset, amount, memo] = args
    return {
      vault: vault.toLowerCase(),
      token: asset.toLowerCase() === zeroAddress ? null : asset.toLowerCase(),
      amount,
      memo,
    }
  } catch {
    return null
  }
}
