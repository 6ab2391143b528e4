/**
 * Reading THORChain swaps off each chain's own data: where a tainted payment
 * entered THORChain (inbound) and the payment that answered it (outbound).
 * One reader per chain model, over that chain's adapter; no THORChain API.
 */
import type {
  AccountChainAdapter,
  Asset,
  UtxoChainAdapter,
} from '../../core/types.js'
import type { ReceiptLog } from '../evm/sources.js'
import { bitcoinInbound, bitcoinOutbound } from './bitcoin.js'
import { normaliseHash, parseThorMemo, type ThorMemo } from './memo.js'
import { routerEvents } from './router.js'

/** One side of a swap, on one chain. */
export type SwapSide = {
  chain: string
  txHash: string
  /** Output index (UTXO) or log index of the router event (account). */
  index: number
  /** The vault (inbound) or the recipient (outbound). */
  address: string
  asset: Asset
  amount: bigint
  /** Unix seconds; null while unconfirmed. */
  time: number | null
}

export type Inbound = SwapSide & {
  memo: Extract<ThorMemo, { kind: 'swap' | 'other' }>
  /** Who paid in: where THORChain sends a refund. */
  sender: string | null
}

export type Outbound = SwapSide & {
  kind: 'out' | 'refund'
  memo: string
  /** How the walk on this chain starts from it. */
  seed: { tx: string; from?: string | undefined; to?: string | undefined }
}

export type OutboundQuery = {
  inboundHash: string
  /** Who THORChain pays: the memo's destination, or the sender for a refund. */
  recipient: string
  /** Unix seconds of the inbound: the outbound comes after it. */
  after: number
  windowSeconds: number
}

export type ThorchainReader = {
  chain: string
  /** The THORChain inbounds of a tx in `asset` (a tx may pay several). */
  inbounds(txHash: string, asset: Asset): Promise<Inbound[]>
  findOutbound(query: OutboundQuery): Promise<Outbound | null>
}

export function createBitcoinReader(
  adapter: UtxoChainAdapter,
): ThorchainReader {
  return {
    chain: adapter.chain,
    async inbounds(txHash) {
      const tx = await adapter.getTx(txHash)
      const found = bitcoinInbound(tx)
      if (!found) return []
      const output = tx.outputs[found.vout]
      return [
        {
          chain: adapter.chain,
          txHash,
          index: found.vout,
          address: found.vault,
          asset: adapter.asset,
          amount: output?.value ?? 0n,
          time: tx.block?.time ?? null,
          memo: found.memo,
          sender: tx.inputs[0]?.address ?? null,
        },
      ]
    },
    async findOutbound(query) {
      const txids = await adapter.getAddressTxids(query.recipient, {
        since: query.after,
      })
      for (const txid of txids) {
        const tx = await adapter.getTx(txid)
        const time = tx.block?.time ?? null
        if (time !== null && !inWindow(time, query)) continue
        const paid = bitcoinOutbound(tx, query.inboundHash, query.recipient)
        if (!paid) continue
        return {
          chain: adapter.chain,
          txHash: txid,
          index: paid.vout,
          address: query.recipient,
          asset: adapter.asset,
          amount: paid.value,
          time,
          kind: paid.kind,
          memo: paid.memo,
          seed: { tx: `${txid}:${paid.vout}` },
        }
      }
      return null
    },
  }
}

export function createEvmReader(
  adapter: AccountChainAdapter,
  receiptLogs: (hash: string) => Promise<ReceiptLog[]>,
): ThorchainReader {
  return {
    chain: adapter.chain,
    async inbounds(txHash, asset) {
      const events = routerEvents(await receiptLogs(txHash))
      const transfers = await adapter.getTxTransfers(txHash)
      const time = transfers[0]?.block.time ?? null
      const sender = transfers.find((t) => t.kind === 'native')?.from ?? null
      return events.flatMap((e) => {
        const memo = parseThorMemo(e.memo)
        if (e.event !== 'Deposit' || !memo) return []
        if (memo.kind !== 'swap' && memo.kind !== 'other') return []
        if ((e.token ?? null) !== (asset.contract?.toLowerCase() ?? null))
          return []
        return [
          {
            chain: adapter.chain,
            txHash,
            index: e.logIndex,
            address: e.vault,
            asset,
            amount: e.amount,
            time,
            memo,
            sender,
          },
        ]
      })
    },
    async findOutbound(query) {
      const recipient = adapter.parseAddress(query.recipient)
      const inflows = await adapter.getAddressTransfers(recipient, {
        fromBlock: 0,
      })
      const seen = new Set<string>()
      for (const t of inflows) {
        if (t.to !== recipient || seen.has(t.txHash)) continue
        if (!inWindow(t.block.time, query)) continue
        seen.add(t.txHash)
        const paid = await outboundIn(t.txHash, query, recipient, receiptLogs)
        if (!paid) continue
        const transfer = inflows.find(
          (x) =>
            x.txHash === t.txHash &&
            x.to === recipient &&
            x.value === paid.amount,
        )
        if (!transfer) continue
        return {
          chain: adapter.chain,
          txHash: t.txHash,
          index: paid.logIndex,
          address: recipient,
          asset: transfer.asset,
          amount: paid.amount,
          time: t.block.time,
          kind: paid.kind,
          memo: paid.memo,
          seed: { tx: t.txHash, from: transfer.from, to: recipient },
        }
      }
      return null
    },
  }
}

/** The router event of `txHash` paying `recipient` for the inbound, if any. */
async function outboundIn(
  txHash: string,
  query: OutboundQuery,
  recipient: string,
  receiptLogs: (hash: string) => Promise<ReceiptLog[]>,
): Promise<{
  kind: 'out' | 'refund'
  memo: string
  amount: bigint
  logIndex: number
} | null> {
  const wanted = normaliseHash(query.inboundHash)
  for (const e of routerEvents(await receiptLogs(txHash))) {
    if (e.event === 'Deposit' || e.to !== recipient) continue
    const memo = parseThorMemo(e.memo)
    if (!memo || (memo.kind !== 'out' && memo.kind !== 'refund')) continue
    if (memo.inboundHash !== wanted) continue
    return {
      kind: memo.kind,
      memo: e.memo,
      amount: e.amount,
      logIndex: e.logIndex,
    }
  }
  return null
}

function inWindow(time: number, query: OutboundQuery): boolean {
  return time >= query.after && time <= query.after + query.windowSeconds
}
