/**
 * One Tron tx as account transfers, from the FullNode's two answers: the tx
 * (its contract call: TRX amount or call_value) and its info (fee, block,
 * TRC-20 logs, internal TRX transfers). A failed tx moves nothing but its fee.
 */
import type { AccountTransfer, Asset } from '../../core/types.js'
import { isErc20TransferLog } from '../evm/erc20.js'
import { hexToTron } from './address.js'
import type { TronTx, TronTxInfo } from './trongrid.schema.js'

export const TRX: Asset = { chain: 'tron', symbol: 'TRX', decimals: 6 }

/** The tx's own value comes first, then what it caused. */
const NATIVE_INDEX = -1

export type TokenInfo = { symbol: string; decimals: number }

/** SUCCESS in both the tx's ret and the info's result; anything else moved nothing. */
export function succeeded(tx: TronTx, info: TronTxInfo): boolean {
  const ret = tx.ret?.[0]?.contractRet ?? 'SUCCESS'
  return ret === 'SUCCESS' && (info.result ?? 'SUCCESS') === 'SUCCESS'
}

export function tronTransfers(
  tx: TronTx,
  info: TronTxInfo,
  tokenOf: (contract: string) => TokenInfo | undefined,
): AccountTransfer[] {
  const base = {
    chain: 'tron',
    txHash: tx.txID.toLowerCase(),
    block: {
      height: info.blockNumber,
      time: Math.floor(info.blockTimeStamp / 1000),
    },
    txIndex: 0,
  }
  const ok = succeeded(tx, info)
  const call = tx.raw_data.contract[0]?.parameter.value
  const to = call?.to_address ?? call?.contract_address
  const native: AccountTransfer = {
    ...base,
    asset: TRX,
    kind: 'native',
    logIndex: NATIVE_INDEX,
    from: hexToTron(call?.owner_address ?? ''),
    to: to ? hexToTron(to) : '',
    value: ok ? BigInt(call?.amount ?? call?.call_value ?? 0) : 0n,
    // TRX burned for energy and bandwidth.
    fee: BigInt(info.fee ?? 0),
  }
  if (!ok) return [native]
  return [
    native,
    ...internalTransfers(info, base),
    ...tokenTransfers(info, base, tokenOf),
  ]
}

type Base = Pick<AccountTransfer, 'chain' | 'txHash' | 'block' | 'txIndex'>

function internalTransfers(info: TronTxInfo, base: Base): AccountTransfer[] {
  return (info.internal_transactions ?? []).flatMap((move, i) => {
    const value = move.callValueInfo.reduce(
      (sum, v) => sum + BigInt(v.callValue ?? 0),
      0n,
    )
    if (move.rejected || value === 0n) return []
    return [
      {
        ...base,
        asset: TRX,
        kind: 'internal' as const,
        logIndex: i + 1,
        from: hexToTron(move.caller_address),
        to: hexToTron(move.transferTo_address),
        value,
      },
    ]
  })
}

/** TRC-20 Transfer logs in their exact shape; a token of unknown decimals is marked so the adapter filters it. */
function tokenTransfers(
  info: TronTxInfo,
  base: Base,
  tokenOf: (contract: string) => TokenInfo | undefined,
): AccountTransfer[] {
  return (info.log ?? []).flatMap((log, logIndex) => {
    // The node writes hex without 0x; the EVM module's one shape rule decides.
    const hex = (h: string) => `0x${h.replace(/^0x/, '')}`
    const [, from, to] = log.topics
    const exact = isErc20TransferLog({
      topics: log.topics.map(hex) as [`0x${string}`],
      data: hex(log.data ?? '') as `0x${string}`,
    })
    if (!exact) return []
    const contract = hexToTron(log.address)
    const token = tokenOf(contract)
    return [
      {
        ...base,
        asset: {
          chain: 'tron',
          symbol: token?.symbol ?? contract,
          decimals: token?.decimals ?? -1,
          contract,
        },
        kind: 'erc20' as const,
        logIndex,
        from: hexToTron((from ?? '').slice(-40)),
        to: hexToTron((to ?? '').slice(-40)),
        value: BigInt(`0x${(log.data ?? '').replace(/^0x/, '')}`),
      },
    ]
  })
}
